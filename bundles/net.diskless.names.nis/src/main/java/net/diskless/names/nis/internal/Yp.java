package net.diskless.names.nis.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * The NIS protocol as the client needs it (program 100004 version 2, {@code rpcsvc/yp.x}): the arguments and
 * results of YPPROC_MATCH and YPPROC_ALL. Lengths are checked before anything is allocated: oncrpc4j's own
 * opaque decoder allocates whatever length the peer announces.
 */
final class Yp {

    static final int PROGRAM = 100004;
    static final int VERSION = 2;
    static final int PROC_MATCH = 3;
    static final int PROC_ALL = 8;

    /** {@code YPMAXRECORD}, {@code YPMAXDOMAIN}, {@code YPMAXMAP} of yp.x. */
    static final int MAX_RECORD = 1024;
    static final int MAX_DOMAIN = 64;
    static final int MAX_MAP = 64;

    /** ypstat values. */
    static final int YP_TRUE = 1;
    static final int YP_NOMORE = 2;
    static final int YP_FALSE = 0;
    static final int YP_NOMAP = -1;
    static final int YP_NODOM = -2;
    static final int YP_NOKEY = -3;

    private Yp() {
    }

    static String status(int stat) {
        return switch (stat) {
            case YP_TRUE -> "YP_TRUE";
            case YP_NOMORE -> "YP_NOMORE";
            case YP_FALSE -> "YP_FALSE";
            case YP_NOMAP -> "YP_NOMAP (no such map)";
            case YP_NODOM -> "YP_NODOM (domain not served)";
            case YP_NOKEY -> "YP_NOKEY";
            case -4 -> "YP_BADOP";
            case -5 -> "YP_BADDB (server database bad)";
            case -6 -> "YP_YPERR (server error)";
            case -7 -> "YP_BADARGS";
            case -8 -> "YP_VERS";
            default -> "ypstat " + stat;
        };
    }

    /** ypreq_key: domain, map, key. */
    record KeyRequest(String domain, String map, byte[] key) implements XdrAble {
        KeyRequest {
            check(domain, map);
            if (key.length > MAX_RECORD) {
                throw new IllegalArgumentException("key longer than " + MAX_RECORD + " bytes");
            }
        }

        @Override
        public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
            xdr.xdrEncodeString(domain);
            xdr.xdrEncodeString(map);
            xdr.xdrEncodeDynamicOpaque(key);
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) {
            throw new UnsupportedOperationException("a request is only sent");
        }
    }

    /** ypreq_nokey: domain, map. */
    record MapRequest(String domain, String map) implements XdrAble {
        MapRequest {
            check(domain, map);
        }

        @Override
        public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
            xdr.xdrEncodeString(domain);
            xdr.xdrEncodeString(map);
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) {
            throw new UnsupportedOperationException("a request is only sent");
        }
    }

    private static void check(String domain, String map) {
        if (domain.isEmpty() || domain.getBytes(StandardCharsets.UTF_8).length > MAX_DOMAIN) {
            throw new IllegalArgumentException("bad NIS domain name (1 to " + MAX_DOMAIN + " bytes): " + domain);
        }
        if (map.isEmpty() || map.getBytes(StandardCharsets.UTF_8).length > MAX_MAP) {
            throw new IllegalArgumentException("bad NIS map name (1 to " + MAX_MAP + " bytes): " + map);
        }
    }

    /** ypresp_val: status, value. */
    static final class ValueReply implements XdrAble {
        int status;
        byte[] value = new byte[0];

        @Override
        public void xdrEncode(XdrEncodingStream xdr) {
            throw new UnsupportedOperationException("a reply is only received");
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
            status = xdr.xdrDecodeInt();
            value = opaque(xdr);
        }
    }

    /** One key and value of a YPPROC_ALL reply. */
    record KeyValue(byte[] key, byte[] value) {
    }

    /** ypresp_all: a stream of (more, ypresp_key_val) ending with more = false or a status other than YP_TRUE. */
    static final class AllReply implements XdrAble {
        private final int maxEntries;
        final List<KeyValue> entries = new ArrayList<>();
        int status = YP_NOMORE;
        boolean truncated;

        AllReply(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        @Override
        public void xdrEncode(XdrEncodingStream xdr) {
            throw new UnsupportedOperationException("a reply is only received");
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
            while (xdr.xdrDecodeBoolean()) {
                int stat = xdr.xdrDecodeInt();
                byte[] value = opaque(xdr); // yp.x: ypresp_key_val carries the value before the key
                byte[] key = opaque(xdr);
                if (stat != YP_TRUE) {
                    status = stat;
                    return;
                }
                if (entries.size() >= maxEntries) {
                    truncated = true;
                    return; // the rest of the reply is not read: bounded whatever the server sends
                }
                entries.add(new KeyValue(key, value));
            }
        }
    }

    static byte[] opaque(XdrDecodingStream xdr) throws IOException {
        int length = xdr.xdrDecodeInt();
        if (length < 0 || length > MAX_RECORD) {
            throw new IOException("NIS reply: opaque of " + length + " bytes (at most " + MAX_RECORD + ")");
        }
        return xdr.xdrDecodeOpaque(length);
    }
}
