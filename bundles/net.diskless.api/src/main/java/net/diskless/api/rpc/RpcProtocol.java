package net.diskless.api.rpc;

import java.util.Optional;

/** The transports a portmapper maps, with their IP protocol numbers (the {@code prot} field of a mapping). */
public enum RpcProtocol {
    TCP(6, "tcp"),
    UDP(17, "udp");

    private final int number;
    private final String netid;

    RpcProtocol(int number, String netid) {
        this.number = number;
        this.netid = netid;
    }

    /** IPPROTO_TCP / IPPROTO_UDP, as portmap version 2 carries it. */
    public int number() {
        return number;
    }

    /** The rpcbind netid: {@code tcp}, {@code udp}. */
    public String netid() {
        return netid;
    }

    public static Optional<RpcProtocol> ofNumber(int number) {
        for (RpcProtocol p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
