package net.diskless.rarp.internal.responder;

import java.net.Inet4Address;
import java.util.Objects;

/** One IPv4 address of an interface with its prefix length: {@code 10.99.0.1/24}. */
public record Ipv4Net(Inet4Address address, int prefixLength) {

    public Ipv4Net {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
    }

    /** Whether {@code ip} is on this address's subnet. */
    public boolean contains(Inet4Address ip) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (bits(address) & mask) == (bits(ip) & mask);
    }

    private static int bits(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
