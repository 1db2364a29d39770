package net.diskless.names.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import org.junit.jupiter.api.Test;

class FilesIndexTest {

    private static final MacAddress MAC1 = MacAddress.parse("8:0:20:1:2:3");
    private static final MacAddress MAC2 = MacAddress.parse("8:0:20:1:2:4");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HostEntry host(String address, String name, String... aliases) {
        return new HostEntry(name, List.of(aliases), List.of(ip(address)));
    }

    private static FilesIndex ethers(EthersEntry... entries) {
        return FilesIndex.of(List.of(entries), List.of(), List.of(), List.of());
    }

    private static FilesIndex hosts(HostEntry... entries) {
        return FilesIndex.of(List.of(), List.of(entries), List.of(), List.of());
    }

    private static FilesIndex bootptab(BootptabEntry... entries) {
        return FilesIndex.of(List.of(), List.of(), List.of(), List.of(entries));
    }

    @Test
    void emptyIndexHasNothing() {
        FilesIndex empty = FilesIndex.of(List.of(), List.of(), List.of(), List.of());
        assertEquals(FilesIndex.EMPTY, empty);
    }

    @Test
    void firstEthersEntryForAMacWins() {
        EthersEntry first = new EthersEntry(MAC1, "sun1");
        FilesIndex index = ethers(first, new EthersEntry(MAC1, "impostor"));
        assertSame(first, index.ethersByMac().get(MAC1));
        assertEquals(1, index.ethersByMac().size());
    }

    @Test
    void firstEthersEntryForAHostWinsAndEveryMacFindsIt() {
        EthersEntry eth0 = new EthersEntry(MAC1, "sun1");
        EthersEntry eth1 = new EthersEntry(MAC2, "SUN1");
        FilesIndex index = ethers(eth0, eth1);
        assertSame(eth0, index.ethersByHost().get(FilesIndex.key("sun1")));
        assertSame(eth0, index.ethersByMac().get(MAC1));
        assertSame(eth1, index.ethersByMac().get(MAC2));
    }

    @Test
    void ethersHostKeysIgnoreCase() {
        EthersEntry e = new EthersEntry(MAC1, "Sun1.Example.COM");
        FilesIndex index = ethers(e);
        assertSame(e, index.ethersByHost().get(FilesIndex.key("SUN1.example.com")));
        assertEquals("sun1.example.com", FilesIndex.key("SUN1.Example.Com"));
    }

    @Test
    void firstHostsLineGivesTheNamesAndEveryLineItsAddresses() {
        FilesIndex index = hosts(
                host("10.0.0.5", "sun1", "sun1.example.com", "loghost"),
                host("10.0.0.6", "other"),
                host("fe80::5", "sun1.example.com", "sun1-v6"),
                host("10.0.1.5", "SUN1"));
        HostEntry sun1 = index.hostsByName().get("sun1");
        assertEquals("sun1", sun1.canonicalName());
        assertEquals(List.of("sun1.example.com", "loghost"), sun1.aliases());
        assertEquals(List.of(ip("10.0.0.5"), ip("10.0.1.5")), sun1.addresses());

        HostEntry fqdn = index.hostsByName().get("sun1.example.com");
        assertEquals("sun1", fqdn.canonicalName(), "the first line naming it gives the canonical name");
        assertEquals(List.of("sun1.example.com", "loghost"), fqdn.aliases());
        assertEquals(List.of(ip("10.0.0.5"), ip("fe80::5")), fqdn.addresses());

        HostEntry v6 = index.hostsByName().get("sun1-v6");
        assertEquals("sun1.example.com", v6.canonicalName());
        assertEquals(List.of(ip("fe80::5")), v6.addresses());
        assertEquals(ip("10.0.0.5"), index.hostsByName().get("loghost").ipv4().orElseThrow());
    }

    @Test
    void ipv4AndIpv6LinesMakeOneHostWithBothAddressesInFileOrder() {
        FilesIndex index = hosts(host("2001:db8::7", "sun7"), host("10.0.0.7", "sun7"));
        HostEntry sun7 = index.hostsByName().get("sun7");
        assertEquals(List.of(ip("2001:db8::7"), ip("10.0.0.7")), sun7.addresses());
        assertEquals(ip("10.0.0.7"), sun7.ipv4().orElseThrow());
    }

