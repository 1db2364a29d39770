package net.diskless.tftp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.boot.BootFile;
import net.diskless.api.boot.BootFiles;
import net.diskless.api.events.BootEvent;
import net.diskless.api.events.BootEvents;
import net.diskless.tftp.internal.codec.Printable;
import net.diskless.tftp.internal.files.FileResolver;
import net.diskless.tftp.internal.files.RemapRules;
import net.diskless.tftp.internal.server.ServerSettings;
import net.diskless.tftp.internal.server.TftpServer;
import net.diskless.tftp.internal.server.TransferListener;
import net.diskless.tftp.internal.server.Transport;
import net.diskless.tftp.internal.server.UploadSettings;
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
 * The TFTP service: configuration, lifecycle, boot events. The boot-file question and EventAdmin are
 * dynamic and optional: TFTP keeps serving files when the directory or event admin come and go.
 */
// Configuration required: it opens a port, so it must never start on defaults before config/ reached it
// (the appliance gives it an empty configuration, i.e. the defaults, when there is no file).
@Component(immediate = true, configurationPid = TftpComponent.PID, service = Endpoints.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TftpComponent.Config.class)
public final class TftpComponent implements Endpoints, TransferListener {

    static final String PID = "net.diskless.tftp";
    private static final Logger LOG = LoggerFactory.getLogger(TftpComponent.class);
    /** IPv4 (20) + UDP (8) + TFTP DATA header (4): what a block must leave room for in one frame. */
    static final int HEADERS = 32;

