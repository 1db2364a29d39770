package net.diskless.dhcp.internal.server;

import java.util.Optional;
import net.diskless.api.names.BootptabEntry;

/**
 * A client the directory knows: ethers gave its name, hosts (or bootptab {@code ip}) its address, and
 * bootptab, when it has an entry, the facts to send.
 *
 * @param bootptab {@code null} when bootptab has no entry for it
 */
public record StaticHost(String hostname, int ip, BootptabEntry bootptab) {

    public Optional<BootptabEntry> facts() {
        return Optional.ofNullable(bootptab);
    }
}
