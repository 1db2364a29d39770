package net.diskless.api.appliance;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by every component that listens on the network, so the appliance can print where each
 * service listens once it is ready, and the shell can list them.
 */
@ConsumerType
public interface Endpoints {
    List<Endpoint> endpoints();
}
