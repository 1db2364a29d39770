package net.diskless.bootparams.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.directory.Directory;
import net.diskless.api.events.BootEvent;
import net.diskless.api.events.BootEvents;
import net.diskless.api.rpc.RpcProtocol;
import net.diskless.api.rpc.RpcRegistration;
import net.diskless.api.rpc.RpcRegistry;
import net.diskless.bootparams.internal.codec.Bootparam;
import net.diskless.bootparams.internal.codec.GetfileArgs;
import net.diskless.bootparams.internal.codec.WhoamiArgs;
import net.diskless.bootparams.internal.logic.BootparamsLogic;
import net.diskless.bootparams.internal.logic.Getfile;
import net.diskless.bootparams.internal.logic.Outcome;
import net.diskless.bootparams.internal.logic.RouterLookup;
import net.diskless.bootparams.internal.logic.Whoami;
import net.diskless.rpc.server.PeerLog;
import net.diskless.rpc.server.RpcServer;
import net.diskless.rpc.server.ServerSettings;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bootparamd: program 100026 v1 on its own ports, registered with the {@link RpcRegistry} (so the portmapper
 * lists it and forwards broadcast WHOAMIs through CALLIT). The directory and EventAdmin are dynamic and
 * optional: without a directory every question goes unanswered (and is logged), as for an unknown client.
 */
@Component(immediate = true, configurationPid = BootparamsComponent.PID, service = Endpoints.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BootparamsComponent.Config.class)
public final class BootparamsComponent implements Endpoints, BootparamsProgram.Listener {

    static final String PID = "net.diskless.bootparams";
    private static final Logger LOG = LoggerFactory.getLogger(BootparamsComponent.class);

