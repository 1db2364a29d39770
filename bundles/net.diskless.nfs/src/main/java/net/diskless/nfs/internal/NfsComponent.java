package net.diskless.nfs.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.events.BootEvent;
import net.diskless.api.events.BootEvents;
import net.diskless.api.names.HostEntry;
import net.diskless.api.nfs.ClientViews;
import net.diskless.api.rpc.RpcProtocol;
import net.diskless.api.rpc.RpcRegistration;
import net.diskless.api.rpc.RpcRegistry;
import net.diskless.nfs.internal.codec.Nfs3;
import net.diskless.nfs.internal.exports.Export;
import net.diskless.nfs.internal.exports.ExportsParser;
import net.diskless.nfs.internal.exports.ExportsTable;
import net.diskless.nfs.internal.exports.HostIds;
import net.diskless.nfs.internal.handle.HandleKey;
import net.diskless.nfs.internal.server.Limits;
import net.diskless.nfs.internal.server.MountProgram;
import net.diskless.nfs.internal.server.Nfs3Program;
import net.diskless.nfs.internal.server.NfsCore;
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
 * The NFS server: NFS version 3 (program 100003) on its port over TCP and UDP, MOUNT versions 1 to 3 (program
 * 100005) on another, both registered with the {@link RpcRegistry}. Exports come from the exports file; handles
 * are signed with a key kept under the home. The directory (host names in exports), EventAdmin and per-client
 * views are dynamic and optional.
 */
@Component(immediate = true, configurationPid = NfsComponent.PID, service = Endpoints.class,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NfsComponent.Config.class)
public final class NfsComponent implements Endpoints, MountProgram.Listener {

    static final String PID = "net.diskless.nfs";
    private static final Logger LOG = LoggerFactory.getLogger(NfsComponent.class);

