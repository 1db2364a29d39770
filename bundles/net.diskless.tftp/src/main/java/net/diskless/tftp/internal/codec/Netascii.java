package net.diskless.tftp.internal.codec;

import java.nio.ByteBuffer;

/**
 * Netascii encoding for RRQs in netascii mode (RFC 1350, after RFC 764): a local LF is sent as CR LF and a local
 * CR as CR NUL; every other byte is sent as is. Files are taken to use Unix line ends, as tftp-hpa does, so a CR LF
 * in the file becomes CR NUL CR LF.
 *
 * <p>The API, three ways in:
 * <ul>
 *   <li>{@link #encode(ByteBuffer)}: a whole content at once, into a new array (the server converts small files
 *       in memory);</li>
 *   <li>{@link Encoder}: streaming, block by block. {@link Encoder#encode(ByteBuffer, ByteBuffer)} consumes as much
 *       input as fits into the output; when a CR LF or CR NUL pair does not fit, its second byte is kept and
 *       written first by the next call, so a pair may be split across two blocks, as RFC 1350 allows;</li>
 *   <li>{@link #encodedLength(ByteBuffer)}: the encoded size, for tsize. It is a plain sum over the bytes (one extra
 *       byte per CR and per LF, whatever surrounds them), so it can be added up chunk by chunk over any split of
 *       the file: {@link #encodedLength(Iterable)} does that.</li>
 * </ul>
 * Decoding (needed only for WRQs) is not provided: the server is read-only.
 */
public final class Netascii {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte NUL = 0;

    private Netascii() {
    }

    /**
     * A streaming encoder. Not thread-safe; one per transfer. Typical use, filling DATA blocks:
     * <pre>{@code
     * Netascii.Encoder enc = new Netascii.Encoder();
     * // per block: out has exactly blksize bytes remaining
     * while (out.hasRemaining()) {
     *     if (!in.hasRemaining() && !enc.hasPending() && !refill(in)) {
     *         break; // end of the file: this block is the last, short one
     *     }
     *     enc.encode(in, out);
     * }
     * }</pre>
     */
    public static final class Encoder {

        /** The second byte of a pair that did not fit in the last output, or -1. */
        private int pending = -1;

        /**
         * Encodes bytes from {@code in} into {@code out}, moving both positions, until {@code in} is empty or
         * {@code out} is full. A pending byte from the previous call is written first, even when {@code in} is
         * empty: call with an empty input to flush it.
         *
         * @return the number of bytes written to {@code out}
         */
        public int encode(ByteBuffer in, ByteBuffer out) {
            int start = out.position();
            if (pending >= 0) {
                if (!out.hasRemaining()) {
                    return 0;
                }
                out.put((byte) pending);
                pending = -1;
            }
            while (in.hasRemaining() && out.hasRemaining()) {
                byte b = in.get();
                byte second;
                if (b == LF) {
                    second = LF;
                } else if (b == CR) {
                    second = NUL;
                } else {
                    out.put(b);
                    continue;
                }
                out.put(CR);
                if (out.hasRemaining()) {
                    out.put(second);
                } else {
                    pending = second; // the pair's second half opens the next block
                }
            }
            return out.position() - start;
        }

        /** Whether a byte is still owed to the output (the second half of a split pair). */
        public boolean hasPending() {
            return pending >= 0;
        }
    }

    /** Encodes all of {@code content}'s remaining bytes into a new array. {@code content}'s position is not moved. */
    public static byte[] encode(ByteBuffer content) {
        long length = encodedLength(content);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("netascii content too large for an array: " + length + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length);
        new Encoder().encode(content.duplicate(), out);
        return out.array();
    }

    /** The netascii size of {@code chunk}'s remaining bytes; its position is not moved. Additive over chunks. */
    public static long encodedLength(ByteBuffer chunk) {
        long length = chunk.remaining();
        for (int i = chunk.position(); i < chunk.limit(); i++) {
            byte b = chunk.get(i);
            if (b == CR || b == LF) {
                length++;
            }
        }
        return length;
    }

    /** The netascii size of the chunks' remaining bytes taken one after the other; no position is moved. */
    public static long encodedLength(Iterable<? extends ByteBuffer> chunks) {
        long length = 0;
        for (ByteBuffer chunk : chunks) {
            length += encodedLength(chunk);
        }
        return length;
    }
}
