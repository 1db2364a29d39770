package net.diskless.tftp.internal.files;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) that a remap rule is restricted
 * to. Host bits of {@code network} are ignored.
 *
 * <p>An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}, as a dual-stack socket may report a client) is compared
 * as the IPv4 address it carries. Otherwise an IPv4 network never contains an IPv6 address and vice versa.
 */
public record ClientNetwork(InetAddress network, int prefixLength) {

    public ClientNetwork {
        Objects.requireNonNull(network, "network");
        network = unmapped(network);
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0.." + bits);
        }
    }

    /** Whether {@code address} lies in this network; false for null and for the other address family. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] net = network.getAddress();
        byte[] candidate = unmapped(address).getAddress();
        if (net.length != candidate.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (net[i] != candidate[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (net[whole] & mask) == (candidate[whole] & mask);
    }

    /**
     * Parses {@code ADDRESS[/PREFIX]}; without a prefix the network is the single host. Only numeric addresses are
     * accepted (never a host name: no DNS lookup happens here). IPv4 must be four dotted decimals.
     *
     * @throws IllegalArgumentException with a short message when {@code cidr} is not such a network
     */
    public static ClientNetwork parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = parseAddress(addressText);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1);
            if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length");
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > bits) {
                throw new IllegalArgumentException("prefix length " + prefix + " is longer than " + bits);
            }
        }
        return new ClientNetwork(address, prefix);
    }

    @Override
    public String toString() {
        return hostText(network) + "/" + prefixLength;
    }

    private static InetAddress parseAddress(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("no address");
        }
        if (s.indexOf(':') < 0) {
            return parseIpv4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                throw new IllegalArgumentException("not a numeric IPv6 address");
            }
        }
        try {
            // a literal containing ':' is parsed as IPv6 and never looked up in DNS
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address");
        }
    }

    private static InetAddress parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("IPv4 part " + v + " is above 255");
            }
            bytes[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException(impossible.getMessage());
        }
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address; anything else unchanged. */
    static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
    }

    /** The numeric text of an address without an IPv6 scope ({@code %eth0}): {@code 10.1.2.3}, {@code fe80:0:0:0:0:0:0:1}. */
    static String hostText(InetAddress address) {
        String text = address.getHostAddress();
        int percent = text.indexOf('%');
        return percent < 0 ? text : text.substring(0, percent);
    }
}
