package net.diskless.rpc.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.rpc.internal.portmap.PortmapProgram;
import org.dcache.oncrpc4j.portmap.mapping;
import org.dcache.oncrpc4j.rpc.IoStrategy;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.dcache.oncrpc4j.xdr.XdrBoolean;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.slf4j.Logger;

/**
 * Mode {@code host}: the mappings go to the host's rpcbind (portmap v2 SET/UNSET over UDP, which every rpcbind
 * speaks) instead of being served here. Calls run one at a time on their own thread, in order, each bounded
 * by a timeout, so a registering bundle never waits for a portmapper that does not answer.
 */
final class HostRpcbind implements AutoCloseable {

    private static final int SET = 1;
    private static final int UNSET = 2;

    private final InetSocketAddress rpcbind;
    private final long timeoutMs;
    private final Logger log;
    private final java.util.Random random = new java.util.Random();
    private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diskless-rpcbind-client");
        t.setDaemon(true);
        return t;
    });

    HostRpcbind(InetSocketAddress rpcbind, long timeoutMs, Logger log) {
        this.rpcbind = rpcbind;
        this.timeoutMs = timeoutMs;
        this.log = log;
    }

    /** True when the host's portmapper answers NULL (checked at activation, so the log says which is in use). */
    boolean ping() {
        try {
            return calls.submit(() -> {
                call(0, null);
                return true;
            }).get(timeoutMs * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Registers {@code mapping}. portmap refuses a SET for a key that is taken (a stale entry of an earlier
     * run), so the program/version is unset first — unless another transport of ours is registered under it,
     * which UNSET would take away too.
     */
    void set(RpcMapping mapping, List<RpcMapping> others) {
        calls.execute(() -> {
            try {
                if (others.stream().noneMatch(o -> o.program() == mapping.program() && o.version() == mapping.version())) {
                    call(UNSET, new mapping(mapping.program(), mapping.version(), 0, 0));
                }
                boolean ok = call(SET, new mapping(mapping.program(), mapping.version(), mapping.protocol().number(),
                        mapping.port()));
                if (ok) {
                    log.info("rpc: registered {} with the host's rpcbind at {}", mapping, rpcbind);
                } else {
                    log.error("rpc: the host's rpcbind at {} refused {}", rpcbind, mapping);
                }
            } catch (IOException | TimeoutException e) {
                log.error("rpc: cannot register {} with the host's rpcbind at {}: {}", mapping, rpcbind, e.toString());
            }
        });
    }

    /** Withdraws {@code mapping}: UNSET takes every transport of its version, so the remaining ones are set again. */
    void unset(RpcMapping mapping, List<RpcMapping> remaining) {
        calls.execute(() -> {
            try {
                call(UNSET, new mapping(mapping.program(), mapping.version(), 0, 0));
                for (RpcMapping r : remaining) {
                    if (r.program() == mapping.program() && r.version() == mapping.version()) {
                        call(SET, new mapping(r.program(), r.version(), r.protocol().number(), r.port()));
                    }
                }
                log.info("rpc: withdrew {} from the host's rpcbind at {}", mapping, rpcbind);
            } catch (IOException | TimeoutException e) {
                log.warn("rpc: cannot withdraw {} from the host's rpcbind at {}: {}", mapping, rpcbind, e.toString());
            }
        });
    }

    private boolean call(int procedure, mapping args) throws IOException, TimeoutException {
        Connected c = connect();
        try (OncRpcClient client = c.client()) {
            RpcCall call = new RpcCall(PortmapProgram.PROGRAM, PortmapProgram.VERSION, new RpcAuthTypeNone(), c.transport());
            if (args == null) {
                call.call(procedure, XdrVoid.XDR_VOID, XdrVoid.XDR_VOID, timeoutMs, TimeUnit.MILLISECONDS);
                return true;
            }
            XdrBoolean result = new XdrBoolean();
            call.call(procedure, args, result, timeoutMs, TimeUnit.MILLISECONDS);
            return result.booleanValue();
        }
    }

    private record Connected(OncRpcClient client, RpcTransport transport) {
    }

    /**
     * rpcbind takes SET and UNSET over UDP only from a reserved port of 127.0.0.1 (unless started with -i), as
     * bindresvport gives C services: a few random reserved ports are tried (needs root), then any port.
     */
    private Connected connect() throws IOException {
        for (int attempt = 0; attempt < 8; attempt++) {
            int port = 600 + random.nextInt(1024 - 600);
            OncRpcClient c = new OncRpcClient(rpcbind, IpProtocolType.UDP, port, IoStrategy.SAME_THREAD, "diskless-rpcbind");
            try {
                return new Connected(c, c.connect(timeoutMs, TimeUnit.MILLISECONDS));
            } catch (IOException taken) {
                c.close();
            }
        }
        OncRpcClient c = new OncRpcClient(rpcbind, IpProtocolType.UDP);
        try {
            return new Connected(c, c.connect(timeoutMs, TimeUnit.MILLISECONDS));
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    /** Waits (bounded) for the calls already queued, so stopping withdraws what was registered. */
    @Override
    public void close() {
        calls.shutdown();
        try {
            if (!calls.awaitTermination(timeoutMs * 4, TimeUnit.MILLISECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            calls.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
