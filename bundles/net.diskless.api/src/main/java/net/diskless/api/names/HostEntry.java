package net.diskless.api.names;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host as the hosts map knows it: its canonical name, its aliases and its addresses (IPv4 and IPv6,
 * in file order; a name on several lines of hosts(5) collects the addresses of all of them).
 */
public record HostEntry(String canonicalName, List<String> aliases, List<InetAddress> addresses) {

    public HostEntry {
        Objects.requireNonNull(canonicalName, "canonicalName");
        aliases = List.copyOf(aliases);
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a host entry needs an address: " + canonicalName);
        }
    }

    /** The first IPv4 address: the one RARP, BOOTP and bootparams hand out. */
    public Optional<Inet4Address> ipv4() {
        return addresses.stream().filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).findFirst();
    }

    public boolean hasName(String name) {
        return canonicalName.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }
}
