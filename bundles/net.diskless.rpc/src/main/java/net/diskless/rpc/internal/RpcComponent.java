package net.diskless.rpc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.api.rpc.RpcProtocol;
import net.diskless.api.rpc.RpcRegistration;
import net.diskless.api.rpc.RpcRegistry;
import net.diskless.rpc.internal.portmap.CallitArgs;
import net.diskless.rpc.internal.portmap.CallitForwarder;
import net.diskless.rpc.internal.portmap.MappingTable;
import net.diskless.rpc.internal.portmap.PortmapProgram;
import net.diskless.rpc.server.MismatchOnly;
import net.diskless.rpc.server.PeerLog;
import net.diskless.rpc.server.RpcServer;
import net.diskless.rpc.server.ServerSettings;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC registry and, in mode {@code embedded}, the portmapper serving it. A portmapper that cannot bind (port
 * 111 taken by the host's rpcbind, or not permitted) is logged as an error and leaves the registry working, so
 * the rest of the appliance — and every RPC service on its own port — keeps running.
 */
@Component(immediate = true, configurationPid = RpcComponent.PID, service = {RpcRegistry.class, Endpoints.class},
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RpcComponent.Config.class)
public final class RpcComponent implements RpcRegistry, Endpoints, PortmapProgram.CallitListener {

    static final String PID = "net.diskless.rpc";
    private static final Logger LOG = LoggerFactory.getLogger(RpcComponent.class);

    @ObjectClassDefinition(name = "Diskless RPC", description = "The portmapper (ONC RPC program 100000 version 2) and where the appliance's RPC services are registered.")
    public @interface Config {
        @AttributeDefinition(name = "Mode", description = "embedded: serve the portmapper here; host: register with the host's rpcbind instead; auto: host when the host's rpcbind answers at start, else embedded.",
                options = {@Option(value = "embedded", label = "embedded"), @Option(value = "host", label = "host"), @Option(value = "auto", label = "auto")})
        String mode() default "embedded";

        @AttributeDefinition(name = "Address", description = "Address the portmapper listens on; 0.0.0.0 is every IPv4 interface (broadcast CALLITs need it).")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "Port", description = "TCP and UDP port of the portmapper; clients only look at 111. 0 picks a free one (tests).", min = "0", max = "65535")
        int port() default 111;

        @AttributeDefinition(name = "TCP", description = "Serve the portmapper over TCP too.")
        boolean tcp() default true;

        @AttributeDefinition(name = "Forward address", description = "Where CALLIT reaches the registered services; empty: the portmapper's own address, or 127.0.0.1 when that is 0.0.0.0.")
        String forwardAddress() default "";

        @AttributeDefinition(name = "CALLIT timeout (ms)", description = "How long a forwarded call may take; then the CALLIT goes unanswered.", min = "1")
        int callitTimeoutMs() default 2000;

        @AttributeDefinition(name = "CALLIT threads", description = "Forwards in progress at once.", min = "1")
        int callitThreads() default 4;

        @AttributeDefinition(name = "CALLIT queue", description = "Forwards waiting for a thread; more are dropped.", min = "1")
        int callitQueue() default 64;

        @AttributeDefinition(name = "Host rpcbind address", description = "The host's rpcbind (modes host and auto).")
        String hostAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Host rpcbind port", min = "1", max = "65535")
        int hostPort() default 111;

        @AttributeDefinition(name = "Host rpcbind timeout (ms)", description = "Per call to the host's rpcbind.", min = "1")
        int hostTimeoutMs() default 2000;

        @AttributeDefinition(name = "Largest TCP record (bytes)", description = "A longer record mark closes the connection.", min = "64")
        int maxRecordBytes() default 65536;

        @AttributeDefinition(name = "Threads", description = "Threads answering portmap calls.", min = "1")
        int threads() default 2;

        @AttributeDefinition(name = "Queued calls", description = "Calls waiting for a thread; more are dropped.", min = "1")
        int queuedCalls() default 256;

        @AttributeDefinition(name = "Log interval per peer (s)", description = "A peer's bad requests are logged once per interval, the rest counted.", min = "0")
        int peerLogIntervalSeconds() default 60;
    }

    private final MappingTable table = new MappingTable();
    private final RpcServer server;
    private final CallitForwarder forwarder;
    private final HostRpcbind host;
    private final InetAddress address;

    @Activate
    public RpcComponent(Config config) throws IOException {
        String mode = config.mode().trim().toLowerCase(Locale.ROOT);
        InetSocketAddress hostAddress = new InetSocketAddress(InetAddress.getByName(config.hostAddress()), config.hostPort());
        HostRpcbind candidate = null;
        if (mode.equals("host") || mode.equals("auto")) {
            candidate = new HostRpcbind(hostAddress, config.hostTimeoutMs(), LOG);
            if (mode.equals("auto") && !candidate.ping()) {
                LOG.info("rpc: no rpcbind answers at {}: serving the portmapper here", hostAddress);
                candidate.close();
                candidate = null;
            }
        } else if (!mode.equals("embedded")) {
            LOG.error("rpc: unknown mode '{}' (embedded, host, auto): serving the portmapper here", config.mode());
        }
        this.host = candidate;
        this.address = InetAddress.getByName(config.address());
        if (host != null) {
            LOG.info("rpc: RPC services register with the host's rpcbind at {}", hostAddress);
            this.server = null;
            this.forwarder = null;
            return;
        }
        InetAddress forwardTo = !config.forwardAddress().isBlank() ? InetAddress.getByName(config.forwardAddress())
                : address.isAnyLocalAddress() ? InetAddress.getByName("127.0.0.1") : address;
        this.forwarder = new CallitForwarder(forwardTo, config.callitTimeoutMs(), config.callitThreads(), config.callitQueue());
        PeerLog peerLog = new PeerLog(LOG, TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()), 4096);
        ServerSettings settings = new ServerSettings("portmap", address, config.tcp() ? config.port() : -1, config.port(),
                config.maxRecordBytes(), config.threads(), config.queuedCalls(),
                TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()));
        RpcServer started = null;
        try {
            // The UDP port is known only after binding (port 0), and CALLIT must refuse to loop back to it.
            started = RpcServer.start(settings, Map.of(), LOG);
            int udpPort = started.udpAddress().map(InetSocketAddress::getPort).orElse(-1);
            started.register(new OncRpcProgram(PortmapProgram.PROGRAM, PortmapProgram.VERSION),
                    new PortmapProgram(table, forwarder, udpPort, peerLog, LOG, this));
            // rpcbind versions 3 and 4 are not served: libtirpc clients fall back to version 2 on PROG_MISMATCH.
            // Their CALLIT (which libtirpc broadcasts beside portmap's) stays silent like every failed CALLIT.
            for (int v = 3; v <= 4; v++) {
                started.register(new OncRpcProgram(PortmapProgram.PROGRAM, v),
                        new MismatchOnly(PortmapProgram.VERSION, PortmapProgram.VERSION, Set.of(PortmapProgram.CALLIT)));
            }
            started.udpAddress().ifPresent(a -> table.put(own(RpcProtocol.UDP, a)));
            started.tcpAddress().ifPresent(a -> table.put(own(RpcProtocol.TCP, a)));
            LOG.info("rpc: portmapper (program 100000 v2) on {}{}", started.udpAddress().map(a -> "udp " + a).orElse(""),
                    started.tcpAddress().map(a -> ", tcp " + a).orElse(""));
        } catch (IOException | RuntimeException e) {
            LOG.error("rpc: cannot listen on {}:{} ({}): the portmapper is NOT running; RPC services still answer on "
                            + "their own ports. Is the host's rpcbind on port {}? Then set mode=host (or auto) in {}.cfg.",
                    config.address(), config.port(), e.getMessage() == null ? e.toString() : e.getMessage(), config.port(), PID);
        }
        this.server = started;
    }

    private static RpcMapping own(RpcProtocol protocol, InetSocketAddress address) {
        return new RpcMapping(PortmapProgram.PROGRAM, PortmapProgram.VERSION, protocol, address.getPort(), "net.diskless.rpc");
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
        if (forwarder != null) {
            forwarder.close();
        }
        if (host != null) {
            List<RpcMapping> left = new ArrayList<>(table.all());
            for (RpcMapping m : left) {
                table.remove(m);
                host.unset(m, table.all());
            }
            host.close();
        }
    }

    @Override
    public RpcRegistration register(int program, int version, RpcProtocol protocol, int port, String owner) {
        RpcMapping mapping = new RpcMapping(program, version, protocol, port, owner);
        List<RpcMapping> before = table.all();
        table.put(mapping);
        LOG.info("rpc: registered {}", mapping);
        if (host != null) {
            host.set(mapping, before);
        }
        return new Registration(mapping);
    }

    @Override
    public List<RpcMapping> mappings() {
        return table.all();
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        if (server != null) {
            // The configured address: grizzly reports 0.0.0.0 as the dual-stack [::].
            server.udpAddress().ifPresent(a -> list.add(new Endpoint("portmap", "udp", new InetSocketAddress(address, a.getPort()), "")));
            server.tcpAddress().ifPresent(a -> list.add(new Endpoint("portmap", "tcp", new InetSocketAddress(address, a.getPort()), "")));
        }
        return list;
    }

    @Override
    public void forwarded(InetSocketAddress caller, CallitArgs call, int port) {
        LOG.debug("portmap: CALLIT from {} for program {} answered by port {}", caller,
                Integer.toUnsignedString(call.program()), port);
    }

    @Override
    public void dropped(InetSocketAddress caller, CallitArgs call, String reason) {
        // logged (rate-limited) by the program itself
    }

    private final class Registration implements RpcRegistration {
        private final RpcMapping mapping;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Registration(RpcMapping mapping) {
            this.mapping = mapping;
        }

        @Override
        public RpcMapping mapping() {
            return mapping;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false) && table.remove(mapping)) {
                LOG.info("rpc: withdrew {}", mapping);
                if (host != null) {
                    host.unset(mapping, table.all());
                }
            }
        }
    }
}
