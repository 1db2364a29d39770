package net.diskless.api.rpc;

import java.util.Objects;

/**
 * One portmapper entry: program {@code program} version {@code version} listens on {@code protocol} port
 * {@code port}.
 *
 * @param owner who registered it (a bundle's symbolic name, or {@code portmap-set} for a SET from a local
 *              process); shown by the shell, never on the wire
 */
public record RpcMapping(int program, int version, RpcProtocol protocol, int port, String owner) {

    public RpcMapping {
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        owner = owner == null ? "" : owner;
    }

    /** The portmap key: one port per program, version and protocol. */
    public boolean sameKey(RpcMapping other) {
        return program == other.program && version == other.version && protocol == other.protocol;
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(program) + " v" + Integer.toUnsignedString(version) + " "
                + protocol.netid() + " " + port + (owner.isEmpty() ? "" : " (" + owner + ")");
    }
}
