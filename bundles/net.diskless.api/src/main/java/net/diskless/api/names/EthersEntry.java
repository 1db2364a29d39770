package net.diskless.api.names;

import java.util.Objects;
import net.diskless.api.MacAddress;

/** One ethers(5) entry: an Ethernet address and the host name it belongs to. */
public record EthersEntry(MacAddress mac, String hostname) {
    public EthersEntry {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(hostname, "hostname");
    }
}
