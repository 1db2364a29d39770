package net.diskless.rarp.internal.capture;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.diskless.api.MacAddress;
import net.diskless.rarp.internal.responder.Ipv4Net;

/** Which interfaces RARP listens on, and what it needs to know about each. */
public final class Interfaces {

    /** The interfaces chosen, and one line per configured interface that cannot be used. */
    public record Selection(List<String> names, List<String> problems) {
        public Selection {
            names = List.copyOf(names);
            problems = List.copyOf(problems);
        }
    }

    private Interfaces() {
    }

    /**
     * The configured names; none configured means every interface that could answer a RARP request: up, not
     * loopback, not point-to-point, with an Ethernet address and an IPv4 address (bridge ports and other
     * interfaces without an address have nothing to answer with).
     */
    public static Selection select(List<String> configured) {
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            if (configured.isEmpty()) {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nif.isUp() && !nif.isLoopback() && !nif.isPointToPoint() && !nif.isVirtual()
                            && mac(nif).isPresent() && !addresses(nif).isEmpty()) {
                        names.add(nif.getName());
                    }
                }
                Collections.sort(names);
                return new Selection(names, problems);
            }
            for (String name : configured) {
                NetworkInterface nif = NetworkInterface.getByName(name);
                if (nif == null) {
                    problems.add("no interface " + name);
                } else if (!nif.isUp()) {
                    problems.add("interface " + name + " is down");
                } else if (mac(nif).isEmpty() && !nif.isLoopback()) {
                    problems.add("interface " + name + " has no Ethernet address");
                } else if (!names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (SocketException e) {
            problems.add("cannot list interfaces: " + e.getMessage());
        }
        return new Selection(names, problems);
    }

    /** The interface's Ethernet address; loopback's is all zeros. */
    public static Optional<MacAddress> mac(NetworkInterface nif) throws SocketException {
        byte[] hw = nif.getHardwareAddress();
        if (hw != null && hw.length == 6) {
            return Optional.of(MacAddress.of(hw));
        }
        return nif.isLoopback() ? Optional.of(new MacAddress(0)) : Optional.empty();
    }

    /** The interface's IPv4 addresses now, with their prefix lengths. */
    public static List<Ipv4Net> addresses(NetworkInterface nif) {
        List<Ipv4Net> all = new ArrayList<>();
        nif.getInterfaceAddresses().forEach(a -> {
            if (a.getAddress() instanceof Inet4Address v4) {
                all.add(new Ipv4Net(v4, a.getNetworkPrefixLength()));
            }
        });
        return all;
    }

    /** {@link #addresses(NetworkInterface)} of the interface named {@code name}, read afresh; empty when it is gone. */
    public static List<Ipv4Net> addresses(String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            return nif == null ? List.of() : addresses(nif);
        } catch (SocketException e) {
            return List.of();
        }
    }
}
