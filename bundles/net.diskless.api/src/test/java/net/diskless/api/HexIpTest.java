package net.diskless.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HexIpTest {

    private static Inet4Address ip(int a, int b, int c, int d) throws UnknownHostException {
        return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    @Test
    void addressIsEightUpperCaseHexDigits() throws Exception {
        assertEquals("828D0E09", HexIp.of(ip(130, 141, 14, 9)));
        assertEquals("00000000", HexIp.of(ip(0, 0, 0, 0)));
        assertEquals("FFFFFFFF", HexIp.of(ip(255, 255, 255, 255)));
        assertEquals("0A000001", HexIp.of(ip(10, 0, 0, 1)));
    }

    @Test
    void architectureIsAppendedInUpperCase() throws Exception {
        assertEquals("828D0E09.SUN4U", HexIp.of(ip(130, 141, 14, 9), "sun4u"));
        assertEquals("828D0E09.SUN4M", HexIp.of(ip(130, 141, 14, 9), "SUN4M"));
    }

    @Test
    void noArchitectureMeansNoSuffix() throws Exception {
        assertEquals("828D0E09", HexIp.of(ip(130, 141, 14, 9), ""));
        assertEquals("828D0E09", HexIp.of(ip(130, 141, 14, 9), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"828D0E09", "828d0e09", "828D0E09.SUN4U", "828d0e09.sun4m", "828D0E09.", "828D0E09.SUN4U.bak"})
    void parseReadsTheFirstEightHexDigits(String name) throws Exception {
        assertEquals(Optional.of(ip(130, 141, 14, 9)), HexIp.parse(name));
    }

    @Test
    void parseRoundTripsOf() throws Exception {
        Inet4Address a = ip(192, 168, 200, 254);
        assertEquals(Optional.of(a), HexIp.parse(HexIp.of(a)));
        assertEquals(Optional.of(a), HexIp.parse(HexIp.of(a, "sun4c")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"828D0E0", "828D0E0Z", "828D0E09X", "828D0E09SUN4U", "", "-28D0E09", " 828D0E09",
        "828D 0E09", "0x828D0E", "pxelinux.0"})
    void parseRejectsWhatIsNotAHexIpName(String name) {
        assertEquals(Optional.empty(), HexIp.parse(name));
    }

    @Test
    void nonAsciiDigitsAreNotAHexIp() {
        assertEquals(Optional.empty(), HexIp.parse("\u0668\u0662" + "8D0E09"));
    }
}
