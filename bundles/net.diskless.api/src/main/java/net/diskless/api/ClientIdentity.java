package net.diskless.api;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the appliance knows about one client: the Ethernet address it started with, the host name the
 * ethers map gives it, the IP address the hosts map gives that name, and its architecture when the
 * client told us (PXE option 93, a {@code .SUN4U} suffix) or a map says so.
 *
 * @param architecture empty when unknown
 */
public record ClientIdentity(MacAddress mac, String hostname, InetAddress ip, String architecture) {

    public ClientIdentity {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(ip, "ip");
        architecture = architecture == null ? "" : architecture;
    }

    public ClientIdentity(MacAddress mac, String hostname, InetAddress ip) {
        this(mac, hostname, ip, "");
    }

    public Optional<String> knownArchitecture() {
        return architecture.isEmpty() ? Optional.empty() : Optional.of(architecture);
    }

    public ClientIdentity withArchitecture(String arch) {
        return new ClientIdentity(mac, hostname, ip, arch);
    }
}
