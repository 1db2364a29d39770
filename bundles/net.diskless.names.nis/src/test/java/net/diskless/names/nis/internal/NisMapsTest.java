package net.diskless.names.nis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParam;
import org.junit.jupiter.api.Test;

class NisMapsTest {

    @Test
    void macKeysSunFormFirst() {
        assertEquals(List.of("8:0:20:1:2:3", "08:00:20:01:02:03"), NisMaps.macKeys(MacAddress.parse("080020010203")));
    }

    @Test
    void ethersValueIsTheFileLine() {
        var e = NisMaps.ethers("8:0:20:1:2:3\tsun1 # comment").orElseThrow();
        assertEquals(MacAddress.parse("08:00:20:01:02:03"), e.mac());
        assertEquals("sun1", e.hostname());
        assertTrue(NisMaps.ethers("8:0:20:1:2 sun1").isEmpty());
        assertTrue(NisMaps.ethers("8:0:20:1:2:3").isEmpty());
        assertTrue(NisMaps.ethers("8:0:20:1:2:3 bad/name").isEmpty());
    }

    @Test
    void hostsValueIsTheFileLine() throws Exception {
        var h = NisMaps.hosts("10.99.0.2\tclient1 c1 bad/alias # x\0").orElseThrow();
        assertEquals("client1", h.canonicalName());
        assertEquals(List.of("c1"), h.aliases());
        assertEquals(List.of(InetAddress.getByName("10.99.0.2")), h.addresses());
        assertTrue(NisMaps.hosts("010.99.0.2 client1").isEmpty(), "octal-looking quads are refused");
        assertTrue(NisMaps.hosts("example.org client1").isEmpty(), "names are never resolved");
    }

    @Test
    void bootparamsWithOrWithoutTheClientInFront() {
        List<BootParam> expected = List.of(new BootParam("root", "server:/export/root/c1"), new BootParam("domain", "x"));
        assertEquals(expected, NisMaps.bootparams("c1", "root=server:/export/root/c1 domain=x").orElseThrow().params());
        assertEquals(expected, NisMaps.bootparams("c1", "c1 root=server:/export/root/c1 root=other:/y swap=nocolon domain=x =z")
                .orElseThrow().params());
    }

    @Test
    void serverAddresses() {
        assertEquals(new NisServer.Address("10.0.0.1", 0), NisServer.Address.parse("10.0.0.1"));
        assertEquals(new NisServer.Address("10.0.0.1", 834), NisServer.Address.parse(" 10.0.0.1:834 "));
        assertEquals(new NisServer.Address("::1", 834), NisServer.Address.parse("[::1]:834"));
        assertEquals(new NisServer.Address("fe80::1", 0), NisServer.Address.parse("fe80::1"));
        assertThrows(IllegalArgumentException.class, () -> NisServer.Address.parse("h:0"));
        assertThrows(IllegalArgumentException.class, () -> NisServer.Address.parse("h:x"));
    }
}
