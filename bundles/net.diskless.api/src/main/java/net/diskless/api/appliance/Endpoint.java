package net.diskless.api.appliance;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address a service listens on, for the start-up lines and the shell:
 * {@code tftp udp 0.0.0.0:69}.
 *
 * @param service   {@code tftp}, {@code dhcp}, {@code rarp}, …
 * @param transport {@code udp}, {@code tcp}, {@code raw}
 * @param address   the bound address (for raw: the interface's address, port 0)
 * @param detail    anything worth printing with it (an interface name), or {@code ""}
 */
public record Endpoint(String service, String transport, InetSocketAddress address, String detail) {
    public Endpoint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return service + " " + transport + " " + host + ":" + address.getPort() + (detail.isEmpty() ? "" : " " + detail);
    }
}
