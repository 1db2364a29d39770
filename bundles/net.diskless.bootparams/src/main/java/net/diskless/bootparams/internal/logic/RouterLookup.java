package net.diskless.bootparams.internal.logic;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default router WHOAMI hands out when none is configured: this server's own address on the client's
 * subnet (the client then routes through its boot server, as netkit bootparamd does with its own address when
 * started without {@code -r}), else this server's first non-loopback IPv4 address, else 0.0.0.0.
 */
public final class RouterLookup {

    /** One local IPv4 address and its prefix length. */
    public record Local(Inet4Address address, int prefix) {
    }

    private RouterLookup() {
    }

    public static Optional<Inet4Address> choose(List<Local> locals, Inet4Address client) {
        for (Local l : locals) {
            if (!l.address().isLoopbackAddress() && sameSubnet(l.address(), client, l.prefix())) {
                return Optional.of(l.address());
            }
        }
        return locals.stream().map(Local::address).filter(a -> !a.isLoopbackAddress()).findFirst();
    }

    static boolean sameSubnet(Inet4Address a, Inet4Address b, int prefix) {
        if (prefix <= 0) {
            return true;
        }
        int mask = prefix >= 32 ? -1 : -1 << (32 - prefix);
        return (toInt(a) & mask) == (toInt(b) & mask);
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** This machine's IPv4 addresses, from interfaces that are up. */
    public static List<Local> locals() {
        List<Local> locals = new ArrayList<>();
        try {
            var interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                NetworkInterface ni = interfaces.nextElement();
                if (!ni.isUp()) {
                    continue;
                }
                for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                    if (ia.getAddress() instanceof Inet4Address v4) {
                        locals.add(new Local(v4, ia.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to look at: the caller falls back to 0.0.0.0
        }
        return locals;
    }
}
