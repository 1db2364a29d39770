package net.diskless.rpc.internal.portmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.api.rpc.RpcProtocol;

/** The portmapper's table, with portmap's rules. Thread-safe; small (one entry per program, version, transport). */
public final class MappingTable {

    /** Owner of mappings made by PMAPPROC_SET from a local process rather than by a bundle. */
    public static final String SET_BY_CALL = "portmap-set";

    private final List<RpcMapping> entries = new ArrayList<>();

    /** PMAPPROC_SET: refused (false) when the key is mapped already, as portmap does. */
    public synchronized boolean set(RpcMapping mapping) {
        if (entries.stream().anyMatch(e -> e.sameKey(mapping))) {
            return false;
        }
        entries.add(mapping);
        return true;
    }

    /** A bundle's registration: replaces whatever had the key. */
    public synchronized void put(RpcMapping mapping) {
        entries.removeIf(e -> e.sameKey(mapping));
        entries.add(mapping);
    }

    /** Withdraws exactly this mapping (not a newer one that replaced it). */
    public synchronized boolean remove(RpcMapping mapping) {
        return entries.remove(mapping);
    }

    /**
     * PMAPPROC_UNSET: every transport of {@code program}/{@code version} that a SET made; the appliance's own
     * services are withdrawn only by their bundles.
     */
    public synchronized boolean unset(int program, int version) {
        return entries.removeIf(e -> e.program() == program && e.version() == version && SET_BY_CALL.equals(e.owner()));
    }

    /**
     * PMAPPROC_GETPORT: the exact version if mapped, else (as portmap and rpcbind do) any version of the program
     * on that transport, so the client learns the versions from the server's PROG_MISMATCH; 0 when none.
     */
    public synchronized int port(int program, int version, RpcProtocol protocol) {
        RpcMapping any = null;
        for (RpcMapping e : entries) {
            if (e.program() == program && e.protocol() == protocol) {
                if (e.version() == version) {
                    return e.port();
                }
                any = any == null ? e : any;
            }
        }
        return any == null ? 0 : any.port();
    }

    /** The exact mapping, for CALLIT (which forwards only to the version asked for). */
    public synchronized Optional<RpcMapping> exact(int program, int version, RpcProtocol protocol) {
        return entries.stream().filter(e -> e.program() == program && e.version() == version && e.protocol() == protocol)
                .findFirst();
    }

    public synchronized List<RpcMapping> all() {
        return List.copyOf(new ArrayList<>(entries));
    }
}
