package net.diskless.rarp.internal.responder;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import net.diskless.api.MacAddress;

/** What the responder asks about a client: who it is (ethers, then hosts) and whether this server can boot it. */
public interface Clients {

    /** The answer to "who is this Ethernet address?". */
    sealed interface Identity {
    }

    /** ethers gave {@code hostname}, hosts gave it {@code ip}. */
    record Known(String hostname, Inet4Address ip) implements Identity {
        public Known {
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(ip, "ip");
        }
    }

    /** No IPv4 address for this Ethernet address, and why (for the log and the event). */
    record Unknown(String reason) implements Identity {
    }

    Identity identify(MacAddress mac);

    /** Why this server can boot the client at {@code ip} ({@code "tftpboot/0A630002"}), or empty when it cannot. */
    Optional<String> bootFile(Inet4Address ip);
}
