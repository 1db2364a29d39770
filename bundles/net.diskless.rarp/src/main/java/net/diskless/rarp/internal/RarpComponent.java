package net.diskless.rarp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.boot.BootFile;
import net.diskless.api.boot.BootFiles;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.events.BootEvent;
import net.diskless.api.events.BootEvents;
import net.diskless.rarp.internal.capture.CaptureException;
import net.diskless.rarp.internal.capture.CaptureSettings;
import net.diskless.rarp.internal.capture.Interfaces;
import net.diskless.rarp.internal.capture.Pcap;
import net.diskless.rarp.internal.capture.PcapCapture;
import net.diskless.rarp.internal.codec.Decoded;
import net.diskless.rarp.internal.codec.RarpCodec;
import net.diskless.rarp.internal.codec.RarpFrame;
import net.diskless.rarp.internal.responder.Clients;
import net.diskless.rarp.internal.responder.ExecutorScheduler;
import net.diskless.rarp.internal.responder.Link;
import net.diskless.rarp.internal.responder.Listener;
import net.diskless.rarp.internal.responder.Policy;
import net.diskless.rarp.internal.responder.Responder;
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
import org.slf4j.event.Level;

/**
 * The RARP service: one capture per interface, the delayed responder, boot events. When captures cannot be
 * opened (no CAP_NET_RAW, no libpcap, no such interface) it says so once, clearly, and stays active with
 * whatever it could open, possibly nothing: the rest of the appliance is not held up by RARP.
 * The directory, the boot-file question and EventAdmin are dynamic and optional.
 */
// Configuration required: it opens captures, so it must not start on defaults before config/ reached it
// (the appliance gives it an empty configuration, i.e. the defaults, when there is no file).
@Component(immediate = true, configurationPid = RarpComponent.PID, service = Endpoints.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RarpComponent.Config.class)
public final class RarpComponent implements Endpoints, Clients, Listener {

    static final String PID = "net.diskless.rarp";
    private static final Logger LOG = LoggerFactory.getLogger(RarpComponent.class);

    @ObjectClassDefinition(name = "Diskless RARP", description = "RARP server (RFC 903) with the Sun delayed responder.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: no captures at all (RARP needs CAP_NET_RAW;"
                + " an appliance run without it can turn RARP off instead of logging that it cannot capture).")
        boolean enabled() default true;

        @AttributeDefinition(name = "Interfaces", description = "Interfaces to listen on, one capture each. Empty:"
                + " every interface that is up, not loopback, with an Ethernet and an IPv4 address.")
        String[] interfaces() default {};

        @AttributeDefinition(name = "Without a boot file", description = "What a known client with no boot file"
                + " on this server gets: DELAY (a reply after delayMs, as Solaris), NEVER (no reply, as Debian"
                + " rarpd without -e) or IMMEDIATELY (a reply at once, as rarpd -e).")
        Policy withoutBootFile() default Policy.DELAY;

        @AttributeDefinition(name = "Delay (ms)", description = "How long a reply for a client without a boot file"
                + " waits, so a server that can boot it answers first.", min = "0")
        long delayMs() default 3000;

        @AttributeDefinition(name = "Pending delayed replies", description = "At most this many delayed replies"
                + " wait at once; requests beyond are not answered.", min = "1")
        int maxPending() default 1024;

        @AttributeDefinition(name = "Snapshot length", description = "Bytes kept of each captured frame (RARP"
                + " needs 42).", min = "42", max = "65535")
        int snaplen() default 128;

        @AttributeDefinition(name = "Read timeout (ms)", description = "Longest wait in one read: how soon a"
                + " capture stops when RARP is stopped.", min = "1")
        int readTimeoutMs() default 250;

        @AttributeDefinition(name = "Capture buffer (bytes)", description = "Kernel buffer per capture; a burst"
                + " of requests larger than this is lost.", min = "0")
        int bufferBytes() default 1024 * 1024;

        @AttributeDefinition(name = "Promiscuous", description = "Capture in promiscuous mode (requests are"
                + " broadcast, so this is not needed).")
        boolean promiscuous() default false;

