package net.diskless.itests.deployable;

import java.util.Hashtable;
import java.util.Map;
import net.diskless.api.names.NameSource;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Not loaded from the test bundle: DeployIT copies this class and {@link DeployedSource} into a new
 * bundle jar and drops it into the appliance's deploy/ folder, as a user would install a name source.
 */
public final class DeployedActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(NameSource.class, new DeployedSource(),
                new Hashtable<>(Map.of(NameSource.SOURCE_PROPERTY, DeployedSource.NAME)));
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
