package net.diskless.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    private static final long SUN = 0x0800_2001_0203L;

    @ParameterizedTest
    @ValueSource(strings = {"8:0:20:1:2:3", "08:00:20:01:02:03", "08-00-20-01-02-03", "0800.2001.0203",
        "080020010203", "8-0-20-1-2-3", "  08:00:20:01:02:03\t"})
    void everySpellingParsesToTheSameAddress(String text) {
        assertEquals(new MacAddress(SUN), MacAddress.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA:BB:CC:DD:EE:FF", "aa:bb:cc:dd:ee:ff", "Aa-bB-cC-Dd-eE-fF", "AABB.CCDD.EEFF",
        "aabbccddeeff", "AABBCCDDEEFF"})
    void upperAndLowerCaseHexAreTheSame(String text) {
        assertEquals(new MacAddress(0xAABB_CCDD_EEFFL), MacAddress.parse(text));
    }

    @Test
    void toStringIsLowerCaseTwoDigitsWithColons() {
        assertEquals("08:00:20:01:02:03", MacAddress.parse("8:0:20:1:2:3").toString());
        assertEquals("aa:bb:cc:dd:ee:ff", MacAddress.parse("AABB.CCDD.EEFF").toString());
        assertEquals("00:00:00:00:00:00", new MacAddress(0).toString());
    }

    @Test
    void toStringParsesBackToTheSameAddress() {
        for (long bits : new long[] {0, 1, SUN, 0xFFFF_FFFF_FFFFL, 0x8000_0000_0000L}) {
            MacAddress mac = new MacAddress(bits);
            assertEquals(mac, MacAddress.parse(mac.toString()));
        }
    }

    @Test
    void bytesRoundTrip() {
        byte[] b = {0x08, 0x00, 0x20, 0x01, 0x02, 0x03};
        MacAddress mac = MacAddress.of(b);
        assertEquals(new MacAddress(SUN), mac);
        assertArrayEquals(b, mac.toBytes());

        byte[] high = {(byte) 0xFF, (byte) 0xFE, (byte) 0x80, 0x7F, 0x00, (byte) 0x81};
        assertArrayEquals(high, MacAddress.of(high).toBytes());
        assertEquals("ff:fe:80:7f:00:81", MacAddress.of(high).toString());
    }

    @Test
    void ofReadsSixBytesAtAnOffset() {
        byte[] frame = {9, 9, 0x08, 0x00, 0x20, 0x01, 0x02, 0x03, 9};
        assertEquals(new MacAddress(SUN), MacAddress.of(frame, 2));
        assertEquals(new MacAddress(0x0800_2001_0203L), MacAddress.of(new byte[] {0x08, 0x00, 0x20, 0x01, 0x02, 0x03}, 0));
    }

    @Test
    void ofRejectsOffsetsOutsideTheArray() {
        byte[] nine = new byte[9];
        MacAddress.of(nine, 3); // the last six bytes: fine
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(nine, 4));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(nine, 9));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(nine, 100));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(nine, -1));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(nine, Integer.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(nine, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of(new byte[0], 0));
    }

    @Test
    void constructorRejectsMoreThan48Bits() {
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(0x1_0000_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(-1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "08:00:20:01:02:03:04",   // 7 octets
        "08:00:20:01:02",         // 5 octets
        "08:00::01:02:03",        // empty octet
        "08:00:20:01:02:",        // empty last octet
        "08:00:020:01:02:03",     // 3-digit octet
        "08:00:2g:01:02:03",      // non-hex
        "08-00-20-01-02-0x",
        "08:00-20:01:02:03",      // mixed separators
        "0800200102034",          // 13 hex digits
        "08002001020",            // 11 hex digits
        "08002001020g",
        "0800.2001.020g",
        "",
        "   ",
        "sun1",
        "+8:0:20:1:2:3",
        "0x080020010203",
    })
    void rejectsWhatIsNotAnAddress(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
        assertTrue(e.getMessage().startsWith("not a MAC address"), e.getMessage());
    }

    @Test
    @Timeout(10) // a guard against pathological parsing, not a measurement
    void megabyteOfInputIsRejectedWithAShortMessage() {
        List<String> huge = new ArrayList<>();
        huge.add("a".repeat(1 << 20));
        huge.add("0".repeat(1 << 20));
        huge.add("8:".repeat(1 << 19));
        huge.add("08:00:20:01:02:" + "3".repeat(1 << 20));
        huge.add("8-".repeat(1 << 19));
        huge.add("8.".repeat(1 << 19));
        for (String text : huge) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
            assertTrue(e.getMessage().length() < 200, () -> "message of " + e.getMessage().length() + " chars");
        }
    }

    @Test
    void ordersByNumericValue() {
        List<MacAddress> macs = new ArrayList<>(List.of(MacAddress.parse("ff:0:0:0:0:0"), MacAddress.parse("0:0:0:0:0:1"),
                MacAddress.parse("8:0:20:1:2:3")));
        macs.sort(null);
        assertEquals(List.of(MacAddress.parse("0:0:0:0:0:1"), MacAddress.parse("8:0:20:1:2:3"),
                MacAddress.parse("ff:0:0:0:0:0")), macs);
        assertNotEquals(MacAddress.parse("8:0:20:1:2:3"), MacAddress.parse("8:0:20:1:2:4"));
        assertEquals(MacAddress.parse("8:0:20:1:2:3").hashCode(), MacAddress.parse("08-00-20-01-02-03").hashCode());
    }

    @Test
    void nonAsciiDigitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("\u0660\u0668:00:20:01:02:03"));
    }
}
