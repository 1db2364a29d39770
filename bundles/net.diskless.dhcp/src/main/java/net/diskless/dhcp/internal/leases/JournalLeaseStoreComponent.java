package net.diskless.dhcp.internal.leases;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.leases.Lease;
import net.diskless.api.leases.LeaseStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The journal as the appliance's {@link LeaseStore}; another store with a higher ranking replaces it. */
@Component(configurationPid = JournalLeaseStoreComponent.PID, service = LeaseStore.class)
@Designate(ocd = JournalLeaseStoreComponent.Config.class)
public final class JournalLeaseStoreComponent implements LeaseStore {

    static final String PID = "net.diskless.dhcp.leases";

    @ObjectClassDefinition(name = "Diskless DHCP lease journal", description = "Durable DHCP leases: an append-only journal synced before every acknowledgement.")
    public @interface Config {
        @AttributeDefinition(name = "Journal file", description = "Relative paths are under the appliance home.")
        String file() default "var/dhcp/leases.journal";

        @AttributeDefinition(name = "Compact after", description = "Rewrite the journal once it holds this many records more than there are live leases.", min = "1")
        int compactAfter() default 10000;
    }

    private final LeaseJournal journal;

    @Activate
    public JournalLeaseStoreComponent(@Reference ApplianceHome home, Config config) throws IOException {
        this.journal = new LeaseJournal(home.resolve(config.file()), config.compactAfter(), Clock.systemUTC());
    }

    @Deactivate
    void deactivate() {
        journal.close();
    }

    @Override
    public Collection<Lease> leases() {
        return journal.leases();
    }

    @Override
    public CompletionStage<Lease> store(Lease lease) {
        return journal.store(lease);
    }
}
