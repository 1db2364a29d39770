package net.diskless.nfs.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.nfs.internal.codec.Nfs3;
import net.diskless.nfs.internal.codec.Reply;
import net.diskless.nfs.internal.exports.Export;
import net.diskless.nfs.internal.exports.ExportsParser;
import net.diskless.nfs.internal.exports.ExportsTable;
import net.diskless.nfs.internal.handle.FileHandle;
import net.diskless.nfs.internal.handle.HandleKey;
import net.diskless.rpc.server.PeerLog;
import net.diskless.rpc.server.RpcServer;
import net.diskless.rpc.server.ServerSettings;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNT and NFS on loopback, spoken to with hand-made RPC messages: what real clients never send (bad, forged
 * and foreign handles, 2 GB counts, made-up cookies, names with {@code /}, AUTH_NONE, truncated calls) gets a
 * status or GARBAGE_ARGS, and the server keeps answering.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NfsServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(NfsServerTest.class);
    private static final int AUTH_NONE = 0;
    private static final int AUTH_SYS = 1;

    @TempDir
    Path tmp;
    private RpcServer nfs;
    private RpcServer nfsUdp;
    private RpcServer mount;
    private NfsCore core;
    private Path ro;
    private Path rw;
    private int xid = 1;

    @BeforeEach
    void start() throws Exception {
        ro = Files.createDirectories(tmp.resolve("ro"));
        rw = Files.createDirectories(tmp.resolve("rw"));
        Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(ro.resolve("file"), "0123456789");
        Files.createSymbolicLink(ro.resolve("escape"), tmp.resolve("secret"));
        Files.writeString(tmp.resolve("exports"), ro + " -ro -maproot=0 -alldirs 127.0.0.1\n" + rw + " -maproot=0 127.0.0.1\n"
                + tmp.resolve("secret") + " 10.1.2.3\n");
        HandleKey key = new HandleKey(new byte[32]);
        ExportsTable exports = new ExportsTable(tmp.resolve("exports"), new ExportsParser(ExportsParser.ids(
                Map.<String, Integer>of()::get, Map.<String, Integer>of()::get)), 0, m -> { });
        core = new NfsCore(key, exports, n -> List.of(), () -> null, 100_000, 0);
        PeerLog peerLog = new PeerLog(LOG, TimeUnit.SECONDS.toNanos(60), 64);
        Limits limits = new Limits(1 << 20, 32768);
        InetAddress lo = InetAddress.getLoopbackAddress();
        nfs = RpcServer.start(new ServerSettings("nfs", lo, 0, -1, (1 << 20) + 4096, 2, 64, 0),
                Map.of(new OncRpcProgram(Nfs3.PROGRAM, 3), new Nfs3Program(core, limits, true, peerLog)), LOG);
        nfsUdp = RpcServer.start(new ServerSettings("nfs", lo, -1, 0, 65536, 2, 64, 0),
                Map.of(new OncRpcProgram(Nfs3.PROGRAM, 3), new Nfs3Program(core, limits, false, peerLog)), LOG);
        MountProgram.Listener quiet = new MountProgram.Listener() {
            @Override
            public void mounted(InetSocketAddress peer, String path, Export export) {
            }

            @Override
            public void refused(InetSocketAddress peer, String path, String reason) {
            }

            @Override
            public void unmounted(InetSocketAddress peer, String path) {
            }
        };
        mount = RpcServer.start(new ServerSettings("mount", lo, 0, -1, 8192, 1, 16, 0),
                Map.of(new OncRpcProgram(Nfs3.MOUNT_PROGRAM, 3), new MountProgram(core, quiet, peerLog)), LOG);
    }

    @AfterEach
    void stop() {
        nfs.close();
        nfsUdp.close();
        mount.close();
        core.close();
    }

    // ---- a minimal RPC client -------------------------------------------------------------------------------

    private static byte[] encode(Reply.Encoder e) throws IOException {
        Xdr x = new Xdr(128);
        x.beginEncoding();
        e.encode(x);
        x.endEncoding();
        return x.getBytes();
    }

    private byte[] call(int prog, int proc, int flavor, byte[] args) throws IOException {
        int id = xid++;
        return encode(x -> {
            x.xdrEncodeInt(id);
            x.xdrEncodeInt(0);
            x.xdrEncodeInt(2);
            x.xdrEncodeInt(prog);
            x.xdrEncodeInt(3);
            x.xdrEncodeInt(proc);
            x.xdrEncodeInt(flavor);
            if (flavor == AUTH_SYS) {
                x.xdrEncodeDynamicOpaque(encode(c -> {
                    c.xdrEncodeInt(0);
                    c.xdrEncodeString("test");
                    c.xdrEncodeInt(0);
                    c.xdrEncodeInt(0);
                    c.xdrEncodeIntVector(new int[0]);
                }));
            } else {
                x.xdrEncodeInt(0);
            }
            x.xdrEncodeInt(0);
            x.xdrEncodeInt(0);
            x.xdrEncodeOpaque(args, args.length);
        });
    }

    /** Sends one call over TCP; returns the reply body after accept_stat, with accept_stat first. */
    private ByteBuffer tcp(int port, byte[] message) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(4).putInt(0x80000000 | message.length).array());
            out.write(message);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int mark = in.readInt();
            byte[] reply = new byte[mark & 0x7fffffff];
            in.readFully(reply);
            return afterHeader(reply);
        }
    }

    private static ByteBuffer afterHeader(byte[] reply) {
        ByteBuffer b = ByteBuffer.wrap(reply);
        b.getInt(); // xid
        assertEquals(1, b.getInt(), "a reply");
        assertEquals(0, b.getInt(), "MSG_ACCEPTED");
        b.getInt(); // verifier flavor
        int verifier = b.getInt();
        b.position(b.position() + ((verifier + 3) & ~3));
        return b; // accept_stat next
    }

    private ByteBuffer nfs(int proc, byte[] args) throws IOException {
        return nfs(proc, AUTH_SYS, args);
    }

    private ByteBuffer nfs(int proc, int flavor, byte[] args) throws IOException {
        ByteBuffer b = tcp(nfs.tcpAddress().orElseThrow().getPort(), call(Nfs3.PROGRAM, proc, flavor, args));
        assertEquals(0, b.getInt(), "SUCCESS");
        return b;
    }

    private byte[] mnt(String path) throws IOException {
        ByteBuffer b = tcp(mount.tcpAddress().orElseThrow().getPort(),
                call(Nfs3.MOUNT_PROGRAM, Nfs3.MOUNTPROC_MNT, AUTH_SYS, encode(x -> x.xdrEncodeString(path))));
        assertEquals(0, b.getInt());
        int status = b.getInt();
        if (status != 0) {
            return new byte[] {(byte) status};
        }
        byte[] fh = new byte[b.getInt()];
        b.get(fh);
        return fh;
    }

    private static byte[] lookupArgs(byte[] dir, String name) throws IOException {
        return encode(x -> {
            x.xdrEncodeDynamicOpaque(dir);
            x.xdrEncodeString(name);
        });
    }

    private static byte[] handleOf(ByteBuffer lookupOk) {
        byte[] fh = new byte[lookupOk.getInt()];
        lookupOk.get(fh);
        return fh;
    }

    // ---- tests ------------------------------------------------------------------------------------------

    @Test
    void mountRefusesWhatIsNotExportedToThisClient() throws IOException {
        assertEquals(32, mnt(ro.toString()).length);
        assertEquals(32, mnt(ro + "/").length);
        assertEquals(Nfs3.MNT3ERR_ACCES, mnt(tmp.resolve("secret").toString())[0], "listed for another host");
        assertEquals(Nfs3.MNT3ERR_ACCES, mnt(tmp.toString())[0], "not exported");
        assertEquals(Nfs3.MNT3ERR_ACCES, mnt(ro + "/../secret")[0]);
        assertEquals(Nfs3.MNT3ERR_NOTDIR, mnt(ro + "/escape")[0], "a link is not walked through");
        assertEquals(Nfs3.MNT3ERR_ACCES, mnt(rw + "/sub")[0], "no -alldirs");
    }

    @Test
    void badForgedAndForeignHandles() throws IOException {
        byte[] root = mnt(ro.toString());
        assertEquals(NfsStatus.OK.code(), nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(root))).getInt());
        for (byte[] bad : List.of(new byte[0], new byte[8], Arrays.copyOf(root, 31), Arrays.copyOf(root, 64))) {
            assertEquals(NfsStatus.BADHANDLE.code(), nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(bad))).getInt());
        }
        byte[] tampered = root.clone();
        tampered[15] ^= 1; // another file id
        assertEquals(NfsStatus.BADHANDLE.code(), nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(tampered))).getInt());
        // a well-signed handle (as if the key had leaked) of a file outside every export: still nothing
        HandleKey key = new HandleKey(new byte[32]);
        long secretIno = (Long) Files.getAttribute(tmp.resolve("secret"), "unix:ino");
        byte[] outside = key.encode(new FileHandle(HandleKey.exportId(ro.toString()), secretIno));
        assertEquals(NfsStatus.STALE.code(), nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(outside))).getInt());
        // the export of another client
        byte[] foreign = key.encode(new FileHandle(HandleKey.exportId(tmp.resolve("secret").toString()), secretIno));
        assertEquals(NfsStatus.ACCES.code(), nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(foreign))).getInt());
        // an export that no longer exists
        byte[] gone = key.encode(new FileHandle(HandleKey.exportId("/nowhere"), 2));
        assertEquals(NfsStatus.STALE.code(), nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(gone))).getInt());
    }

    @Test
    void namesAndDotDot() throws IOException {
        byte[] root = mnt(ro.toString());
        ByteBuffer up = nfs(Nfs3.LOOKUP, lookupArgs(root, ".."));
        assertEquals(0, up.getInt());
        assertTrue(Arrays.equals(root, handleOf(up)), ".. of the export root is the root");
        assertEquals(NfsStatus.INVAL.code(), nfs(Nfs3.LOOKUP, lookupArgs(root, "a/b")).getInt());
        assertEquals(NfsStatus.INVAL.code(), nfs(Nfs3.LOOKUP, lookupArgs(root, "a\0b")).getInt());
        assertEquals(NfsStatus.INVAL.code(), nfs(Nfs3.LOOKUP, lookupArgs(root, "")).getInt());
        assertEquals(NfsStatus.NAMETOOLONG.code(), nfs(Nfs3.LOOKUP, lookupArgs(root, "x".repeat(300))).getInt());
        ByteBuffer link = nfs(Nfs3.LOOKUP, lookupArgs(root, "escape"));
        assertEquals(0, link.getInt());
        byte[] linkFh = handleOf(link);
        ByteBuffer r = nfs(Nfs3.READLINK, encode(x -> x.xdrEncodeDynamicOpaque(linkFh)));
        assertEquals(0, r.getInt());
        assertEquals(NfsStatus.NOTDIR.code(), nfs(Nfs3.LOOKUP, lookupArgs(linkFh, "x")).getInt());
    }

    @Test
    void hugeCountsAndReadsBeyondTheEnd() throws IOException {
        byte[] root = mnt(ro.toString());
        ByteBuffer f = nfs(Nfs3.LOOKUP, lookupArgs(root, "file"));
        assertEquals(0, f.getInt());
        byte[] file = handleOf(f);
        for (long[] oc : new long[][] {{0, 0x80000000L}, {0, 0xffffffffL}, {5, 0x7fffffff}, {1L << 50, 100}, {-1, 100}}) {
            ByteBuffer r = nfs(Nfs3.READ, encode(x -> {
                x.xdrEncodeDynamicOpaque(file);
                x.xdrEncodeLong(oc[0]);
                x.xdrEncodeInt((int) oc[1]);
            }));
            assertEquals(0, r.getInt(), Arrays.toString(oc));
            if (r.getInt() == 1) {
                r.position(r.position() + 84);
            }
            int count = r.getInt();
            assertTrue(count <= 10, "count " + count);
            assertEquals(1, r.getInt(), "eof");
        }
        for (int count : new int[] {0x7fffffff, -1, 0, 1}) {
            ByteBuffer d = nfs(Nfs3.READDIRPLUS, encode(x -> {
                x.xdrEncodeDynamicOpaque(root);
                x.xdrEncodeLong(0x1234567890L); // a made-up cookie
                x.xdrEncodeLong(42);
                x.xdrEncodeInt(count);
                x.xdrEncodeInt(count);
            }));
            int status = d.getInt();
            assertTrue(status == 0 || status == NfsStatus.TOOSMALL.code(), "status " + status + " for " + count);
        }
    }

    @Test
    void readOnlyAndAnonymous() throws IOException {
        byte[] root = mnt(ro.toString());
        byte[] create = encode(x -> {
            x.xdrEncodeDynamicOpaque(root);
            x.xdrEncodeString("new");
            x.xdrEncodeInt(Nfs3.CREATE_GUARDED);
            for (int i = 0; i < 6; i++) {
                x.xdrEncodeInt(0);
            }
        });
        assertEquals(NfsStatus.ROFS.code(), nfs(Nfs3.CREATE, create).getInt());
        assertEquals(NfsStatus.ROFS.code(), nfs(Nfs3.REMOVE, lookupArgs(root, "file")).getInt());
        byte[] rwRoot = mnt(rw.toString());
        byte[] createRw = encode(x -> {
            x.xdrEncodeDynamicOpaque(rwRoot);
            x.xdrEncodeString("new");
            x.xdrEncodeInt(Nfs3.CREATE_GUARDED);
            for (int i = 0; i < 6; i++) {
                x.xdrEncodeInt(0);
            }
        });
        // AUTH_NONE is nobody even where root is mapped to root: the export's root directory is root's, 0755
        Files.setPosixFilePermissions(rw, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(NfsStatus.ACCES.code(), nfs(Nfs3.CREATE, AUTH_NONE, createRw).getInt());
        assertEquals(NfsStatus.OK.code(), nfs(Nfs3.CREATE, AUTH_SYS, createRw).getInt(), "root, -maproot=0");
        assertTrue(Files.exists(rw.resolve("new")));
        assertEquals(NfsStatus.EXIST.code(), nfs(Nfs3.CREATE, AUTH_SYS, createRw).getInt());
    }

    @Test
    void truncatedAndGarbageCallsGetGarbageArgsAndTheServerGoesOn() throws IOException {
        byte[] root = mnt(ro.toString());
        byte[] full = lookupArgs(root, "file");
        for (int n : new int[] {0, 4, 20, full.length - 4}) { // whole XDR units: the call pads to four bytes
            ByteBuffer b = tcp(nfs.tcpAddress().orElseThrow().getPort(),
                    call(Nfs3.PROGRAM, Nfs3.LOOKUP, AUTH_SYS, Arrays.copyOf(full, n)));
            assertEquals(4, b.getInt(), "GARBAGE_ARGS for " + n + " bytes");
        }
        ByteBuffer huge = tcp(nfs.tcpAddress().orElseThrow().getPort(), call(Nfs3.PROGRAM, Nfs3.WRITE, AUTH_SYS,
                encode(x -> {
                    x.xdrEncodeDynamicOpaque(root);
                    x.xdrEncodeLong(0);
                    x.xdrEncodeInt(-1);
                    x.xdrEncodeInt(0);
                    x.xdrEncodeInt(0x7fffffff);
                })));
        assertEquals(4, huge.getInt(), "GARBAGE_ARGS for 2 GB of announced data");
        // over UDP too, and a datagram of junk gets no answer but breaks nothing
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            InetSocketAddress to = nfsUdp.udpAddress().orElseThrow();
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), to.getPort());
            s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, target));
            byte[] msg = call(Nfs3.PROGRAM, Nfs3.GETATTR, AUTH_SYS, encode(x -> x.xdrEncodeDynamicOpaque(root)));
            s.send(new DatagramPacket(msg, msg.length, target));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            s.receive(p);
            ByteBuffer b = afterHeader(Arrays.copyOf(p.getData(), p.getLength()));
            assertEquals(0, b.getInt());
            assertEquals(0, b.getInt(), "GETATTR over UDP");
        }
        assertEquals(0, nfs(Nfs3.GETATTR, encode(x -> x.xdrEncodeDynamicOpaque(root))).getInt());
    }
}