    @ObjectClassDefinition(name = "Diskless NFS", description = "NFS version 3 and MOUNT version 3 for diskless roots.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Address to listen on; 0.0.0.0 is every IPv4 interface.")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "NFS port", description = "TCP and UDP port of NFS (program 100003); 0 picks a free one.", min = "0", max = "65535")
        int port() default 2049;

        @AttributeDefinition(name = "MOUNT port", description = "TCP and UDP port of MOUNT (program 100005); 0 picks a free one (clients ask the portmapper).", min = "0", max = "65535")
        int mountPort() default 0;

        @AttributeDefinition(name = "UDP", description = "Serve NFS and MOUNT over UDP too (current Linux kernels mount over TCP only).")
        boolean udp() default true;

        @AttributeDefinition(name = "Exports file", description = "exports(5), FreeBSD or Linux syntax; relative to the home. Re-read when it changes.")
        String exportsFile() default "etc/exports";

        @AttributeDefinition(name = "Exports check interval (ms)", description = "The exports file is checked for changes at most this often, when a client asks.", min = "0")
        int exportsCheckMillis() default 1000;

        @AttributeDefinition(name = "Handle key", description = "File with the secret that signs file handles (made at first start, mode 0600); relative to the home. Keep it: a new key makes every client's handles stale.")
        String handleKeyFile() default "var/nfs/handle.key";

        @AttributeDefinition(name = "Largest TCP transfer (bytes)", description = "rtmax/wtmax/dtpref offered over TCP (FSINFO); READ, WRITE and READDIR are held to it.", min = "4096", max = "1048576")
        int maxTcpIo() default 1048576;

        @AttributeDefinition(name = "Largest UDP transfer (bytes)", description = "rtmax/wtmax over UDP: a reply must fit one datagram.", min = "4096", max = "61440")
        int maxUdpIo() default 32768;

        @AttributeDefinition(name = "Threads", description = "Threads answering NFS calls (per transport).", min = "1")
        int threads() default 8;

        @AttributeDefinition(name = "Queued calls", description = "Calls waiting for a thread; more are dropped (clients retransmit).", min = "1")
        int queuedCalls() default 1024;

        @AttributeDefinition(name = "Index walk bound", description = "After a restart, the first unknown handle of an export starts a walk of its tree to find the file; it stops after this many entries.", min = "1")
        int indexMaxEntries() default 2000000;

        @AttributeDefinition(name = "Index re-walk interval (s)", description = "A handle still unknown this soon after a walk is stale without another walk.", min = "0")
        int rewalkSeconds() default 30;

        @AttributeDefinition(name = "Log interval per peer (s)", description = "Refusals and bad requests of a peer are logged once per interval, the rest counted.", min = "0")
        int peerLogIntervalSeconds() default 60;
    }

    private final List<RpcServer> servers = new ArrayList<>();
    private final List<RpcRegistration> registrations = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final PeerLog peerLog;
    private final NfsCore core;
    private volatile Directory directory;
    private volatile EventAdmin events;
    private volatile ClientViews views;

    @Activate
    public NfsComponent(@Reference ApplianceHome home, @Reference RpcRegistry registry, Config config) throws IOException {
        this.peerLog = new PeerLog(LOG, TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds()), 4096);
        InetAddress address = InetAddress.getByName(config.address());
        Path exportsFile = home.resolve(config.exportsFile());
        Path keyFile = home.resolve(config.handleKeyFile());
        HandleKey key;
        try {
            key = HandleKey.load(keyFile);
        } catch (IOException e) {
            LOG.error("nfs: handle key {}: {}", keyFile, e.getMessage());
            throw e;
        }
        ExportsTable exports = new ExportsTable(exportsFile, new ExportsParser(HostIds.fromHost()),
                TimeUnit.MILLISECONDS.toNanos(config.exportsCheckMillis()), m -> LOG.info("nfs: {}", m));
        this.core = new NfsCore(key, exports, this::resolve, () -> views, config.indexMaxEntries(),
                config.rewalkSeconds());
        Limits limits = new Limits(config.maxTcpIo(), config.maxUdpIo());
        long logNanos = TimeUnit.SECONDS.toNanos(config.peerLogIntervalSeconds());
        int record = config.maxTcpIo() + 4096;
        try {
            RpcServer nfsTcp = start(new ServerSettings("nfs", address, config.port(), -1, record, config.threads(),
                    config.queuedCalls(), logNanos), Map.of(new OncRpcProgram(Nfs3.PROGRAM, Nfs3.VERSION),
                    new Nfs3Program(core, limits, true, peerLog)));
            int nfsPort = nfsTcp.tcpAddress().orElseThrow().getPort();
            if (config.udp()) {
                // the same port as TCP: clients that skip the portmapper assume 2049 for both
                start(new ServerSettings("nfs", address, -1, nfsPort, record, config.threads(), config.queuedCalls(),
                        logNanos), Map.of(new OncRpcProgram(Nfs3.PROGRAM, Nfs3.VERSION),
                        new Nfs3Program(core, limits, false, peerLog)));
            }
            MountProgram mount = new MountProgram(core, this, peerLog);
            RpcServer mountTcp = start(new ServerSettings("mount", address, config.mountPort(), -1, 8192, 2,
                    config.queuedCalls(), logNanos), mountVersions(mount));
            int mountPort = mountTcp.tcpAddress().orElseThrow().getPort();
            if (config.udp()) {
                start(new ServerSettings("mount", address, -1, mountPort, 8192, 2, config.queuedCalls(), logNanos),
                        mountVersions(mount));
            }
            register(registry, Nfs3.PROGRAM, Nfs3.VERSION, nfsPort, config.udp());
            for (int v = Nfs3.MOUNT_V1; v <= Nfs3.MOUNT_V3; v++) {
                register(registry, Nfs3.MOUNT_PROGRAM, v, mountPort, config.udp());
            }
            endpoints.add(new Endpoint("nfs", "tcp", new InetSocketAddress(address, nfsPort), "exports " + exportsFile));
            if (config.udp()) {
                endpoints.add(new Endpoint("nfs", "udp", new InetSocketAddress(address, nfsPort), ""));
            }
            endpoints.add(new Endpoint("mount", "tcp", new InetSocketAddress(address, mountPort), ""));
            if (config.udp()) {
                endpoints.add(new Endpoint("mount", "udp", new InetSocketAddress(address, mountPort), ""));
            }
            List<Export> list = exports.exports();
            LOG.info("nfs: NFSv3 on port {}, MOUNT on port {} ({}), {} export(s) from {}", nfsPort, mountPort,
                    config.udp() ? "tcp and udp" : "tcp only", list.size(), exportsFile);
        } catch (IOException e) {
            // As the portmapper does: the component stays up without listening, so one taken port does not
            // hold up the appliance's readiness or other services; the error says what is not running.
            LOG.error("nfs: cannot listen on {} (NFS port {}, MOUNT port {}): {}: NFS is NOT running; free the "
                    + "port or set port/mountPort in net.diskless.nfs.cfg", config.address(), config.port(),
                    config.mountPort(), e.getMessage());
            stopServing();
        } catch (RuntimeException e) {
            LOG.error("nfs: cannot start: {}", e.toString());
            stopServing();
            throw e;
        }
    }

    private static Map<OncRpcProgram, org.dcache.oncrpc4j.rpc.RpcDispatchable> mountVersions(MountProgram mount) {
        return Map.of(new OncRpcProgram(Nfs3.MOUNT_PROGRAM, 1), mount, new OncRpcProgram(Nfs3.MOUNT_PROGRAM, 2), mount,
                new OncRpcProgram(Nfs3.MOUNT_PROGRAM, Nfs3.MOUNT_V3), mount);
    }

    private RpcServer start(ServerSettings settings, Map<OncRpcProgram, org.dcache.oncrpc4j.rpc.RpcDispatchable> programs)
            throws IOException {
        RpcServer s = RpcServer.start(settings, programs, LOG);
        servers.add(s);
        return s;
    }

    private void register(RpcRegistry registry, int program, int version, int port, boolean udp) {
        registrations.add(registry.register(program, version, RpcProtocol.TCP, port, PID));
        if (udp) {
            registrations.add(registry.register(program, version, RpcProtocol.UDP, port, PID));
        }
    }

    /** Host names of the exports file: the directory's hosts map first, then the system resolver. */
    private List<InetAddress> resolve(String name) {
        Directory d = directory;
        if (d != null) {
            Answer<HostEntry> a = d.hostByName(name);
            if (a.found()) {
                return a.value().addresses();
            }
        }
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Deactivate
    void deactivate() {
        stopServing();
        core.close();
    }

    private void stopServing() {
        registrations.forEach(RpcRegistration::close);
        registrations.clear();
        servers.forEach(RpcServer::close);
        servers.clear();
        endpoints.clear();
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setViews(ClientViews v) {
        views = v;
    }

    void unsetViews(ClientViews v) {
        if (views == v) {
            views = null;
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    @Override
    public void mounted(InetSocketAddress peer, String path, Export export) {
        LOG.info("nfs: {} mounted {} ({}{})", peer, path, export.readOnly() ? "read-only" : "read-write",
                export.alldirs() ? ", alldirs" : "");
        post(BootEvent.on(BootEvents.NFS_MOUNT).ip(peer.getAddress()).peer(peer).file(path)
                .with("readOnly", export.readOnly()).with("answered", true));
    }

    @Override
    public void refused(InetSocketAddress peer, String path, String reason) {
        peerLog.warn(peer.getAddress(), "nfs: {} MNT {} refused: {}", peer, path, reason);
        post(BootEvent.on(BootEvents.NFS_MOUNT).ip(peer.getAddress()).peer(peer).file(path).with("answered", false)
                .reason(reason));
    }

    @Override
    public void unmounted(InetSocketAddress peer, String path) {
        LOG.info("nfs: {} unmounted {}", peer, path);
        post(BootEvent.on(BootEvents.NFS_UNMOUNT).ip(peer.getAddress()).peer(peer).file(path));
    }

    private void post(BootEvent event) {
        EventAdmin e = events;
        if (e != null) {
            e.postEvent(event.toEvent());
        }
    }
}