        @AttributeDefinition(name = "Log interval per sender (s)", description = "Malformed frames and unknown"
                + " clients are logged once per interval per Ethernet address, and at most 20 lines per interval"
                + " in all; the rest is counted.", min = "0")
        int logIntervalSeconds() default 60;
    }

    private final Responder responder;
    private final ExecutorScheduler scheduler;
    private final List<PcapCapture> captures = new CopyOnWriteArrayList<>();
    private final RateLimitedLog senderLog;
    private final Config config;
    private volatile Directory directory;
    private volatile BootFiles bootFiles;
    private volatile EventAdmin events;

    @Activate
    public RarpComponent(Config config) {
        this.config = config;
        this.senderLog = new RateLimitedLog(LOG, TimeUnit.SECONDS.toNanos(config.logIntervalSeconds()), 4096, 20,
                System::nanoTime);
        this.scheduler = new ExecutorScheduler("rarp-delayed-responder");
        this.responder = new Responder(new Responder.Settings(config.withoutBootFile(),
                clamp("delayMs", config.delayMs(), 0, Long.MAX_VALUE),
                (int) clamp("maxPending", config.maxPending(), 1, Integer.MAX_VALUE)), this, scheduler, this);
        openCaptures();
    }

    private void openCaptures() {
        if (!config.enabled()) {
            LOG.info("rarp: disabled by configuration (enabled = false)");
            return;
        }
        List<String> configured = List.of(config.interfaces()).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        Interfaces.Selection selection = Interfaces.select(configured);
        selection.problems().forEach(p -> LOG.error("rarp: {}: RARP does not listen there", p));
        if (selection.names().isEmpty()) {
            if (configured.isEmpty()) {
                LOG.warn("rarp: no interface is up with an Ethernet and an IPv4 address: RARP listens nowhere");
            }
            return;
        }
        String libpcap;
        try {
            libpcap = Pcap.version();
        } catch (CaptureException e) {
            LOG.error("rarp: {}; RARP requests will not be answered (the rest of the appliance runs)", e.getMessage());
            return;
        }
        CaptureSettings settings = new CaptureSettings((int) clamp("snaplen", config.snaplen(), 42, 65535),
                (int) clamp("readTimeoutMs", config.readTimeoutMs(), 1, 60_000),
                (int) clamp("bufferBytes", config.bufferBytes(), 0, Integer.MAX_VALUE), config.promiscuous());
        List<String> failed = new ArrayList<>();
        for (String name : selection.names()) {
            PcapCapture capture = null;
            try {
                capture = PcapCapture.open(name, settings, this::onFrame, LOG);
                Link link = link(name, capture);
                captures.add(capture);
                capture.start(link);
            } catch (CaptureException | java.net.SocketException e) {
                if (capture != null) {
                    capture.close();
                }
                failed.add(name);
                LOG.error("rarp: {}", e.getMessage());
            }
        }
        if (captures.isEmpty()) {
            LOG.error("rarp: no capture could be opened ({}): RARP requests will not be answered (the rest of the"
                    + " appliance runs)", String.join(", ", failed));
            return;
        }
        LOG.info("rarp: listening on {} with {}; clients without a boot file: {}{}", captures.stream()
                .map(c -> c.name() + " " + c.link().mac() + " " + c.link().addresses().get())
                .collect(Collectors.joining(", ")), libpcap, config.withoutBootFile(),
                config.withoutBootFile() == Policy.DELAY ? " " + config.delayMs() + " ms" : "");
    }

    /** A configured number inside its range; one outside is logged and replaced by the nearest bound. */
    private static long clamp(String key, long value, long min, long max) {
        if (value < min || value > max) {
            long used = Math.max(min, Math.min(max, value));
            LOG.warn("rarp: {} = {} is outside {}..{}: {} is used", key, value, min, max, used);
            return used;
        }
        return value;
    }

    private static Link link(String name, PcapCapture capture) throws java.net.SocketException {
        java.net.NetworkInterface nif = java.net.NetworkInterface.getByName(name);
        MacAddress mac = nif == null ? new MacAddress(0) : Interfaces.mac(nif).orElse(new MacAddress(0));
        return new Link(name, mac, () -> Interfaces.addresses(name), capture::send);
    }

    @Deactivate
    void deactivate() {
        responder.close();
        captures.forEach(PcapCapture::close);
        scheduler.close();
    }

    /** On a capture's thread. */
    private void onFrame(PcapCapture capture, byte[] frame) {
        try {
            Decoded decoded = RarpCodec.decode(frame);
            if (decoded instanceof Decoded.Request r) {
                responder.onRequest(capture.link(), r.frame());
            } else if (decoded instanceof Decoded.Malformed m) {
                Object sender = frame.length >= 12 ? MacAddress.of(frame, 6) : "?";
                senderLog.log(Level.WARN, sender, "rarp: {} malformed frame from {}: {}", capture.name(), sender, m.reason());
            } else if (decoded instanceof Decoded.Ignored i) {
                LOG.trace("rarp: {} ignored: {}", capture.name(), i.reason());
            }
        } catch (RuntimeException e) { // never let one frame end the capture
            senderLog.log(Level.ERROR, "bug", "rarp: {} failed on a frame: {}", capture.name(), e.toString());
        }
    }

    // --- Clients: the directory and the boot-file question

    @Override
    public Identity identify(MacAddress mac) {
        Directory d = directory;
        if (d == null) {
            return new Unknown("the directory service is not available");
        }
        Answer<ClientIdentity> a = d.identify(mac);
        if (!a.found()) {
            // ethers, then bootptab's ha=: the same source may say NOTFOUND twice, once is enough
            return new Unknown(a.attempts().isEmpty() ? "no name source"
                    : "not in ethers or bootptab: " + a.attempts().stream().map(t -> t.source() + " " + t.status()
                            + (t.detail().isEmpty() ? "" : " (" + t.detail() + ")")).distinct()
                            .collect(Collectors.joining(", ")));
        }
        ClientIdentity id = a.value();
        if (id.ip() instanceof Inet4Address v4) {
            return new Known(id.hostname(), v4);
        }
        return new Unknown(id.hostname() + " has no IPv4 address");
    }

    @Override
    public Optional<String> bootFile(Inet4Address ip) {
        BootFiles b = bootFiles;
        return b == null ? Optional.empty() : b.bootFileFor(ip, "").map(BootFile::rule);
    }

    // --- Listener: log lines and boot events

    @Override
    public void requestSeen(Link link, RarpFrame request) {
        LOG.debug("rarp: {} request from {} for {}", link.name(), request.senderMac(), request.targetMac());
        post(BootEvent.on(BootEvents.RARP_REQUEST).mac(request.targetMac()).with("interface", link.name())
                .with("requester", request.senderMac().toString()));
    }

    @Override
    public void unknown(Link link, MacAddress mac, String reason) {
        senderLog.log(Level.INFO, mac, "rarp: {} {} is unknown, not answered: {}", link.name(), mac, reason);
        post(BootEvent.on(BootEvents.RARP_UNKNOWN).mac(mac).with("interface", link.name()).reason(reason));
    }

    @Override
    public void delayed(Link link, MacAddress mac, Listener.Reply reply, long delayMillis, boolean alreadyPending) {
        if (alreadyPending) {
            LOG.debug("rarp: {} {} asked again; its delayed reply is already on its way", link.name(), mac);
        } else {
            LOG.info("rarp: {} {} is {} ({}), no boot file here: reply in {} ms", link.name(), mac,
                    reply.clientIp().getHostAddress(), reply.hostname(), delayMillis);
        }
    }

    @Override
    public void replied(Link link, MacAddress mac, Listener.Reply reply, long delayMillis, int absorbed) {
        LOG.info("rarp: {} told {} it is {} ({}), {} ({}{})", link.name(), mac, reply.clientIp().getHostAddress(),
                reply.hostname(), delayMillis == 0 ? "at once" : "after " + delayMillis + " ms", reply.why(),
                absorbed == 0 ? "" : "; " + absorbed + " repeated request(s) answered by this reply");
        post(BootEvent.on(BootEvents.RARP_REPLY).mac(mac).ip(reply.clientIp()).hostname(reply.hostname())
                .with("interface", link.name()).with("server", reply.serverIp().getHostAddress())
                .with("delayed", delayMillis > 0).durationMs(delayMillis).reason(reply.why()));
    }

    @Override
    public void notAnswered(Link link, MacAddress mac, String reason) {
        senderLog.log(Level.INFO, mac, "rarp: {} {} not answered: {}", link.name(), mac, reason);
    }

    private void post(BootEvent event) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(event.toEvent());
        }
    }

    // --- Endpoints

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (PcapCapture c : captures) {
            if (c.isRunning()) {
                InetAddress a = c.link().addresses().get().stream().findFirst().map(n -> (InetAddress) n.address())
                        .orElse(unspecified());
                all.add(new Endpoint("rarp", "raw", new InetSocketAddress(a, 0), c.name()));
            }
        }
        return all;
    }

    private static InetAddress unspecified() {
        return new InetSocketAddress(0).getAddress();
    }

    // --- dynamic references

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
}
