package net.diskless.dhcp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.diskless.dhcp.internal.codec.Ipv4;
import org.junit.jupiter.api.Test;

class SubnetTest {

    @Test
    void parsesEveryKey() {
        Subnet s = Subnet.parse("10.99.0.7/24 pool=10.99.0.100-10.99.0.110,10.99.0.200 router=10.99.0.1 dns=10.99.0.1,10.99.0.2"
                + " domain=example.net lease=600 next-server=10.99.0.5 bootfile=pxelinux.0 root-path=10.99.0.5:/r"
                + " broadcast=10.99.0.255");
        assertEquals(Ipv4.parse("10.99.0.0"), s.network());
        assertEquals(2, s.pools().size());
        assertTrue(s.inPool(Ipv4.parse("10.99.0.200")));
        assertEquals(List.of(Ipv4.parse("10.99.0.1"), Ipv4.parse("10.99.0.2")), s.dns());
        assertEquals(600, s.leaseSeconds());
        assertEquals("pxelinux.0", s.bootFile());
        assertEquals(Ipv4.parse("10.99.0.255"), s.broadcastAddress());
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0/24 pool=10.98.0.1-10.98.0.9"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0/24 pool=10.99.0.9-10.99.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0/24 colour=blue"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0/24 lease=long"));
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse("10.99.0.0/24 router=gateway.example"));
    }
}