    @Test
    void repeatedAddressIsListedOnce() {
        FilesIndex index = hosts(host("10.0.0.5", "sun1", "SUN1"), host("10.0.0.5", "sun1"), host("10.0.0.6", "sun1"));
        assertEquals(List.of(ip("10.0.0.5"), ip("10.0.0.6")), index.hostsByName().get("sun1").addresses());
    }

    @Test
    void hostNamesIgnoreCase() {
        FilesIndex index = hosts(host("10.0.0.5", "Sun1", "LogHost"));
        assertEquals("Sun1", index.hostsByName().get(FilesIndex.key("SUN1")).canonicalName());
        assertEquals("Sun1", index.hostsByName().get(FilesIndex.key("loghost")).canonicalName());
        assertNull(index.hostsByName().get("Sun1"), "keys are lower case");
    }

    @Test
    void firstLineWinsByAddress() {
        HostEntry first = host("10.0.0.5", "sun1");
        FilesIndex index = hosts(first, host("10.0.0.5", "sun1-again"), host("10.0.0.6", "sun2"));
        assertSame(first, index.hostsByAddress().get(ip("10.0.0.5")));
        assertEquals("sun2", index.hostsByAddress().get(ip("10.0.0.6")).canonicalName());
    }

    @Test
    void multiAddressLineIsFoundByEachAddress() {
        HostEntry both = new HostEntry("dual", List.of(), List.of(ip("10.0.0.9"), ip("2001:db8::9")));
        FilesIndex index = hosts(both);
        assertSame(both, index.hostsByAddress().get(ip("10.0.0.9")));
        assertSame(both, index.hostsByAddress().get(ip("2001:db8::9")));
    }

    @Test
    void firstBootparamsEntryForAClientWinsIgnoringCase() {
        BootParams first = new BootParams("Sun1", List.of(new BootParam("root", "server:/export/root/sun1")));
        BootParams second = new BootParams("sun1", List.of(new BootParam("root", "other:/x")));
        BootParams wildcard = new BootParams("*", List.of(new BootParam("dump", "server:")));
        FilesIndex index = FilesIndex.of(List.of(), List.of(), List.of(first, second, wildcard), List.of());
        assertSame(first, index.bootparams().get("sun1"));
        assertSame(wildcard, index.bootparams().get("*"));
    }

    @Test
    void bootptabIsFoundByHardwareAddressAndByName() {
        BootptabEntry sun1 = new BootptabEntry("Sun1", Map.of("ha", "0x080020010203", "ip", "10.0.0.5"));
        BootptabEntry sun2 = new BootptabEntry("sun2", Map.of("ha", "08:00:20:01:02:04"));
        FilesIndex index = bootptab(sun1, sun2);
        assertSame(sun1, index.bootptabByMac().get(MAC1));
        assertSame(sun2, index.bootptabByMac().get(MAC2));
        assertSame(sun1, index.bootptabByName().get("sun1"));
        assertSame(sun2, index.bootptabByName().get("sun2"));
    }

    @Test
    void firstBootptabEntryWinsByHardwareAddressAndByName() {
        BootptabEntry first = new BootptabEntry("sun1", Map.of("ha", "080020010203"));
        BootptabEntry sameMac = new BootptabEntry("sun1b", Map.of("ha", "8:0:20:1:2:3"));
        BootptabEntry sameName = new BootptabEntry("SUN1", Map.of("ha", "080020010204"));
        FilesIndex index = bootptab(first, sameMac, sameName);
        assertSame(first, index.bootptabByMac().get(MAC1));
        assertSame(first, index.bootptabByName().get("sun1"));
        assertSame(sameName, index.bootptabByMac().get(MAC2));
    }

    @Test
    void bootptabEntryWithABadHardwareAddressIsStillFoundByName() {
        BootptabEntry bad = new BootptabEntry("broken", Map.of("ha", "08:00:zz:01:02:03"));
        BootptabEntry noHa = new BootptabEntry(".template", Map.of("sm", "255.255.255.0"));
        BootptabEntry good = new BootptabEntry("sun1", Map.of("ha", "080020010203"));
        FilesIndex index = bootptab(bad, noHa, good);
        assertSame(bad, index.bootptabByName().get("broken"));
        assertSame(noHa, index.bootptabByName().get(".template"));
        assertSame(good, index.bootptabByMac().get(MAC1));
        assertEquals(1, index.bootptabByMac().size());
    }
}
