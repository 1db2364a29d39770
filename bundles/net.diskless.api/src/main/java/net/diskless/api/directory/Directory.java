package net.diskless.api.directory;

import java.net.InetAddress;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every name source, composed per map in the order nsswitch.conf gives ({@code ethers: files nis ldap}),
 * with caching. This is what the protocols ask; they never talk to a source directly.
 * Lookups never throw: a source failure becomes an {@link Answer.Status#UNAVAIL} attempt.
 */
@ProviderType
public interface Directory {

    Answer<EthersEntry> ethersByMac(MacAddress mac);

    Answer<EthersEntry> ethersByHost(String hostname);

    Answer<HostEntry> hostByName(String name);

    Answer<HostEntry> hostByAddress(InetAddress address);

    /** The client's bootparams entry, or the wildcard {@code *} entry when it has none of its own. */
    Answer<BootParams> bootparams(String client);

    /** The bootptab entry whose {@code ha} is {@code mac}. */
    Answer<BootptabEntry> bootptabByMac(MacAddress mac);

    Answer<BootptabEntry> bootptabByName(String name);

    /**
     * The RARP question: Ethernet address → host name (ethers) → IPv4 address (hosts). When ethers has
     * no entry, a bootptab entry with {@code ha} and {@code ip} answers instead (its name as host name).
     */
    Answer<ClientIdentity> identify(MacAddress mac);
}
