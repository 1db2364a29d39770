package net.diskless.nfs.internal.codec;

import java.io.IOException;
import java.time.Instant;
import net.diskless.api.nfs.SetAttr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** sattr3: each attribute behind a discriminant; times are DONT_CHANGE, SET_TO_SERVER_TIME or a client time. */
public final class Sattr {

    private static final int DONT_CHANGE = 0;
    private static final int SERVER_TIME = 1;
    private static final int CLIENT_TIME = 2;

    private Sattr() {
    }

    public static SetAttr decode(XdrDecodingStream x) throws IOException {
        Integer mode = x.xdrDecodeBoolean() ? x.xdrDecodeInt() & 07777 : null;
        Integer uid = x.xdrDecodeBoolean() ? x.xdrDecodeInt() : null;
        Integer gid = x.xdrDecodeBoolean() ? x.xdrDecodeInt() : null;
        Long size = x.xdrDecodeBoolean() ? x.xdrDecodeLong() : null;
        Instant atime = time(x);
        Instant mtime = time(x);
        return new SetAttr(mode, uid, gid, size, atime, mtime);
    }

    private static Instant time(XdrDecodingStream x) throws IOException {
        int how = x.xdrDecodeInt();
        return switch (how) {
            case DONT_CHANGE -> null;
            case SERVER_TIME -> Instant.now();
            case CLIENT_TIME -> Xdr3.decodeTime(x);
            default -> throw new GarbageArgs("time_how " + how);
        };
    }

    public static void encode(XdrEncodingStream x, SetAttr a) throws IOException {
        optionalInt(x, a.mode());
        optionalInt(x, a.uid());
        optionalInt(x, a.gid());
        x.xdrEncodeBoolean(a.size() != null);
        if (a.size() != null) {
            x.xdrEncodeLong(a.size());
        }
        for (Instant t : new Instant[] {a.atime(), a.mtime()}) {
            if (t == null) {
                x.xdrEncodeInt(DONT_CHANGE);
            } else {
                x.xdrEncodeInt(CLIENT_TIME);
                Xdr3.encodeTime(x, t);
            }
        }
    }

    private static void optionalInt(XdrEncodingStream x, Integer v) throws IOException {
        x.xdrEncodeBoolean(v != null);
        if (v != null) {
            x.xdrEncodeInt(v);
        }
    }
}
