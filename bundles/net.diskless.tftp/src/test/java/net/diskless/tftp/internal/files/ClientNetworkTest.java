package net.diskless.tftp.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientNetworkTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ipv4Prefixes() {
        ClientNetwork net = ClientNetwork.parse("10.0.0.0/8");
        assertTrue(net.contains(ip("10.1.2.3")));
        assertTrue(net.contains(ip("10.255.255.255")));
        assertFalse(net.contains(ip("11.0.0.1")));
        assertFalse(net.contains(null));
        assertEquals("10.0.0.0/8", net.toString());

        ClientNetwork odd = ClientNetwork.parse("192.168.16.0/20");
        assertTrue(odd.contains(ip("192.168.31.255")));
        assertFalse(odd.contains(ip("192.168.32.0")));
        assertFalse(odd.contains(ip("192.168.15.255")));
    }

    @Test
    void hostAndEverything() {
        ClientNetwork host = ClientNetwork.parse("130.141.14.9");
        assertEquals(32, host.prefixLength());
        assertTrue(host.contains(ip("130.141.14.9")));
        assertFalse(host.contains(ip("130.141.14.8")));

        ClientNetwork all = ClientNetwork.parse("0.0.0.0/0");
        assertTrue(all.contains(ip("203.0.113.7")));
        assertFalse(all.contains(ip("2001:db8::1")), "an IPv4 network holds no IPv6 address");
    }

    @Test
    void hostBitsOfTheNetworkAreIgnored() {
        assertTrue(ClientNetwork.parse("10.9.9.9/8").contains(ip("10.0.0.1")));
    }

    @Test
    void ipv6() {
        ClientNetwork net = ClientNetwork.parse("2001:db8::/32");
        assertTrue(net.contains(ip("2001:db8:1::5")));
        assertFalse(net.contains(ip("2001:db9::5")));
        assertFalse(net.contains(ip("10.0.0.1")));
        assertTrue(ClientNetwork.parse("fe80::/10").contains(ip("febf::1")));
        assertFalse(ClientNetwork.parse("fe80::/10").contains(ip("fec0::1")));
    }

    @Test
    void ipv4MappedClientMatchesIpv4Network() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 1, 2, 3};
        InetAddress client = Inet6Address.getByAddress(null, mapped, -1);
        assertTrue(client instanceof Inet6Address);
        assertTrue(ClientNetwork.parse("10.0.0.0/8").contains(client));
        assertTrue(ClientNetwork.unmapped(client) instanceof Inet4Address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x",
            "1.2.3.4.5", "host.example/8", "localhost", "::/129", "2001:db8::g/32", "10.0.0.0/-1", "0x0a.0.0.0"})
    void rejectsBadNetworks(String text) {
        assertThrows(IllegalArgumentException.class, () -> ClientNetwork.parse(text));
    }

    @Test
    void constructorChecksPrefix() {
        assertThrows(IllegalArgumentException.class, () -> new ClientNetwork(ip("10.0.0.0"), 33));
        assertThrows(IllegalArgumentException.class, () -> new ClientNetwork(ip("10.0.0.0"), -1));
        assertEquals(128, new ClientNetwork(ip("::1"), 128).prefixLength());
    }
}
