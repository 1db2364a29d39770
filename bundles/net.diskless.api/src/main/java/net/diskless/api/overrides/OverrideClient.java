package net.diskless.api.overrides;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The facts about a client that select its override layers: its IP ({@code /conf/<machine-ip>}), its
 * broadcast address as BOOTP gave it ({@code /conf/<broadcast-ip>}) and a class name ({@code ""} for none).
 */
public record OverrideClient(InetAddress ip, InetAddress broadcast, String clientClass) {
    public OverrideClient {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(broadcast, "broadcast");
        clientClass = clientClass == null ? "" : clientClass;
    }
}
