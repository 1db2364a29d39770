package net.diskless.api.names;

import java.net.InetAddress;
import net.diskless.api.MacAddress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of names: files, NIS, LDAP. Registered as an OSGi service with the property
 * {@value #SOURCE_PROPERTY} naming it as nsswitch.conf does ({@code files}, {@code nis}, {@code ldap}).
 * The directory composes every registered source per map, in the configured order.
 *
 * <p>Implementations must not throw: a source that cannot answer returns
 * {@link LookupResult.Unavailable} with the reason. A map the source does not serve answers
 * {@code Unavailable}, as nsswitch.conf does for a source without that database.
 */
@ConsumerType
public interface NameSource {

    /** Service property: the source's name in nsswitch.conf. */
    String SOURCE_PROPERTY = "diskless.source";

    /** The source's name as nsswitch.conf spells it. */
    String name();

    /**
     * A number that changes whenever the source's data may have changed (a file reloaded, a server
     * reconnected). The directory keeps cached answers only while it stays the same, so a change is seen
     * on the next lookup.
     */
    long generation();

    LookupResult<EthersEntry> ethersByMac(MacAddress mac);

    LookupResult<EthersEntry> ethersByHost(String hostname);

    LookupResult<HostEntry> hostByName(String name);

    LookupResult<HostEntry> hostByAddress(InetAddress address);

    /** The bootparams entry of {@code client}; the directory asks for {@code "*"} itself when it needs the wildcard. */
    LookupResult<BootParams> bootparams(String client);

    LookupResult<BootptabEntry> bootptabByMac(MacAddress mac);

    LookupResult<BootptabEntry> bootptabByName(String name);
}
