package net.diskless.api.overrides;

import java.net.InetAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Resolves the {@code /conf} override hierarchy per client: layers {@code base}, {@code default}, a class,
 * the broadcast address, the machine address; later layers win.
 */
@ProviderType
public interface OverrideResolver {

    /** The effective view of {@code directory} (an absolute client path such as {@code /etc}) for {@code client}. */
    OverrideView resolve(OverrideClient client, String directory);

    /**
     * What the directory knows about the client at {@code ip}: its broadcast address (from the subnet mask of
     * its bootptab entry, else the configured prefix), its class and its root path.
     */
    OverrideClient client(InetAddress ip);
}