    @ObjectClassDefinition(name = "Diskless bootparams", description = "bootparamd (ONC RPC program 100026 version 1): WHOAMI and GETFILE for Sun-style diskless clients.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Address to listen on; 0.0.0.0 is every IPv4 interface (the portmapper forwards CALLIT to 127.0.0.1).")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "Port", description = "UDP and TCP port; 0 picks free ones (clients find them through the portmapper).", min = "0", max = "65535")
        int port() default 0;

        @AttributeDefinition(name = "TCP", description = "Serve over TCP too (netkit bootparamd does).")
        boolean tcp() default true;

        @AttributeDefinition(name = "NIS domain", description = "domain_name in WHOAMI answers; empty for none.")
        String domain() default "";

        @AttributeDefinition(name = "Router", description = "router_address in WHOAMI answers (an IPv4 address or a hosts name). Empty: this server's address on the client's subnet.")
        String router() default "";

        @AttributeDefinition(name = "Largest TCP record (bytes)", description = "A longer record mark closes the connection.", min = "64")
        int maxRecordBytes() default 8192;

        @AttributeDefinition(name = "Threads", description = "Threads answering calls.", min = "1")
        int threads() default 2;

        @AttributeDefinition(name = "Queued calls", description = "Calls waiting for a thread; more are dropped (clients retransmit).", min = "1")
        int queuedCalls() default 512;

        @AttributeDefinition(name = "Log interval per peer (s)", description = "Unanswered questions and bad requests of a peer are logged once per interval, the rest counted.", min = "0")
        int peerLogIntervalSeconds() default 60;
    }

    private final RpcServer server;
    private final List<RpcRegistration> registrations = new ArrayList<>();
    private final PeerLog peerLog;
    private final InetAddress address;
    private volatile Directory directory;
    private volatile EventAdmin events;

    @Activate
    public BootparamsComponent(@Reference RpcRegistry registry, Config config) throws IOException {
        this.peerLog = new PeerLog(LOG, TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()), 4096);
        Inet4Address configuredRouter = config.router().isBlank() ? null : ipv4(config.router());
        List<RouterLookup.Local> locals = configuredRouter == null ? RouterLookup.locals() : List.of();
        BootparamsLogic logic = new BootparamsLogic(config.domain().trim(), client -> configuredRouter != null
                ? configuredRouter : RouterLookup.choose(locals, client).orElse(anyAddress()));
        this.address = InetAddress.getByName(config.address());
        ServerSettings settings = new ServerSettings("bootparams", address,
                config.tcp() ? config.port() : -1, config.port(), config.maxRecordBytes(), config.threads(),
                config.queuedCalls(), TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()));
        try {
            server = RpcServer.start(settings,
                    Map.of(new OncRpcProgram(Bootparam.PROGRAM, Bootparam.VERSION),
                            new BootparamsProgram(logic, () -> directory, this)), LOG);
        } catch (IOException | RuntimeException e) {
            LOG.error("bootparams: cannot listen on {}:{}: {}", config.address(), config.port(), e.getMessage());
            throw e;
        }
        server.udpAddress().ifPresent(a -> registrations.add(registry.register(Bootparam.PROGRAM, Bootparam.VERSION,
                RpcProtocol.UDP, a.getPort(), "net.diskless.bootparams")));
        server.tcpAddress().ifPresent(a -> registrations.add(registry.register(Bootparam.PROGRAM, Bootparam.VERSION,
                RpcProtocol.TCP, a.getPort(), "net.diskless.bootparams")));
        LOG.info("bootparams: program 100026 v1 on {}{} (domain '{}', router {})",
                server.udpAddress().map(a -> "udp " + a).orElse(""), server.tcpAddress().map(a -> ", tcp " + a).orElse(""),
                config.domain(), configuredRouter == null ? "this server's address on the client's subnet"
                        : configuredRouter.getHostAddress());
    }

    private static Inet4Address ipv4(String text) throws IOException {
        for (InetAddress a : InetAddress.getAllByName(text.trim())) {
            if (a instanceof Inet4Address v4) {
                return v4;
            }
        }
        throw new IOException("router " + text + " has no IPv4 address");
    }

    private static Inet4Address anyAddress() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(RpcRegistration::close);
        server.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDirectory(Directory d) {
        directory = d;
    }

    void unsetDirectory(Directory d) {
        if (directory == d) {
            directory = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEvents(EventAdmin e) {
        events = e;
    }

    void unsetEvents(EventAdmin e) {
        if (events == e) {
            events = null;
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        // The configured address: grizzly reports 0.0.0.0 as the dual-stack [::].
        server.udpAddress().ifPresent(a -> list.add(new Endpoint("bootparams", "udp", new InetSocketAddress(address, a.getPort()), "")));
        server.tcpAddress().ifPresent(a -> list.add(new Endpoint("bootparams", "tcp", new InetSocketAddress(address, a.getPort()), "")));
        return list;
    }

    @Override
    public void whoami(InetSocketAddress peer, WhoamiArgs args, Outcome<Whoami> outcome) {
        BootEvent event = BootEvent.on(BootEvents.BOOTPARAMS_WHOAMI).ip(args.client()).peer(peer);
        if (outcome instanceof Outcome.Answer<Whoami> a) {
            // DEBUG: a line per answer costs a third of the throughput; the boot event records every answer
            LOG.debug("bootparams: {} WHOAMI {} -> {} (domain '{}', router {})", peer, args.client().getHostAddress(),
                    a.value().hostname(), a.value().domain(), a.value().router().getHostAddress());
            post(event.hostname(a.value().hostname()).with("answered", true));
        } else if (outcome instanceof Outcome.Silent<Whoami> s) {
            peerLog.warn(peer.getAddress(), "bootparams: {} WHOAMI {} not answered: {}", peer,
                    args.client().getHostAddress(), s.reason());
            post(event.with(BootEvents.HOSTNAME, s.hostname().isEmpty() ? null : s.hostname())
                    .with("answered", false).reason(s.reason()));
        }
    }

    @Override
    public void getfile(InetSocketAddress peer, GetfileArgs args, Outcome<Getfile> outcome) {
        BootEvent event = BootEvent.on(BootEvents.BOOTPARAMS_GETFILE).ip(peer.getAddress()).peer(peer)
                .hostname(args.clientName()).with("key", args.fileId());
        if (outcome instanceof Outcome.Answer<Getfile> a) {
            Getfile g = a.value();
            LOG.debug("bootparams: {} GETFILE {} {} -> {}:{} ({})", peer, args.clientName(), args.fileId(),
                    g.serverName(), g.path(), g.serverAddress().getHostAddress());
            post(event.file(g.serverName() + ":" + g.path()).with("server", g.serverAddress().getHostAddress())
                    .with("answered", true));
        } else if (outcome instanceof Outcome.Silent<Getfile> s) {
            peerLog.warn(peer.getAddress(), "bootparams: {} GETFILE {} {} not answered: {}", peer,
                    args.clientName(), args.fileId(), s.reason());
            post(event.with("answered", false).reason(s.reason()));
        }
    }

    private void post(BootEvent event) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(event.toEvent());
        }
    }
}
