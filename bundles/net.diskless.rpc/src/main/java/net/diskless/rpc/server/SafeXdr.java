package net.diskless.rpc.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/**
 * Variable-length XDR items decoded with bounds. oncrpc4j's {@code xdrDecodeString} and
 * {@code xdrDecodeDynamicOpaque} allocate the announced length before checking that the bytes are there, so one
 * 60-byte datagram announcing 2 GB costs a 2 GB allocation (or an OutOfMemoryError that kills the worker). Every
 * decoder of untrusted input uses these instead.
 */
public final class SafeXdr {

    private SafeXdr() {
    }

    /** {@code opaque<max>}: the length must be at most {@code max} and at most what the message still holds. */
    public static byte[] opaque(XdrDecodingStream xdr, int max, String what) throws IOException {
        int length = xdr.xdrDecodeInt();
        if (length < 0 || length > max) {
            throw new XdrLimitException(what + ": length " + Integer.toUnsignedString(length) + " exceeds " + max);
        }
        if (xdr instanceof Xdr x && length > x.asBuffer().remaining()) {
            throw new XdrLimitException(what + ": length " + length + " but only " + x.asBuffer().remaining()
                    + " bytes left in the message");
        }
        return xdr.xdrDecodeOpaque(length);
    }

    /** {@code string<max>}, UTF-8 (names on the wire are ASCII in practice). */
    public static String string(XdrDecodingStream xdr, int max, String what) throws IOException {
        return new String(opaque(xdr, max, what), StandardCharsets.UTF_8);
    }

    /** Arguments beyond the protocol's limits: oncrpc4j answers GARBAGE_ARGS to an IOException from decoding. */
    public static final class XdrLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        public XdrLimitException(String message) {
            super(message);
        }
    }
}
