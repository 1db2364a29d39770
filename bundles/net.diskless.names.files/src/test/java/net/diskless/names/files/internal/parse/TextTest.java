package net.diskless.names.files.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextTest {

    @Test
    void problemPrintsLikeACompiler() {
        assertEquals("/etc/ethers:12: bad MAC address 'x'", new Problem("/etc/ethers", 12, "bad MAC address 'x'").toString());
        assertThrows(IllegalArgumentException.class, () -> new Problem("f", 0, "r"));
    }

    @Test
    void parsedCopiesItsLists() {
        List<String> entries = new ArrayList<>(List.of("a"));
        Parsed<String> parsed = new Parsed<>(entries, List.of());
        entries.add("b");
        assertEquals(List.of("a"), parsed.entries());
        assertThrows(UnsupportedOperationException.class, () -> parsed.entries().add("c"));
    }

    @Test
    void quoteTruncatesAndEscapes() {
        assertEquals("'abc'", Text.quote("abc"));
        assertEquals("'" + "x".repeat(40) + "…'", Text.quote("x".repeat(1_000_000)));
        assertEquals("'a\\u0000b\\u001bc\\u202e'", Text.quote("a\0b\u001bc\u202e"));
        assertEquals("'\uFFFD'", Text.quote("\uFFFD"));
        // a surrogate pair is not cut in half
        String emoji = "x".repeat(39) + "\uD83D\uDE00";
        assertEquals("'" + "x".repeat(39) + "…'", Text.quote(emoji));
    }

    @Test
    void linesTreatCrlfLikeLf() {
        List<String> seen = new ArrayList<>();
        for (Lines l = new Lines("\uFEFFa\r\nb\n\r\nc\r"); l.next();) {
            seen.add(l.number() + ":" + l.line());
        }
        assertEquals(List.of("1:a", "2:b", "3:", "4:c"), seen);
        assertFalse(new Lines("").next());
        Lines one = new Lines("\n");
        assertTrue(one.next());
        assertEquals("", one.line());
        assertFalse(one.next());
    }

    @Test
    void fieldsSplitOnCWhiteSpaceOnly() {
        assertEquals(List.of("a", "b\u2003c", "d"), Text.fields(" a\tb\u2003c \u000b d ", 10));
        assertEquals(List.of("a", "b"), Text.fields("a b c d", 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "255.255.255.255", "192.168.100.10"})
    void goodIpv4(String s) {
        assertNotNull(Text.ipv4(s));
        assertNull(Text.ipv4Problem(s));
        assertEquals(s, Text.ipv4(s).getHostAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "127.1", "0x7f.0.0.1", "1..2.3", "1.2.3.4.",
        "-1.2.3.4", "1.2.3.4 ", "١.٢.٣.٤", "1.2.3.1000", "99999999999.1.1.1"})
    void badIpv4(String s) {
        assertNull(Text.ipv4(s));
        assertTrue(Text.ipv4Problem(s).startsWith("bad address"), Text.ipv4Problem(s));
    }

    @Test
    void leadingZerosAreCalledAmbiguous() {
        assertNull(Text.ipv4("010.0.0.1"));
        assertTrue(Text.ipv4Problem("010.0.0.1").startsWith("ambiguous address '010.0.0.1'"));
    }

    @Test
    void macOnlyFromAsciiHex() {
        assertEquals("08:00:20:01:02:03", Text.mac("8:0:20:1:2:3").toString());
        assertNull(Text.mac("０８:00:20:01:02:03")); // full-width digits: Character.digit takes them, ether_aton does not
        assertNull(Text.mac(""));
        assertNull(Text.mac("08:00:20:01:02:03:04"));
    }

    @Test
    void hostNames() {
        assertTrue(Text.isHostName("sun-1.example_net"));
        assertTrue(Text.isHostName("a".repeat(255)));
        assertFalse(Text.isHostName("a".repeat(256)));
        assertFalse(Text.isHostName("héllo"));
        assertFalse(Text.isHostName("a\0b"));
        assertFalse(Text.isHostName(""));
    }

    @Test
    void problemsAreCappedAndSorted() {
        Problems problems = new Problems("f");
        problems.add(5, () -> "late");
        problems.add(2, () -> "early");
        assertEquals(List.of("f:2: early", "f:5: late"), problems.list().stream().map(Problem::toString).toList());
        Problems many = new Problems("f");
        for (int i = 1; i <= Problems.LIMIT + 10; i++) {
            int n = i;
            many.add(i, () -> "p" + n);
        }
        List<Problem> list = many.list();
        assertEquals(Problems.LIMIT + 1, list.size());
        assertEquals("f:" + (Problems.LIMIT + 1) + ": 10 more problems not listed", list.get(Problems.LIMIT).toString());
    }
}
