package net.diskless.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.boot.BootFiles;
import net.diskless.api.directory.Directory;
import net.diskless.api.events.BootEvent;
import net.diskless.api.events.BootEvents;
import net.diskless.api.leases.Lease;
import net.diskless.api.leases.LeaseStore;
import net.diskless.dhcp.internal.codec.DhcpMessage;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.codec.MessageType;
import net.diskless.dhcp.internal.server.Decision;
import net.diskless.dhcp.internal.server.DhcpListener;
import net.diskless.dhcp.internal.server.DhcpServer;
import net.diskless.dhcp.internal.server.Responder;
import net.diskless.dhcp.internal.server.ServerSettings;
import net.diskless.dhcp.internal.server.Settings;
import net.diskless.dhcp.internal.server.Subnet;
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
 * The BOOTP/DHCP/PXE service: configuration, lifecycle, logs and boot events. The directory, BootFiles and
 * EventAdmin are dynamic and optional; the lease store is static (a better-ranked store restarts it, so the
 * lease table is reloaded from the store that now holds the leases).
 *
 * <p>When the port cannot be bound (another DHCP server, no privilege) the component logs why and stays
 * active without a socket, so the rest of the appliance runs.
 */
@Component(immediate = true, configurationPid = DhcpComponent.PID, service = Endpoints.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DhcpComponent.Config.class)
public final class DhcpComponent implements Endpoints, DhcpListener {

    static final String PID = "net.diskless.dhcp";
    private static final Logger LOG = LoggerFactory.getLogger(DhcpComponent.class);

