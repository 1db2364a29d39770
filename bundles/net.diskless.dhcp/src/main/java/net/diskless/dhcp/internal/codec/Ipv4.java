package net.diskless.dhcp.internal.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as unsigned 32-bit values in an {@code int}, the form they have in a BOOTP header. */
public final class Ipv4 {

    public static final int ANY = 0;
    public static final int BROADCAST = 0xFFFF_FFFF;

    private Ipv4() {
    }

    public static int of(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        byte[] b = address.getAddress();
        return read(b, 0);
    }

    public static int read(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }

    public static void write(byte[] b, int offset, int ip) {
        b[offset] = (byte) (ip >>> 24);
        b[offset + 1] = (byte) (ip >>> 16);
        b[offset + 2] = (byte) (ip >>> 8);
        b[offset + 3] = (byte) ip;
    }

    public static byte[] bytes(int ip) {
        byte[] b = new byte[4];
        write(b, 0, ip);
        return b;
    }

    public static Inet4Address inet(int ip) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes(ip));
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }

    /** Parses dotted-quad text only (never a name lookup); throws with the reason otherwise. */
    public static int parse(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            v = (v << 8) | o;
        }
        return v;
    }

    public static String text(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    /** The netmask of a prefix length 0..32. */
    public static int mask(int prefix) {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32: " + prefix);
        }
        return prefix == 0 ? 0 : 0xFFFF_FFFF << (32 - prefix);
    }

    /** Compares as unsigned: 10.0.0.1 < 200.0.0.1. */
    public static int compare(int a, int b) {
        return Integer.compareUnsigned(a, b);
    }
}
