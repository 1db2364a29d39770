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
 * {@link LookupResult.Unavailable} with the reason. A source implements the lookups of the maps it
 * serves; the others answer {@code Unavailable} by default, as nsswitch.conf does for a source without
 * that database.
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

    default LookupResult<EthersEntry> ethersByMac(MacAddress mac) {
        return notServed();
    }

    default LookupResult<EthersEntry> ethersByHost(String hostname) {
        return notServed();
    }

    default LookupResult<HostEntry> hostByName(String name) {
        return notServed();
    }

    default LookupResult<HostEntry> hostByAddress(InetAddress address) {
        return notServed();
    }

    /** The bootparams entry of {@code client}; the directory asks for {@code "*"} itself when it needs the wildcard. */
    default LookupResult<BootParams> bootparams(String client) {
        return notServed();
    }

    default LookupResult<BootptabEntry> bootptabByMac(MacAddress mac) {
        return notServed();
    }

    default LookupResult<BootptabEntry> bootptabByName(String name) {
        return notServed();
    }

    /** What a map this source does not serve answers: UNAVAIL, as nsswitch has it, so the chain goes on. */
    private <T> LookupResult<T> notServed() {
        return LookupResult.unavailable(name() + " does not serve this map");
    }
}
