package net.diskless.names.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParam;
import org.junit.jupiter.api.Test;

class Rfc2307Test {

    private static final Rfc2307 S = Rfc2307.DEFAULT;

    private static Entry entry(String... ldif) {
        try {
            return new Entry(ldif);
        } catch (com.unboundid.ldif.LDIFException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void macSpellingsCoverRfc2307AndPadded() {
        assertEquals(List.of("8:0:20:1:2:3", "08:00:20:01:02:03"), Rfc2307.macSpellings(MacAddress.parse("08:00:20:01:02:03")));
        assertEquals(List.of("52:54:10:aa:bb:11"), Rfc2307.macSpellings(MacAddress.parse("52:54:10:AA:BB:11")));
    }

    @Test
    void canonicalNameIsTheRdnValueAndOtherNamesAreAliases() throws Exception {
        Entry e = entry("dn: cn=client1,ou=hosts,dc=example,dc=org", "objectClass: ipHost", "objectClass: device",
                "cn: alias1", "cn: client1", "ipHostNumber: 10.99.0.2", "ipHostNumber: fe80::1", "ipHostNumber: bogus");
        var host = S.host(e).orElseThrow();
        assertEquals("client1", host.canonicalName());
        assertEquals(List.of("alias1"), host.aliases());
        assertEquals(List.of(InetAddress.getByName("10.99.0.2"), InetAddress.getByName("fe80::1")), host.addresses());
    }

    @Test
    void anEntryWithoutAddressIsNoHost() {
        Entry e = entry("dn: cn=x,dc=o", "cn: x", "ipHostNumber: 010.0.0.1", "ipHostNumber: host.example.org");
        assertTrue(S.host(e).isEmpty(), "octal-looking quads and names are not addresses (no DNS)");
    }

    @Test
    void ethersTakeEitherSpellingAndSkipJunk() {
        Entry e = entry("dn: cn=sun1,dc=o", "cn: sun1", "macAddress: junk", "macAddress: 8:0:20:1:2:3");
        assertEquals("sun1", S.ethers(e, MacAddress.parse("08:00:20:01:02:03")).orElseThrow().hostname());
        assertEquals(MacAddress.parse("8:0:20:1:2:3"), S.ethers(e, null).orElseThrow().mac());
        assertTrue(S.ethers(e, MacAddress.parse("08:00:20:01:02:04")).isEmpty(), "a MAC the entry does not hold");
    }

    @Test
    void bootParametersKeyServerPath() {
        Entry e = entry("dn: cn=client1,dc=o", "cn: client1", "bootParameter: root=server:/export/root/client1",
                "bootParameter: swap=server:/export/swap/client1", "bootParameter: root=other:/ignored",
                "bootParameter: noequals", "bootParameter: =x", "bootParameter: empty=", "bootParameter: domain=test");
        var bp = S.bootparams(e, "CLIENT1").orElseThrow();
        assertEquals("CLIENT1", bp.client());
        assertEquals(List.of(new BootParam("root", "server:/export/root/client1"),
                new BootParam("swap", "server:/export/swap/client1"), new BootParam("domain", "test")), bp.params());
        assertEquals("server", bp.get("root").orElseThrow().server().orElseThrow());
    }

    @Test
    void bootptabFromADeviceWithMacAndAddress() {
        Entry e = entry("dn: cn=pc1,dc=o", "cn: pc1", "macAddress: 52:54:0:aa:bb:1", "ipHostNumber: 10.99.0.9",
                "bootFile: pxelinux.0");
        var b = S.bootptab(e, null).orElseThrow();
        assertEquals("pc1", b.name());
        assertEquals(Map.of("ht", "1", "ha", "525400aabb01", "ip", "10.99.0.9", "hn", "", "bf", "pxelinux.0"), b.tags());
        assertEquals(MacAddress.parse("52:54:00:aa:bb:01"), b.hardwareAddress().orElseThrow());
        assertTrue(S.bootptab(entry("dn: cn=pc2,dc=o", "cn: pc2", "macAddress: 52:54:0:aa:bb:2"), null).isEmpty());
    }
}