    @ObjectClassDefinition(name = "Diskless TFTP", description = "Read-only TFTP server for boot files.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Address to listen on; 0.0.0.0 is every IPv4 interface.")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "Port", description = "UDP port of the request socket; 0 picks a free one.", min = "0", max = "65535")
        int port() default 69;

        @AttributeDefinition(name = "Root", description = "The TFTP root; relative paths are under the appliance home.")
        String root() default "tftpboot";

        @AttributeDefinition(name = "Path MTU", description = "blksize is clamped to this minus 32 bytes of headers, so blocks are never fragmented. 65535 lifts the clamp.", min = "68", max = "65535")
        int mtu() default 1500;

        @AttributeDefinition(name = "Largest block size", description = "Largest blksize granted (RFC 2348, 8..65464).", min = "8", max = "65464")
        int maxBlockSize() default 65464;

        @AttributeDefinition(name = "Largest window", description = "Largest windowsize granted (RFC 7440); 1 disables windows.", min = "1", max = "65535")
        int maxWindowSize() default 64;

        @AttributeDefinition(name = "Timeout (ms)", description = "Retransmission timeout when the client sets none.", min = "10")
        long timeoutMs() default 1000;

        @AttributeDefinition(name = "Retries", description = "Retransmissions before a transfer is abandoned.", min = "0")
        int retries() default 6;

        @AttributeDefinition(name = "Transfers", description = "Transfers at once; more get 'server busy'.", min = "1")
        int maxTransfers() default 1024;

        @AttributeDefinition(name = "Threads", description = "Event loop threads; 0 is twice the number of cores.", min = "0")
        int threads() default 0;

        @AttributeDefinition(name = "Transport", description = "AUTO: native epoll where it loads (fewer system calls, answers from the address each request was sent to), else NIO. EPOLL fails when it cannot load; NIO is the portable JDK transport.")
        Transport transport() default Transport.AUTO;

        @AttributeDefinition(name = "Longest file name", description = "Longer requests are refused.", min = "1")
        int maxNameLength() default 255;

        @AttributeDefinition(name = "Per-client root", description = "Look in ROOT/<client-ip>/ first (like dnsmasq's tftp-unique-root).")
        boolean uniqueRoot() default false;

        @AttributeDefinition(name = "Remap rules", description = "Rules 'REGEX REPLACEMENT [flags] [client=CIDR]' applied to every requested name, in the spirit of tftp-hpa -m.")
        String[] remap() default {};

        @AttributeDefinition(name = "Remap file", description = "A file of remap rules, one per line; empty for none. Relative to the home.")
        String remapFile() default "";

        @AttributeDefinition(name = "Largest netascii file (bytes)", description = "netascii is converted in memory; larger files must be fetched in octet mode.", min = "0")
        long netasciiMaxBytes() default 16L * 1024 * 1024;

        @AttributeDefinition(name = "Upload directory", description = "Where write requests may create new files (never overwriting); empty refuses every write. Relative to the home; must not be inside the TFTP root.")
        String uploadDirectory() default "";

        @AttributeDefinition(name = "Largest upload (bytes)", description = "A longer upload is stopped with 'disk full' and removed.", min = "0")
        long maxUploadBytes() default 64L * 1024 * 1024;

        @AttributeDefinition(name = "Log interval per peer (s)", description = "A peer's bad requests are logged once per interval, the rest counted.", min = "0")
        int peerLogIntervalSeconds() default 60;
    }

    private final TftpServer server;
    private final PeerLog peerLog;
    private volatile BootFiles bootFiles;
    private volatile EventAdmin events;

    @Activate
    public TftpComponent(@Reference ApplianceHome home, Config config) throws IOException {
        Path root = home.resolve(config.root());
        Files.createDirectories(root);
        List<String> ruleLines = new ArrayList<>(List.of(config.remap()));
        if (!config.remapFile().isBlank()) {
            ruleLines.addAll(Files.readAllLines(home.resolve(config.remapFile()), StandardCharsets.UTF_8));
        }
        RemapRules rules = RemapRules.parse(ruleLines);
        rules.problems().forEach(p -> LOG.error("remap: {}", p));
        FileResolver resolver = new FileResolver(root, rules, config.uniqueRoot(), config.maxNameLength(), this::bootFile);
        int blockSize = Math.max(8, Math.min(config.maxBlockSize(), config.mtu() - HEADERS));
        ServerSettings settings = new ServerSettings(new InetSocketAddress(InetAddress.getByName(config.address()), config.port()),
                blockSize, config.maxWindowSize(), config.timeoutMs(), config.retries(), config.maxTransfers(),
                config.netasciiMaxBytes());
        UploadSettings uploads = uploads(home, root, config);
        this.peerLog = new PeerLog(LOG, TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()), 4096);
        try {
            this.server = new TftpServer(settings, uploads, resolver, this, config.transport(), config.threads());
        } catch (IOException | RuntimeException e) {
            LOG.error("tftp: cannot listen on {}:{}: {}", config.address(), config.port(), e.getMessage());
            throw e;
        }
        LOG.info("tftp: serving {} on udp {} (blksize up to {}, windowsize up to {}, {} transport)", root,
                server.localAddress(), blockSize, config.maxWindowSize(), server.transport().name().toLowerCase(java.util.Locale.ROOT));
        if (config.transport() == Transport.AUTO && server.transport() == Transport.NIO) {
            LOG.warn("tftp: native epoll unavailable ({}); with NIO a server on a wildcard address answers from the "
                    + "address routing picks", TftpServer.epollUnavailableReason());
        }
    }

    private static UploadSettings uploads(ApplianceHome home, Path root, Config config) throws IOException {
        if (config.uploadDirectory().isBlank()) {
            return UploadSettings.DISABLED;
        }
        Path dir = home.resolve(config.uploadDirectory());
        Files.createDirectories(dir);
        if (dir.toRealPath().startsWith(root.toRealPath())) {
            LOG.error("tftp: upload directory {} is inside the TFTP root {}: uploads refused", dir, root);
            return UploadSettings.DISABLED;
        }
        LOG.info("tftp: uploads go to {} (new files only, at most {} bytes)", dir, config.maxUploadBytes());
        return new UploadSettings(dir, config.maxUploadBytes());
    }

    @Deactivate
    void deactivate() {
        server.close();
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

    private Optional<Path> bootFile(Inet4Address client, String architecture) {
        BootFiles b = bootFiles;
        return b == null ? Optional.empty() : b.bootFileFor(client, architecture).map(BootFile::path);
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("tftp", "udp", server.localAddress(), ""));
    }

    private void post(BootEvent event) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(event.toEvent());
        }
    }

    private static BootEvent on(String topic, InetSocketAddress peer, String file) {
        return BootEvent.on(topic).ip(peer.getAddress()).peer(peer).file(file);
    }

    @Override
    public void started(InetSocketAddress peer, String requested, String rule, Map<String, String> options) {
        LOG.info("tftp: {} {} {} ({}){}", peer, "upload".equals(rule) ? "writes" : "reads", Printable.escape(requested, 60),
                rule, options.isEmpty() ? "" : " options " + options);
        post(on(BootEvents.TFTP_START, peer, requested).with("rule", rule).with("options", options.toString()));
    }

    @Override
    public void optionsAcknowledged(InetSocketAddress peer, String requested, Map<String, String> oack) {
        post(on(BootEvents.TFTP_OACK, peer, requested).with("options", oack.toString()));
    }

    @Override
    public void completed(InetSocketAddress peer, String requested, long bytes, long durationMillis) {
        LOG.info("tftp: {} got {} ({} bytes in {} ms)", peer, Printable.escape(requested, 60), bytes, durationMillis);
        post(on(BootEvents.TFTP_COMPLETE, peer, requested).bytes(bytes).durationMs(durationMillis));
    }

    @Override
    public void stored(InetSocketAddress peer, String requested, long bytes, long durationMillis) {
        LOG.info("tftp: {} stored {} ({} bytes in {} ms)", peer, Printable.escape(requested, 60), bytes, durationMillis);
        post(on(BootEvents.TFTP_COMPLETE, peer, requested).bytes(bytes).durationMs(durationMillis).with("upload", true));
    }

    @Override
    public void probed(InetSocketAddress peer, String requested) {
        LOG.info("tftp: {} asked the size of {} and stopped there", peer, requested);
        post(on(BootEvents.TFTP_COMPLETE, peer, requested).bytes(0).reason("size probe only"));
    }

    @Override
    public void failed(InetSocketAddress peer, String requested, String reason) {
        // Not rate-limited: transfers are bounded by maxTransfers, and each failure is worth its line.
        LOG.warn("tftp: {} transfer of {} failed: {}", peer, Printable.escape(requested, 60), reason);
        post(on(BootEvents.TFTP_ERROR, peer, requested).reason(reason));
    }

    @Override
    public void refused(InetSocketAddress peer, String requested, String reason) {
        peerLog.warn(peer.getAddress(), "tftp: {} refused{}: {}", peer,
                requested.isEmpty() ? "" : " " + Printable.escape(requested, 60), reason);
        post(on(BootEvents.TFTP_ERROR, peer, requested).reason(reason));
    }
}
