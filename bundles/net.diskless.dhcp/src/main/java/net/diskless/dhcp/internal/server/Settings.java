package net.diskless.dhcp.internal.server;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the responder decides by, from the component's configuration.
 *
 * @param local            IPv4 addresses of the interfaces served (address and prefix length), asked per request:
 *                         interfaces come and go
 * @param serverId         option 54 and siaddr default; 0 picks the local address of the client's segment
 * @param broadcast        where broadcast replies go; 0 is the directed broadcast of the client's subnet
 * @param archBootFiles    PXE client architecture (option 93) to boot file
 * @param ipxeBootFile     boot file or script for clients that are already iPXE; "" for none
 * @param unbootableDelayMs delay before an OFFER to a client no boot file exists for (0 none)
 * @param bootpOverload    BOOTP options past the 64-byte vendor area go into sname/file first (option 52);
 *                         false grows the reply instead
 */
public record Settings(Supplier<List<Local>> local, List<Subnet> subnets, int serverId, int broadcast, int clientPort,
                       int relayPort, int maxHops, boolean authoritative, int defaultLeaseSeconds, int maxLeaseSeconds,
                       int offerHoldSeconds, int declineHoldSeconds, String serverName, int nextServer,
                       String defaultBootFile, Map<Integer, String> archBootFiles, String ipxeBootFile, boolean proxy,
                       long unbootableDelayMs, boolean bootpOverload) {

    /** One local interface address and its prefix. */
    public record Local(int address, int prefix) {
    }

    public Settings {
        subnets = List.copyOf(subnets);
        archBootFiles = Map.copyOf(archBootFiles);
    }
}
