package net.diskless.api.rpc;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the appliance's RPC services announce themselves. The {@code net.diskless.rpc} bundle provides it:
 * it serves the mappings as a portmapper (program 100000) or passes them on to the host's rpcbind,
 * whichever is configured. A service registers each program, version and transport it listens on once
 * it is bound, and closes the registrations when it stops (SCR deactivation).
 */
@ProviderType
public interface RpcRegistry {

    /**
     * Maps {@code program}/{@code version}/{@code protocol} to {@code port}, replacing an earlier mapping
     * of the same key. Never blocks for long and never throws for a portmapper that cannot be reached: the
     * failure is logged by the registry and the returned registration still withdraws cleanly.
     */
    RpcRegistration register(int program, int version, RpcProtocol protocol, int port, String owner);

    /** Every mapping known now, in registration order (including the portmapper's own). */
    List<RpcMapping> mappings();
}
