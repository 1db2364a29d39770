package net.diskless.dhcp.internal.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.diskless.dhcp.internal.codec.Ipv4;

/**
 * One subnet this server serves, from a configuration line such as
 * {@code 10.99.0.0/24 pool=10.99.0.100-10.99.0.199 router=10.99.0.1 dns=10.99.0.1 lease=3600}.
 * Keys: {@code pool} (ranges, comma separated), {@code router}, {@code dns} (comma separated),
 * {@code domain}, {@code lease} (seconds), {@code next-server}, {@code bootfile}, {@code root-path},
 * {@code broadcast}.
 *
 * @param pools address ranges handed out dynamically, inclusive; empty: static hosts only
 */
public record Subnet(int network, int prefix, List<Range> pools, List<Integer> routers, List<Integer> dns, String domain,
                     int leaseSeconds, int nextServer, String bootFile, String rootPath, int broadcast) {

    /** An inclusive range of addresses. */
    public record Range(int first, int last) {
        public Range {
            if (Ipv4.compare(first, last) > 0) {
                throw new IllegalArgumentException("range " + Ipv4.text(first) + "-" + Ipv4.text(last) + " is backwards");
            }
        }

        public boolean contains(int ip) {
            return Ipv4.compare(ip, first) >= 0 && Ipv4.compare(ip, last) <= 0;
        }

        public long size() {
            return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
        }
    }

    public Subnet {
        pools = List.copyOf(pools);
        routers = List.copyOf(routers);
        dns = List.copyOf(dns);
        domain = domain == null ? "" : domain;
        bootFile = bootFile == null ? "" : bootFile;
        rootPath = rootPath == null ? "" : rootPath;
    }

    public int mask() {
        return Ipv4.mask(prefix);
    }

    public boolean contains(int ip) {
        return (ip & mask()) == network;
    }

    public boolean inPool(int ip) {
        return pools.stream().anyMatch(r -> r.contains(ip));
    }

    /** The subnet-directed broadcast address, unless configured otherwise. */
    public int broadcastAddress() {
        return broadcast != 0 ? broadcast : network | ~mask();
    }

    /** A subnet known only from a local interface: static hosts only, no options of its own. */
    public static Subnet attached(int address, int prefix) {
        return new Subnet(address & Ipv4.mask(prefix), prefix, List.of(), List.of(), List.of(), "", 0, 0, "", "", 0);
    }

    /** Parses one configuration line; throws with the reason when it is not one. */
    public static Subnet parse(String line) {
        String[] words = line.strip().split("\\s+");
        String cidr = words[0];
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("subnet must start with ADDRESS/PREFIX: " + line);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        int address = Ipv4.parse(cidr.substring(0, slash));
        int network = address & Ipv4.mask(prefix);
        Map<String, String> kv = new TreeMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + words[i] + "' in: " + line);
            }
            kv.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        List<Range> pools = new ArrayList<>();
        for (String r : list(kv.remove("pool"))) {
            int dash = r.indexOf('-');
            Range range = dash < 0 ? new Range(Ipv4.parse(r), Ipv4.parse(r))
                    : new Range(Ipv4.parse(r.substring(0, dash)), Ipv4.parse(r.substring(dash + 1)));
            int mask = Ipv4.mask(prefix);
            if ((range.first() & mask) != network || (range.last() & mask) != network) {
                throw new IllegalArgumentException("pool " + r + " is not inside " + cidr);
            }
            pools.add(range);
        }
        List<Integer> routers = list(kv.remove("router")).stream().map(Ipv4::parse).toList();
        List<Integer> dns = list(kv.remove("dns")).stream().map(Ipv4::parse).toList();
        String domain = kv.remove("domain");
        String lease = kv.remove("lease");
        int leaseSeconds = lease == null ? 0 : Integer.parseInt(lease);
        String next = kv.remove("next-server");
        String bootFile = kv.remove("bootfile");
        String rootPath = kv.remove("root-path");
        String bcast = kv.remove("broadcast");
        if (!kv.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + kv.keySet() + " in: " + line);
        }
        return new Subnet(network, prefix, pools, routers, dns, domain, leaseSeconds,
                next == null ? 0 : Ipv4.parse(next), bootFile, rootPath, bcast == null ? 0 : Ipv4.parse(bcast));
    }

    private static List<String> list(String v) {
        return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
    }

    @Override
    public String toString() {
        return Ipv4.text(network) + "/" + prefix + (pools.isEmpty() ? "" : " pools " + pools.stream()
                .map(r -> Ipv4.text(r.first()) + "-" + Ipv4.text(r.last())).toList());
    }
}
