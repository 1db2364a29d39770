package net.diskless.rarp.internal.responder;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import net.diskless.api.MacAddress;

/**
 * An interface RARP listens on, as the responder needs it: its name, its Ethernet address (the sender of
 * replies), its IPv4 addresses now (read when a reply is made, so an address added later counts) and a way
 * to put a frame on it.
 */
public record Link(String name, MacAddress mac, Supplier<List<Ipv4Net>> addresses, Sender sender) {

    /** Puts one whole Ethernet frame on the link. */
    @FunctionalInterface
    public interface Sender {
        void send(byte[] frame) throws IOException;
    }

    public Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(sender, "sender");
    }
}
