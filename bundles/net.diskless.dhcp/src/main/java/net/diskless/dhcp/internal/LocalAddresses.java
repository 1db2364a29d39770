package net.diskless.dhcp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.server.Settings;

/**
 * The IPv4 addresses DHCP serves: of the named interface; or, when bound to one address, that address; or of
 * every interface that is not loopback. Looked up again at most every few seconds, since interfaces get their
 * addresses after the appliance starts (at boot; a bridge whose first port comes up later). Interfaces are
 * taken whether or not they have carrier: a bridge without ports is not "running" but is where clients come.
 */
final class LocalAddresses implements Supplier<List<Settings.Local>> {

    private static final long REFRESH_NANOS = 2_000_000_000L;

    private final String interfaceName;
    private final InetAddress bind;
    private volatile List<Settings.Local> cached = List.of();
    private volatile long scanned;
    private volatile boolean everScanned;

    LocalAddresses(String interfaceName, InetAddress bind) {
        this.interfaceName = interfaceName;
        this.bind = bind;
    }

    @Override
    public List<Settings.Local> get() {
        long now = System.nanoTime();
        if (!everScanned || now - scanned > REFRESH_NANOS) {
            cached = scan();
            scanned = now;
            everScanned = true;
        }
        return cached;
    }

    private List<Settings.Local> scan() {
        List<Settings.Local> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!interfaceName.isEmpty() && !nif.getName().equals(interfaceName)) {
                    continue;
                }
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    if (!(a.getAddress() instanceof Inet4Address v4)) {
                        continue;
                    }
                    boolean wanted = !bind.isAnyLocalAddress() ? v4.equals(bind)
                            : !interfaceName.isEmpty() || !nif.isLoopback();
                    if (wanted) {
                        out.add(new Settings.Local(Ipv4.of(v4), a.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            return cached; // keep what we knew
        }
        return List.copyOf(out);
    }
}