    @ObjectClassDefinition(name = "Diskless DHCP", description = "BOOTP, DHCP, PXE and proxyDHCP server.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Address to listen on; 0.0.0.0 receives broadcasts on every interface.")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "Port", description = "BOOTP server port; 0 picks a free one (tests).", min = "0", max = "65535")
        int port() default 67;

        @AttributeDefinition(name = "Interface", description = "Serve only the segments of this interface (its IPv4 addresses); empty serves every non-loopback interface.")
        String interfaceName() default "";

        @AttributeDefinition(name = "Client port", description = "Where replies to clients go.", min = "1", max = "65535")
        int clientPort() default 68;

        @AttributeDefinition(name = "Relay port", description = "Where replies to relay agents (giaddr) go.", min = "1", max = "65535")
        int relayPort() default 67;

        @AttributeDefinition(name = "Subnets", description = "One per value, or several separated by ';': 'NETWORK/PREFIX [pool=FIRST-LAST[,..]] [router=IP] [dns=IP[,..]] [domain=D] [lease=SECONDS] [next-server=IP] [bootfile=F] [root-path=P] [broadcast=IP]'. Without pool only static hosts are served.")
        String[] subnets() default {};

        @AttributeDefinition(name = "Server identifier", description = "Option 54; empty uses this server's address on the client's segment.")
        String serverId() default "";

        @AttributeDefinition(name = "Broadcast address", description = "Where broadcast replies go; empty is the directed broadcast of the client's subnet (routable without a 255.255.255.255 route), e.g. 255.255.255.255.")
        String broadcastAddress() default "";

        @AttributeDefinition(name = "Server name", description = "The sname field; empty leaves it free for options (overload).")
        String serverName() default "";

        @AttributeDefinition(name = "Next server", description = "siaddr (TFTP server) when neither bootptab sa nor the subnet says; empty: the server identifier.")
        String nextServer() default "";

        @AttributeDefinition(name = "Default lease (s)", min = "60")
        int defaultLeaseSeconds() default 3600;

        @AttributeDefinition(name = "Longest lease (s)", description = "Longer requested leases are cut to this.", min = "60")
        int maxLeaseSeconds() default 86400;

        @AttributeDefinition(name = "Offer hold (s)", description = "How long an offered address is kept for its client.", min = "1")
        int offerHoldSeconds() default 30;

        @AttributeDefinition(name = "Decline hold (s)", description = "How long a declined address is not offered.", min = "0")
        int declineHoldSeconds() default 600;

        @AttributeDefinition(name = "Authoritative", description = "NAK requests for addresses this server did not give on subnets it serves.")
        boolean authoritative() default true;

        @AttributeDefinition(name = "Largest hop count", description = "Relayed requests with more hops are dropped.", min = "0", max = "255")
        int maxHops() default 16;

        @AttributeDefinition(name = "Requests per second per client", description = "More from one hardware address are dropped; 0 for no limit.", min = "0")
        int perClientRate() default 10;

        @AttributeDefinition(name = "Default boot file", description = "When neither bootptab bf, the architecture map nor the subnet name one.")
        String bootFile() default "";

        @AttributeDefinition(name = "Boot file per architecture", description = "'ARCH=FILE' per value (or separated by ';'), ARCH the PXE client architecture (option 93): 0 BIOS, 7 x64 UEFI, 9 x64 UEFI BC, 11 arm64 UEFI...")
        String[] archBootFiles() default {};

        @AttributeDefinition(name = "iPXE boot file", description = "Boot file or script URL for clients that are iPXE already (user class iPXE or option 175), so chainloading does not loop; empty: the usual boot file.")
        String ipxeBootFile() default "";

        @AttributeDefinition(name = "proxyDHCP", description = "Give PXE clients boot information only, no addresses (another server hands those out); also listens on the PXE port.")
        boolean proxy() default false;

        @AttributeDefinition(name = "PXE port", description = "The proxyDHCP boot server port.", min = "0", max = "65535")
        int pxePort() default 4011;

        @AttributeDefinition(name = "Delay for clients we cannot boot (ms)", description = "Hold the OFFER back this long when no boot file exists for the client, so a server that can boot it answers first; 0 never waits.", min = "0")
        long unbootableOfferDelayMs() default 0;

        @AttributeDefinition(name = "BOOTP overload", description = "BOOTP options that overflow the 64-byte vendor area: false sends a longer reply (klibc ipconfig and Linux read it, neither reads option 52); true moves them into sname/file first (option 52), for clients that take 300 bytes only.")
        boolean bootpOverload() default false;

        @AttributeDefinition(name = "Log every reply", description = "One info line per reply; off for load tests.")
        boolean logReplies() default true;

        @AttributeDefinition(name = "Log interval per peer (s)", description = "A peer's bad requests are logged once per interval, the rest counted.", min = "0")
        int peerLogIntervalSeconds() default 60;
    }

    private final Config config;
    private final DhcpServer server;
    private final PeerLog peerLog;
    private volatile Directory directory;
    private volatile BootFiles bootFiles;
    private volatile EventAdmin events;

    @Activate
    public DhcpComponent(@Reference(policyOption = ReferencePolicyOption.GREEDY) LeaseStore store, Config config)
            throws IOException {
        this.config = config;
        this.peerLog = new PeerLog(LOG, TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()), 4096);
        Settings settings;
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.address());
            settings = settings(config, bind);
        } catch (IllegalArgumentException | IOException e) {
            // Not fatal either: the rest of the appliance runs, and the line says what to fix.
            LOG.error("dhcp: configuration error: {}; DHCP is off until the configuration changes", e.getMessage());
            this.server = null;
            return;
        }
        if (settings.local().get().isEmpty()) {
            LOG.warn("dhcp: no IPv4 interface to serve{} yet; until one has an address only relayed requests are answered",
                    config.interfaceName().isEmpty() ? "" : " on " + config.interfaceName());
        }
        Responder responder = new Responder(settings, new DirectoryHosts(() -> directory, () -> bootFiles),
                List.copyOf(store.leases()), System::currentTimeMillis);
        ServerSettings transport = new ServerSettings(new InetSocketAddress(bind, config.port()),
                config.proxy() ? config.pxePort() : 0, config.perClientRate());
        if (!settings.archBootFiles().isEmpty() || !settings.ipxeBootFile().isEmpty()) {
            LOG.info("dhcp: PXE boot files by architecture {}, for iPXE '{}'", new java.util.TreeMap<>(settings.archBootFiles()),
                    settings.ipxeBootFile());
        }
        DhcpServer s;
        try {
            s = new DhcpServer(transport, responder, store, this);
            LOG.info("dhcp: {} on udp {} serving {}{}", config.proxy() ? "proxyDHCP" : "BOOTP/DHCP", s.localAddresses(),
                    settings.subnets().isEmpty() ? "static hosts on " + locals(settings) : settings.subnets(),
                    store.leases().isEmpty() ? "" : " (" + store.leases().size() + " leases on record)");
        } catch (IOException e) {
            // Not fatal: everything else (TFTP, ...) still runs; the operator sees why DHCP does not.
            LOG.error("dhcp: cannot listen on {}:{} ({}); DHCP is off until the configuration changes",
                    config.address(), config.port(), e.getMessage());
            s = null;
        }
        this.server = s;
    }

    private static String locals(Settings s) {
        return s.local().get().stream().map(l -> Ipv4.text(l.address()) + "/" + l.prefix()).toList().toString();
    }

    static Settings settings(Config c, InetAddress bind) {
        List<Subnet> subnets = new ArrayList<>();
        for (String line : entries(c.subnets())) {
            subnets.add(Subnet.parse(line));
        }
        Map<Integer, String> arch = new HashMap<>();
        for (String e : entries(c.archBootFiles())) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("archBootFiles entry must be ARCH=FILE: " + e);
            }
            try {
                arch.put(Integer.parseInt(e.substring(0, eq).strip()), e.substring(eq + 1).strip());
            } catch (NumberFormatException n) {
                throw new IllegalArgumentException("archBootFiles entry must be ARCH=FILE with a number: " + e);
            }
        }
        return new Settings(new LocalAddresses(c.interfaceName(), bind), subnets, ip(c.serverId()), ip(c.broadcastAddress()),
                c.clientPort(), c.relayPort(), c.maxHops(), c.authoritative(), c.defaultLeaseSeconds(),
                c.maxLeaseSeconds(), c.offerHoldSeconds(), c.declineHoldSeconds(), c.serverName(), ip(c.nextServer()),
                c.bootFile(), arch, c.ipxeBootFile(), c.proxy(), c.unbootableOfferDelayMs(), c.bootpOverload());
    }

    /**
     * Multi-valued attributes: one entry per value (a .config file's array), and in each value entries separated
     * by ';' (a .cfg file has one string per key).
     */
    static List<String> entries(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String e : v.split(";")) {
                if (!e.isBlank()) {
                    out.add(e.strip());
                }
            }
        }
        return out;
    }

    private static int ip(String text) {
        return text == null || text.isBlank() ? 0 : Ipv4.parse(text);
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
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
    void setBootFiles(BootFiles b) {
        bootFiles = b;
    }

    void unsetBootFiles(BootFiles b) {
        if (bootFiles == b) {
            bootFiles = null;
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
        if (server == null) {
            return List.of();
        }
        List<Endpoint> out = new ArrayList<>();
        List<InetSocketAddress> addresses = server.localAddresses();
        for (int i = 0; i < addresses.size(); i++) {
            out.add(new Endpoint(i == 0 ? "dhcp" : "pxe", "udp", addresses.get(i), config.interfaceName()));
        }
        return out;
    }

    private void post(BootEvent event) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(event.toEvent());
        }
    }

    @Override
    public void received(DhcpMessage request, InetSocketAddress peer) {
        String topic = request.messageType().map(t -> t == MessageType.DISCOVER ? BootEvents.DHCP_DISCOVER
                : t == MessageType.REQUEST ? BootEvents.DHCP_REQUEST : null).orElse(null);
        if (topic != null && events != null) {
            BootEvent ev = BootEvent.on(topic).peer(peer).with("xid", Integer.toHexString(request.xid()));
            request.mac().ifPresent(ev::mac);
            request.options().clientArchitectures().stream().findFirst()
                    .ifPresent(a -> ev.with(BootEvents.ARCHITECTURE, net.diskless.dhcp.internal.server.Architectures.name(a)));
            post(ev);
        }
    }

    @Override
    public void replied(DhcpMessage request, Decision.Summary s, InetSocketAddress to) {
        if (config.logReplies()) {
            LOG.info("dhcp: {} {} to {}{}{}{} via {}", s.type(), s.ip() == 0 ? "-" : Ipv4.text(s.ip()), s.client(),
                    s.architecture().isEmpty() ? "" : " (" + s.architecture() + ")",
                    s.bootFile().isEmpty() ? "" : " file " + s.bootFile(),
                    s.reason().isEmpty() ? "" : ": " + s.reason(), to);
        }
        if (events != null) {
            String topic = switch (s.type()) {
                case "OFFER" -> BootEvents.DHCP_OFFER;
                case "ACK" -> BootEvents.DHCP_ACK;
                case "NAK" -> BootEvents.DHCP_NAK;
                default -> BootEvents.BOOTP_REPLY;
            };
            BootEvent ev = BootEvent.on(topic).with("to", to.getAddress().getHostAddress() + ":" + to.getPort());
            request.mac().ifPresent(ev::mac);
            if (s.ip() != 0) {
                ev.ip(Ipv4.inet(s.ip()));
            }
            if (!s.architecture().isEmpty()) {
                ev.with(BootEvents.ARCHITECTURE, s.architecture());
            }
            if (!s.bootFile().isEmpty()) {
                ev.file(s.bootFile());
            }
            if (!s.reason().isEmpty()) {
                ev.reason(s.reason());
            }
            post(ev);
        }
    }

    @Override
    public void recorded(Lease lease, String what) {
        LOG.info("dhcp: {} of {} by {}", what, lease.address().getHostAddress(),
                lease.mac() == null ? lease.clientId() : lease.mac());
    }

    @Override
    public void refused(InetSocketAddress peer, String reason) {
        peerLog.warn(peer.getAddress(), "dhcp: {}: {}", peer, reason);
    }

    @Override
    public void failed(String what) {
        LOG.error("dhcp: {}", what);
    }
}
