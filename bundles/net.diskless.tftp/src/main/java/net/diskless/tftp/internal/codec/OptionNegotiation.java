package net.diskless.tftp.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Answers the options of a read request (RFC 2347 framework; blksize RFC 2348, timeout and tsize RFC 2349,
 * windowsize RFC 7440). Pure: the caller sends the OACK and applies the result.
 *
 * <p>An option the server cannot honour is left out of the OACK, never refused: RFC 2347 lets the client carry on
 * with the defaults, which is what old PXE ROMs expect. Each one left out is listed in {@link Negotiated#ignored()}.
 */
public final class OptionNegotiation {

    public static final String BLKSIZE = "blksize";
    public static final String TSIZE = "tsize";
    public static final String TIMEOUT = "timeout";
    public static final String WINDOWSIZE = "windowsize";

    /** RFC 1350 block size, used when blksize is not acknowledged. */
    public static final int DEFAULT_BLOCK_SIZE = 512;
    public static final int MIN_BLOCK_SIZE = 8;
    public static final int MAX_BLOCK_SIZE = 65464;
    public static final int MAX_WINDOW_SIZE = 65535;
    public static final int MAX_TIMEOUT = 255;

    /** Ten digits hold every value any option can take (a file size up to 9 999 999 999 in tsize's case). */
    private static final int MAX_DIGITS = 10;
    private static final int QUOTE = 40;

    private OptionNegotiation() {
    }

    /**
     * What the server grants and advertises.
     *
     * @param maxBlockSize  largest blksize granted (8..65464); a larger request is answered with this
     * @param maxWindowSize largest windowsize granted (1..65535)
     * @param tsize         whether tsize is answered
     * @param windowsize    whether windowsize is answered
     * @param timeout       whether the client may set the retransmission timeout
     */
    public record Limits(int maxBlockSize, int maxWindowSize, boolean tsize, boolean windowsize, boolean timeout) {
        public Limits {
            if (maxBlockSize < MIN_BLOCK_SIZE || maxBlockSize > MAX_BLOCK_SIZE) {
                throw new IllegalArgumentException("maxBlockSize must be 8..65464, not " + maxBlockSize);
            }
            if (maxWindowSize < 1 || maxWindowSize > MAX_WINDOW_SIZE) {
                throw new IllegalArgumentException("maxWindowSize must be 1..65535, not " + maxWindowSize);
            }
        }
    }

    /**
     * The outcome.
     *
     * @param blockSize      bytes per DATA block (512 unless blksize was acknowledged)
     * @param windowSize     blocks sent before waiting for an ACK (1 unless windowsize was acknowledged)
     * @param timeoutSeconds the client's retransmission timeout, 0 for the server's default
     * @param oack           the options to acknowledge, in the client's order; empty: send no OACK, start with DATA 1
     * @param ignored        each option left out, as {@code name=value (why)}, escaped for the log
     */
    public record Negotiated(int blockSize, int windowSize, int timeoutSeconds, Map<String, String> oack,
                             List<String> ignored) {
        public Negotiated {
            oack = Collections.unmodifiableMap(new LinkedHashMap<>(oack));
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * Negotiates a read request's options.
     *
     * @param requested the request's options (names are matched case-insensitively; the first spelling wins)
     * @param fileSize  the size the transfer will send (in netascii mode: the converted size), -1 if unknown
     * @param limits    what the server allows
     */
    public static Negotiated negotiate(Map<String, String> requested, long fileSize, Limits limits) {
        Objects.requireNonNull(limits, "limits");
        int blockSize = DEFAULT_BLOCK_SIZE;
        int windowSize = 1;
        int timeout = 0;
        Map<String, String> oack = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> option : requested.entrySet()) {
            String name = option.getKey().toLowerCase(Locale.ROOT);
            String value = option.getValue();
            if (!seen.add(name)) {
                continue; // a second spelling of the same option: the first one was answered
            }
            long n = number(value);
            String why;
            switch (name) {
                case BLKSIZE -> {
                    why = n < 0 ? "not a number" : n < MIN_BLOCK_SIZE ? "below 8" : null;
                    if (why == null) {
                        blockSize = (int) Math.min(n, limits.maxBlockSize());
                        oack.put(name, Integer.toString(blockSize));
                    }
                }
                case TSIZE -> {
                    // RFC 2349: a reading client sends 0; any number is taken as the question "how big?".
                    why = n < 0 ? "not a number" : !limits.tsize() ? "not offered"
                            : fileSize < 0 ? "size unknown" : null;
                    if (why == null) {
                        oack.put(name, Long.toString(fileSize));
                    }
                }
                case TIMEOUT -> {
                    // RFC 2349: the server takes the value as is or not at all.
                    why = n < 0 ? "not a number" : n < 1 || n > MAX_TIMEOUT ? "outside 1..255"
                            : !limits.timeout() ? "not offered" : null;
                    if (why == null) {
                        timeout = (int) n;
                        oack.put(name, Integer.toString(timeout));
                    }
                }
                case WINDOWSIZE -> {
                    why = n < 0 ? "not a number" : n < 1 || n > MAX_WINDOW_SIZE ? "outside 1..65535"
                            : !limits.windowsize() ? "not offered" : null;
                    if (why == null) {
                        windowSize = (int) Math.min(n, limits.maxWindowSize());
                        oack.put(name, Integer.toString(windowSize));
                    }
                }
                default -> why = "unknown option";
            }
            if (why != null) {
                ignored.add(Printable.escape(name, QUOTE) + "=" + Printable.escape(value, QUOTE) + " (" + why + ")");
            }
        }
        return new Negotiated(blockSize, windowSize, timeout, oack, ignored);
    }

    /**
     * A decimal option value: 1 to 10 ASCII digits, no sign, no blanks; -1 otherwise. The length is checked
     * before any arithmetic, so a value of thousands of digits is refused without overflowing.
     */
    static long number(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
