package net.diskless.nfs.internal.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import net.diskless.api.nfs.FileAttr;
import net.diskless.rpc.server.SafeXdr;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.glassfish.grizzly.Buffer;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** The XDR pieces NFS version 3 replies are made of (RFC 1813 section 2.5 and 2.6). */
public final class Xdr3 {

    private Xdr3() {
    }

    public static byte[] decodeHandle(XdrDecodingStream x) throws IOException {
        return SafeXdr.opaque(x, Nfs3.FHSIZE, "nfs_fh3");
    }

    public static String decodeName(XdrDecodingStream x) throws IOException {
        return SafeXdr.string(x, Nfs3.MAX_NAME_ON_WIRE, "filename3");
    }

    /**
     * WRITE's {@code opaque data<>} as a view of the message, without a copy. The announced length is checked
     * against the bytes the message holds first: oncrpc4j's own check overflows on lengths near 2 GB.
     */
    public static ByteBuffer decodeData(XdrDecodingStream x) throws IOException {
        if (x instanceof Xdr xdr) {
            Buffer b = xdr.asBuffer();
            if (b.remaining() < 4) {
                throw new GarbageArgs("WRITE data: message ends");
            }
            int length = b.getInt(b.position());
            if (length < 0 || length > b.remaining() - 4) {
                throw new GarbageArgs("WRITE data of " + Integer.toUnsignedString(length) + " bytes, "
                        + (b.remaining() - 4) + " in the message");
            }
            return x.xdrDecodeByteBuffer();
        }
        return ByteBuffer.wrap(SafeXdr.opaque(x, Integer.MAX_VALUE, "WRITE data"));
    }

    public static Instant decodeTime(XdrDecodingStream x) throws IOException {
        long seconds = Integer.toUnsignedLong(x.xdrDecodeInt());
        long nanos = Integer.toUnsignedLong(x.xdrDecodeInt());
        return Instant.ofEpochSecond(seconds, Math.min(nanos, 999_999_999L));
    }

    public static void encodeTime(XdrEncodingStream x, Instant t) throws IOException {
        long seconds = Math.max(0, Math.min(t.getEpochSecond(), 0xffffffffL));
        x.xdrEncodeInt((int) seconds);
        x.xdrEncodeInt(t.getNano());
    }

    /** fattr3: 84 bytes. */
    public static void encodeFattr(XdrEncodingStream x, FileAttr a, long fsid) throws IOException {
        x.xdrEncodeInt(a.type().code());
        x.xdrEncodeInt(a.mode());
        x.xdrEncodeInt(a.nlink());
        x.xdrEncodeInt(a.uid());
        x.xdrEncodeInt(a.gid());
        x.xdrEncodeLong(a.size());
        x.xdrEncodeLong(a.used());
        x.xdrEncodeInt(a.rdevMajor());
        x.xdrEncodeInt(a.rdevMinor());
        x.xdrEncodeLong(fsid);
        x.xdrEncodeLong(a.fileId());
        encodeTime(x, a.atime());
        encodeTime(x, a.mtime());
        encodeTime(x, a.ctime());
    }

    /** post_op_attr. */
    public static void encodePostOp(XdrEncodingStream x, FileAttr a, long fsid) throws IOException {
        x.xdrEncodeBoolean(a != null);
        if (a != null) {
            encodeFattr(x, a, fsid);
        }
    }

    /** wcc_data: pre_op_attr (size, mtime, ctime) then post_op_attr. */
    public static void encodeWcc(XdrEncodingStream x, FileAttr before, FileAttr after, long fsid) throws IOException {
        x.xdrEncodeBoolean(before != null);
        if (before != null) {
            x.xdrEncodeLong(before.size());
            encodeTime(x, before.mtime());
            encodeTime(x, before.ctime());
        }
        encodePostOp(x, after, fsid);
    }

    /** post_op_fh3. */
    public static void encodePostOpHandle(XdrEncodingStream x, byte[] handle) throws IOException {
        x.xdrEncodeBoolean(handle != null);
        if (handle != null) {
            x.xdrEncodeDynamicOpaque(handle);
        }
    }
}
