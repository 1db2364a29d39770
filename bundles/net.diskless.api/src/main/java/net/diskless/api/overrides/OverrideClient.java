package net.diskless.api.overrides;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The facts about a client that select its override layers: its IP ({@code /conf/<machine-ip>}), its
 * broadcast address as BOOTP gave it ({@code /conf/<broadcast-ip>}), a class name ({@code ""} for none) and
 * the path of its root file system on this server ({@code ""} when unknown), which a
 * {@code diskless_remount} of the form {@code /path} is relative to.
 */
public record OverrideClient(InetAddress ip, InetAddress broadcast, String clientClass, String root) {

    public OverrideClient {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(broadcast, "broadcast");
        clientClass = clientClass == null ? "" : clientClass;
        root = root == null ? "" : root;
    }

    /** A client whose root is not known. */
    public OverrideClient(InetAddress ip, InetAddress broadcast, String clientClass) {
        this(ip, broadcast, clientClass, "");
    }
}
