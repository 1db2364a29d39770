package net.diskless.tftp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.diskless.tftp.internal.codec.OptionNegotiation.Limits;
import net.diskless.tftp.internal.codec.OptionNegotiation.Negotiated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionNegotiationTest {

    private static final Limits GENEROUS = new Limits(65464, 64, true, true, true);
    private static final Limits ETHERNET = new Limits(1468, 16, true, true, true);
    private static final long SIZE = 26_140;

    private static Negotiated one(String name, String value, Limits limits) {
        return OptionNegotiation.negotiate(Map.of(name, value), SIZE, limits);
    }

    /** One option at a time: what is answered ("-" = left out of the OACK) and what the transfer uses. */
    @ParameterizedTest(name = "{0}={1} with blksize<={2} windowsize<={3} -> {4}")
    @CsvSource({
            // option,    value,       maxBlk, maxWin, answered, blockSize, windowSize, timeout
            "blksize,     1468,        65464,  64,     1468,     1468,      1,          0",
            "blksize,     65464,       1468,   64,     1468,     1468,      1,          0",
            "blksize,     99999,       65464,  64,     65464,    65464,     1,          0",
            "blksize,     8,           65464,  64,     8,        8,         1,          0",
            "blksize,     7,           65464,  64,     -,        512,       1,          0",
            "blksize,     0,           65464,  64,     -,        512,       1,          0",
            "blksize,     abc,         65464,  64,     -,        512,       1,          0",
            "blksize,     -1468,       65464,  64,     -,        512,       1,          0",
            "blksize,     +1468,       65464,  64,     -,        512,       1,          0",
            "blksize,     ' 1468',     65464,  64,     -,        512,       1,          0",
            "blksize,     '',          65464,  64,     -,        512,       1,          0",
            "blksize,     01468,       65464,  64,     1468,     1468,      1,          0",
            "blksize,     99999999999, 65464,  64,     -,        512,       1,          0",
            "blksize,     9999999999,  65464,  64,     65464,    65464,     1,          0",
            "windowsize,  16,          65464,  64,     16,       512,       16,         0",
            "windowsize,  65535,       65464,  64,     64,       512,       64,         0",
            "windowsize,  1,           65464,  64,     1,        512,       1,          0",
            "windowsize,  0,           65464,  64,     -,        512,       1,          0",
            "windowsize,  65536,       65464,  64,     -,        512,       1,          0",
            "timeout,     1,           65464,  64,     1,        512,       1,          1",
            "timeout,     255,         65464,  64,     255,      512,       1,          255",
            "timeout,     05,          65464,  64,     5,        512,       1,          5",
            "timeout,     0,           65464,  64,     -,        512,       1,          0",
            "timeout,     256,         65464,  64,     -,        512,       1,          0",
            "tsize,       0,           65464,  64,     26140,    512,       1,          0",
            "tsize,       x,           65464,  64,     -,        512,       1,          0",
            "multicast,   '',          65464,  64,     -,        512,       1,          0",
            "utimeout,    1000,        65464,  64,     -,        512,       1,          0",
    })
    void table(String name, String value, int maxBlock, int maxWindow, String answered,
               int blockSize, int windowSize, int timeout) {
        Negotiated n = one(name, value, new Limits(maxBlock, maxWindow, true, true, true));
        assertEquals(answered.equals("-") ? Map.of() : Map.of(name, answered), n.oack());
        assertEquals(blockSize, n.blockSize());
        assertEquals(windowSize, n.windowSize());
        assertEquals(timeout, n.timeoutSeconds());
        assertEquals(answered.equals("-") ? 1 : 0, n.ignored().size(), () -> "ignored: " + n.ignored());
    }

    @Test
    void noOptionsMeansNoOackAndRfc1350Defaults() {
        Negotiated n = OptionNegotiation.negotiate(Map.of(), SIZE, GENEROUS);
        assertEquals(new Negotiated(512, 1, 0, Map.of(), List.of()), n);
    }

    @Test
    void onlyIgnoredOptionsAlsoMeansNoOack() {
        Negotiated n = OptionNegotiation.negotiate(Map.of("blksize", "7", "foo", "bar"), SIZE, GENEROUS);
        assertTrue(n.oack().isEmpty());
        assertEquals(512, n.blockSize());
        assertEquals(2, n.ignored().size());
    }

    @Test
    void ignoredOptionsSayWhy() {
        assertEquals(List.of("blksize=7 (below 8)"), one("blksize", "7", GENEROUS).ignored());
        assertEquals(List.of("blksize=abc (not a number)"), one("blksize", "abc", GENEROUS).ignored());
        assertEquals(List.of("timeout=256 (outside 1..255)"), one("timeout", "256", GENEROUS).ignored());
        assertEquals(List.of("windowsize=0 (outside 1..65535)"), one("windowsize", "0", GENEROUS).ignored());
        assertEquals(List.of("foo=bar (unknown option)"), one("foo", "bar", GENEROUS).ignored());
        // peer text is escaped and cut before it reaches a log line
        String logged = one("x\n", "9".repeat(200), GENEROUS).ignored().get(0);
        assertEquals("x\\x0a=" + "9".repeat(40) + "... (unknown option)", logged);
    }

    @Test
    void tsizeNeedsAKnownSizeAndTheServersConsent() {
        assertEquals(Map.of("tsize", "0"), OptionNegotiation.negotiate(Map.of("tsize", "0"), 0, GENEROUS).oack());
        assertEquals(Map.of("tsize", "9876543210"),
                OptionNegotiation.negotiate(Map.of("tsize", "0"), 9_876_543_210L, GENEROUS).oack());
        Negotiated unknown = OptionNegotiation.negotiate(Map.of("tsize", "0"), -1, GENEROUS);
        assertEquals(Map.of(), unknown.oack());
        assertEquals(List.of("tsize=0 (size unknown)"), unknown.ignored());
        Negotiated refused = one("tsize", "0", new Limits(1468, 16, false, true, true));
        assertEquals(List.of("tsize=0 (not offered)"), refused.ignored());
    }

    @Test
    void windowsizeAndTimeoutOnlyWhenAllowed() {
        Limits none = new Limits(1468, 16, true, false, false);
        Negotiated n = OptionNegotiation.negotiate(Map.of("windowsize", "16", "timeout", "3"), SIZE, none);
        assertEquals(Map.of(), n.oack());
        assertEquals(1, n.windowSize());
        assertEquals(0, n.timeoutSeconds());
        assertEquals(2, n.ignored().size());
    }

    @Test
    void oackKeepsTheClientsOrderAndLowerCasedNames() {
        Map<String, String> requested = new LinkedHashMap<>();
        requested.put("TSIZE", "0");
        requested.put("foo", "1");
        requested.put("WindowSize", "32");
        requested.put("blksize", "65464");
        requested.put("timeout", "2");
        requested.put("BLKSIZE", "8"); // a second spelling: the first one was answered
        Negotiated n = OptionNegotiation.negotiate(requested, SIZE, ETHERNET);
        assertEquals(List.of("tsize", "windowsize", "blksize", "timeout"), List.copyOf(n.oack().keySet()));
        assertEquals(List.of("26140", "16", "1468", "2"), List.copyOf(n.oack().values()));
        assertEquals(1468, n.blockSize());
        assertEquals(16, n.windowSize());
        assertEquals(2, n.timeoutSeconds());
        assertEquals(List.of("foo=1 (unknown option)"), n.ignored());
    }

    @Test
    void typicalPxeAndUefiRequests() {
        // iPXE / UEFI: tsize first (UEFI then aborts with error 8 and asks again), blksize bounded by the MTU
        Map<String, String> uefi = new LinkedHashMap<>();
        uefi.put("blksize", "1468");
        uefi.put("tsize", "0");
        uefi.put("windowsize", "4");
        Negotiated n = OptionNegotiation.negotiate(uefi, SIZE, ETHERNET);
        assertEquals(Map.of("blksize", "1468", "tsize", "26140", "windowsize", "4"), n.oack());
    }

    @Test
    void resultIsImmutable() {
        Negotiated n = one("blksize", "1024", GENEROUS);
        assertThrows(UnsupportedOperationException.class, () -> n.oack().put("a", "b"));
        assertThrows(UnsupportedOperationException.class, () -> n.ignored().add("a"));
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(7, 1, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> new Limits(65465, 1, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 0, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> new Limits(512, 65536, true, true, true));
    }

    @Test
    void numbersAreTenDigitsAtMostWithoutSignOrBlanks() {
        assertEquals(0, OptionNegotiation.number("0"));
        assertEquals(9_999_999_999L, OptionNegotiation.number("9999999999"));
        assertEquals(-1, OptionNegotiation.number("10000000000"));
        assertEquals(-1, OptionNegotiation.number("9".repeat(10_000)));
        assertEquals(-1, OptionNegotiation.number("1e3"));
        assertEquals(-1, OptionNegotiation.number("\u0661")); // ARABIC-INDIC DIGIT ONE: a digit, but not ASCII
        assertEquals(-1, OptionNegotiation.number(""));
        assertEquals(-1, OptionNegotiation.number(null));
    }
}
