package net.diskless.api.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.diskless.api.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootptabEntryTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no lookup
    }

    private static BootptabEntry entry(String... keyValues) {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.put(keyValues[i], keyValues[i + 1]);
        }
        return new BootptabEntry("sun1", tags);
    }

    @Test
    void typedAccessorsReadTheCommonTags() throws Exception {
        BootptabEntry e = entry("ha", "080020010203", "ip", "10.0.0.5", "sm", "255.255.255.0", "sa", "10.0.0.1",
                "rp", "/export/root/sun1", "bf", "boot.sun4c", "hd", "/tftpboot", "hn", "", "ht", "ethernet",
                "vm", "rfc1048");
        assertEquals(Optional.of(MacAddress.parse("08:00:20:01:02:03")), e.hardwareAddress());
        assertEquals(Optional.of(ip("10.0.0.5")), e.ip());
        assertEquals(Optional.of(ip("255.255.255.0")), e.subnetMask());
        assertEquals(Optional.of(ip("10.0.0.1")), e.serverAddress());
        assertEquals(Optional.of("/export/root/sun1"), e.rootPath());
        assertEquals(Optional.of("boot.sun4c"), e.bootFile());
        assertEquals(Optional.of("/tftpboot"), e.homeDirectory());
        assertTrue(e.sendHostName());
        assertEquals(Optional.of("ethernet"), e.hardwareType());
        assertEquals(Optional.of("rfc1048"), e.vendorMagic());
        assertEquals("sun1", e.name());
    }

    @Test
    void absentTagsAreEmpty() {
        BootptabEntry e = entry();
        assertEquals(Optional.empty(), e.hardwareAddress());
        assertEquals(Optional.empty(), e.ip());
        assertEquals(Optional.empty(), e.subnetMask());
        assertEquals(Optional.empty(), e.serverAddress());
        assertEquals(Optional.empty(), e.rootPath());
        assertEquals(Optional.empty(), e.bootFile());
        assertFalse(e.sendHostName());
        assertEquals(List.of(), e.gateways());
        assertEquals(List.of(), e.domainServers());
        assertEquals(Map.of(), e.genericTags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x080020010203", "080020010203", "8:0:20:1:2:3", "08-00-20-01-02-03", "0800.2001.0203"})
    void hardwareAddressTakesTheHexPrefixAndEverySpelling(String ha) {
        assertEquals(Optional.of(MacAddress.parse("08:00:20:01:02:03")), entry("ha", ha).hardwareAddress());
    }

    @Test
    void badHardwareAddressThrowsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> entry("ha", "08:00:zz:01:02:03").hardwareAddress());
    }

    @Test
    void gatewaysAreEveryAddressInOrder() throws Exception {
        BootptabEntry e = entry("gw", " 10.0.0.1  10.0.0.2\t10.0.0.3 ", "ds", "10.0.0.53 fe80::1");
        assertEquals(List.of(ip("10.0.0.1"), ip("10.0.0.2"), ip("10.0.0.3")), e.gateways());
        assertEquals(List.of(ip("10.0.0.53"), ip("fe80::1")), e.domainServers());
    }

    @Test
    void anAddressListSkipsWhatIsNotALiteral() throws Exception {
        BootptabEntry e = entry("gw", "10.0.0.1 router.example.com 10.0.0.300 10.0.0.2");
        assertEquals(List.of(ip("10.0.0.1"), ip("10.0.0.2")), e.gateways());
    }

    /**
     * {@code localhost} resolves without any network (the hosts file), so an empty answer shows no
     * resolver was asked at all; the other names would only fail slowly or be answered by DNS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "bootserver", "cafe.babe", "dead.beef.cafe.face", "bad:cafe",
        "a.b.c.d", "10.0.0", "10.0.0.1.5", "10.0.0.256", "1234.0.0.1", "10..0.1", "", " ", "10.0.0.1/24",
        "[::1]", "fe80::1%eth0"})
    void nonLiteralAddressesAreEmptyWithoutAskingTheResolver(String value) {
        BootptabEntry e = entry("sa", value, "ip", value, "sm", value, "gw", value);
        assertEquals(Optional.empty(), e.serverAddress());
        assertEquals(Optional.empty(), e.ip());
        assertEquals(Optional.empty(), e.subnetMask());
        assertEquals(List.of(), e.gateways());
    }

    @Test
    void ipv6LiteralsAreAccepted() throws Exception {
        assertEquals(Optional.of(ip("2001:db8::5")), entry("ip", "2001:db8::5").ip());
        assertEquals(Optional.of(ip("::1")), entry("sa", "::1").serverAddress());
    }

    @Test
    void genericTagsAreKeyedByOptionNumber() {
        BootptabEntry e = entry("T129", "\"pxe\"", "T1", "one", "T255", "last", "Tx", "not", "T99999", "too long",
                "T", "no number", "t12", "lower case", "T12a", "mixed", "hn", "", "bf", "boot");
        assertEquals(Map.of(1, "one", 129, "\"pxe\"", 255, "last"), e.genericTags());
    }

    @Test
    void genericTagsAreInOptionOrder() {
        BootptabEntry e = entry("T200", "b", "T3", "a", "T150", "c");
        assertEquals(List.of(3, 150, 200), List.copyOf(e.genericTags().keySet()));
    }

    @Test
    void tagsAreCopiedAndFlagsAreTagsWithoutValue() {
        Map<String, String> tags = new HashMap<>(Map.of("hn", "", "bf", "boot"));
        BootptabEntry e = new BootptabEntry("sun1", tags);
        tags.put("rp", "/late");
        assertEquals(Optional.empty(), e.rootPath());
        assertTrue(e.flag("hn"));
        assertTrue(e.flag("bf"));
        assertFalse(e.flag("rp"));
        assertThrows(UnsupportedOperationException.class, () -> e.tags().put("x", "y"));
        assertThrows(NullPointerException.class, () -> new BootptabEntry(null, Map.of()));
    }

    @Test
    void textThatInetAddressWouldLookUpIsNeverAnAddress() {
        // ".1:2" passes a naive hex/dot/colon filter, but InetAddress treats it as a host name to resolve.
        BootptabEntry e = new BootptabEntry("sun1", Map.of("sa", ".1:2", "gw", "10.0.0.1 .a:b", "ip", "\u0661\u0660.0.0.1"));
        org.junit.jupiter.api.Assertions.assertTrue(e.serverAddress().isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals(1, e.gateways().size());
        org.junit.jupiter.api.Assertions.assertTrue(e.ip().isEmpty());
    }
}
