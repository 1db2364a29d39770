package net.diskless.api.leases;

import java.util.Collection;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where DHCP leases live between restarts. A server acknowledges a lease only once {@link #store} has
 * completed, so an implementation must complete it only when the lease would survive a crash of the
 * process or of the machine (written and synced). The default implementation is an append-only journal in
 * the appliance home.
 */
@ProviderType
public interface LeaseStore {

    /** The latest record for every address the store knows, as reloaded at start and updated since. */
    Collection<Lease> leases();

    /**
     * Records {@code lease} as the latest state of its address. Completes with the lease once it is durable,
     * or exceptionally when it cannot be made so (the server must then not acknowledge it).
     */
    CompletionStage<Lease> store(Lease lease);
}
