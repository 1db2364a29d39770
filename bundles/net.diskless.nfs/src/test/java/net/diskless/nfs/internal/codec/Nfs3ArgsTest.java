package net.diskless.nfs.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import net.diskless.api.nfs.FileAttr;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.SetAttr;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.junit.jupiter.api.Test;

class Nfs3ArgsTest {

    private static final byte[] FH = new byte[32];

    private static byte[] bytes(Reply.Encoder e) throws IOException {
        Xdr x = new Xdr(64);
        x.beginEncoding();
        e.encode(x);
        x.endEncoding();
        return x.getBytes();
    }

    private static Nfs3Args roundTrip(int proc, Nfs3Args args) throws IOException {
        Xdr x = new Xdr(bytes(args::encode));
        x.beginDecoding();
        return Nfs3Args.decode(proc, x);
    }

    @Test
    void everyProcedureRoundTrips() throws IOException {
        SetAttr attr = new SetAttr(0644, 1, 2, 3L, Instant.ofEpochSecond(4, 5), Instant.ofEpochSecond(6));
        List<Object[]> cases = List.of(
                new Object[] {Nfs3.GETATTR, new Nfs3Args.Fh(FH)},
                new Object[] {Nfs3.SETATTR, new Nfs3Args.Setattr(FH, attr, Instant.ofEpochSecond(9))},
                new Object[] {Nfs3.LOOKUP, new Nfs3Args.DirOp(FH, "name")},
                new Object[] {Nfs3.ACCESS, new Nfs3Args.Access(FH, 0x3f)},
                new Object[] {Nfs3.READ, new Nfs3Args.Read(FH, 1L << 40, 1 << 20)},
                new Object[] {Nfs3.CREATE, new Nfs3Args.Create(FH, "f", Nfs3.CREATE_GUARDED, attr, null)},
                new Object[] {Nfs3.MKDIR, new Nfs3Args.Mkdir(FH, "d", SetAttr.NONE)},
                new Object[] {Nfs3.SYMLINK, new Nfs3Args.Symlink(FH, "l", SetAttr.NONE, "../x")},
                new Object[] {Nfs3.MKNOD, new Nfs3Args.Mknod(FH, "n", FileType.CHR, SetAttr.NONE, 1, 3)},
                new Object[] {Nfs3.RENAME, new Nfs3Args.Rename(FH, "a", FH, "b")},
                new Object[] {Nfs3.LINK, new Nfs3Args.Link(FH, FH, "h")},
                new Object[] {Nfs3.READDIR, new Nfs3Args.Readdir(FH, 7, 8, 4096, -1)},
                new Object[] {Nfs3.READDIRPLUS, new Nfs3Args.Readdir(FH, 7, 8, 512, 32768)},
                new Object[] {Nfs3.COMMIT, new Nfs3Args.Commit(FH, 0, 0)});
        for (Object[] c : cases) {
            Nfs3Args decoded = roundTrip((Integer) c[0], (Nfs3Args) c[1]);
            assertEquals(c[1].getClass(), decoded.getClass());
            assertArrayEquals(bytes(((Nfs3Args) c[1])::encode), bytes(decoded::encode), "procedure " + c[0]);
        }
        var excl = (Nfs3Args.Create) roundTrip(Nfs3.CREATE,
                new Nfs3Args.Create(FH, "f", Nfs3.CREATE_EXCLUSIVE, SetAttr.NONE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, excl.verifier());
        var w = (Nfs3Args.Write) roundTrip(Nfs3.WRITE,
                new Nfs3Args.Write(FH, 5, 3, Nfs3.FILE_SYNC, ByteBuffer.wrap(new byte[] {9, 8, 7})));
        assertEquals(3, w.data().remaining());
        assertEquals(7, w.data().get(2));
    }

    @Test
    void handlesLongerThan64BytesAreGarbage() throws IOException {
        Xdr x = new Xdr(bytes(new Nfs3Args.Fh(new byte[65])::encode));
        x.beginDecoding();
        assertThrows(IOException.class, () -> Nfs3Args.decode(Nfs3.GETATTR, x));
    }

    @Test
    void hugeAnnouncedLengthsFailWithoutAllocating() throws IOException {
        // a LOOKUP whose name announces 2 GB in a message of a few bytes
        byte[] call = bytes(x -> {
            x.xdrEncodeDynamicOpaque(FH);
            x.xdrEncodeInt(Integer.MAX_VALUE);
        });
        Xdr x = new Xdr(call);
        x.beginDecoding();
        assertThrows(IOException.class, () -> Nfs3Args.decode(Nfs3.LOOKUP, x));
        byte[] write = bytes(w -> {
            w.xdrEncodeDynamicOpaque(FH);
            w.xdrEncodeLong(0);
            w.xdrEncodeInt(-1);
            w.xdrEncodeInt(0);
            w.xdrEncodeInt(Integer.MAX_VALUE);
        });
        Xdr y = new Xdr(write);
        y.beginDecoding();
        assertThrows(IOException.class, () -> Nfs3Args.decode(Nfs3.WRITE, y));
    }

    @Test
    void everyTruncationOfACallFails() throws IOException {
        byte[] full = bytes(new Nfs3Args.Rename(FH, "from", FH, "to")::encode);
        for (int n = 0; n < full.length; n++) {
            Xdr x = new Xdr(java.util.Arrays.copyOf(full, n));
            x.beginDecoding();
            assertThrows(IOException.class, () -> Nfs3Args.decode(Nfs3.RENAME, x), "first " + n + " bytes");
        }
    }

    @Test
    void badEnumsAreGarbage() throws IOException {
        byte[] mknod = bytes(x -> {
            x.xdrEncodeDynamicOpaque(FH);
            x.xdrEncodeString("n");
            x.xdrEncodeInt(99);
        });
        Xdr x = new Xdr(mknod);
        x.beginDecoding();
        assertInstanceOf(GarbageArgs.class, assertThrows(IOException.class, () -> Nfs3Args.decode(Nfs3.MKNOD, x)));
    }

    @Test
    void fattrIs84BytesInRfcOrder() throws IOException {
        FileAttr a = new FileAttr(FileType.DIR, 0755, 2, 10, 20, 4096, 8192, 0, 0, 77,
                Instant.ofEpochSecond(1), Instant.ofEpochSecond(2, 3), Instant.ofEpochSecond(4));
        ByteBuffer b = ByteBuffer.wrap(bytes(x -> Xdr3.encodeFattr(x, a, 5)));
        assertEquals(84, b.remaining());
        assertEquals(2, b.getInt()); // NF3DIR
        assertEquals(0755, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(10, b.getInt());
        assertEquals(20, b.getInt());
        assertEquals(4096, b.getLong());
        assertEquals(8192, b.getLong());
        b.getLong(); // rdev
        assertEquals(5, b.getLong());
        assertEquals(77, b.getLong());
        assertEquals(1, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(3, b.getInt());
    }

    @Test
    void mountReplies() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes(x -> MountArgs.encodeMnt3(x, Nfs3.MNT3_OK, FH, new int[] {1})));
        assertEquals(0, b.getInt());
        assertEquals(32, b.getInt());
        b.position(b.position() + 32);
        assertEquals(1, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(4, bytes(x -> MountArgs.encodeMnt3(x, Nfs3.MNT3ERR_ACCES, null, null)).length);
        assertEquals(36, bytes(x -> MountArgs.encodeMnt1(x, 0, FH)).length);
        ByteBuffer e = ByteBuffer.wrap(bytes(x -> MountArgs.encodeExports(x,
                List.of(new MountArgs.Exported("/a", List.of("10.0.0.1")), new MountArgs.Exported("/b", List.of())))));
        assertEquals(1, e.getInt());
        assertEquals(2, e.getInt()); // "/a"
        e.getInt();
        assertEquals(1, e.getInt());
        assertEquals(8, e.getInt()); // "10.0.0.1"
        e.position(e.position() + 8);
        assertEquals(0, e.getInt());
        assertEquals(1, e.getInt());
        assertEquals(2, e.getInt()); // "/b"
        e.getInt();
        assertEquals(0, e.getInt()); // no groups: everyone
        assertEquals(0, e.getInt());
        assertEquals(0, e.remaining());
    }
}
