package net.diskless.names.files.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;

/**
 * The files' entries indexed for lookup; immutable, replaced whole when a file changes.
 *
 * <p>Precedence, as the system tools have it: the first entry for a key wins (ethers, bootparams,
 * bootptab). For hosts, the first line naming a host gives its canonical name and aliases, and the
 * addresses of every line naming it are collected in file order (glibc's {@code multi on}), so an
 * IPv4 line and an IPv6 line for one host make one entry with both addresses. Names are matched
 * without regard to case.
 */
record FilesIndex(Map<MacAddress, EthersEntry> ethersByMac, Map<String, EthersEntry> ethersByHost,
                  Map<String, HostEntry> hostsByName, Map<InetAddress, HostEntry> hostsByAddress,
                  Map<String, BootParams> bootparams,
                  Map<MacAddress, BootptabEntry> bootptabByMac, Map<String, BootptabEntry> bootptabByName) {

    static final FilesIndex EMPTY = new FilesIndex(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static FilesIndex of(List<EthersEntry> ethers, List<HostEntry> hosts, List<BootParams> bootparams,
                         List<BootptabEntry> bootptab) {
        Map<MacAddress, EthersEntry> byMac = new HashMap<>();
        Map<String, EthersEntry> byHost = new HashMap<>();
        for (EthersEntry e : ethers) {
            byMac.putIfAbsent(e.mac(), e);
            byHost.putIfAbsent(key(e.hostname()), e);
        }

        Map<String, HostEntry> firstLine = new LinkedHashMap<>();
        Map<String, java.util.Set<InetAddress>> addresses = new HashMap<>();
        Map<InetAddress, HostEntry> byAddress = new HashMap<>();
        for (HostEntry h : hosts) {
            List<String> names = new ArrayList<>();
            names.add(h.canonicalName());
            names.addAll(h.aliases());
            for (String n : names) {
                firstLine.putIfAbsent(key(n), h);
                addresses.computeIfAbsent(key(n), k -> new java.util.LinkedHashSet<>()).addAll(h.addresses());
            }
            h.addresses().forEach(a -> byAddress.putIfAbsent(a, h));
        }
        Map<String, HostEntry> byName = new HashMap<>();
        firstLine.forEach((name, h) -> byName.put(name,
                new HostEntry(h.canonicalName(), h.aliases(), List.copyOf(addresses.get(name)))));

        Map<String, BootParams> params = new HashMap<>();
        bootparams.forEach(b -> params.putIfAbsent(key(b.client()), b));

        Map<MacAddress, BootptabEntry> bootpByMac = new HashMap<>();
        Map<String, BootptabEntry> bootpByName = new HashMap<>();
        for (BootptabEntry b : bootptab) {
            bootpByName.putIfAbsent(key(b.name()), b);
            try {
                b.hardwareAddress().ifPresent(mac -> bootpByMac.putIfAbsent(mac, b));
            } catch (IllegalArgumentException badHa) {
                // reported by the parser; the entry is still found by name
            }
        }
        return new FilesIndex(Map.copyOf(byMac), Map.copyOf(byHost), Map.copyOf(byName), Map.copyOf(byAddress),
                Map.copyOf(params), Map.copyOf(bootpByMac), Map.copyOf(bootpByName));
    }
}
