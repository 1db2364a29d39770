package net.diskless.overrides.internal.views;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.events.BootEvents;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.ClientViews;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideResolver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-client NFS views from the {@code /conf} hierarchy: an export that is a client's root (the
 * {@code root=} of its bootparams or the {@code rp=} of its bootptab; with {@code viewsWithoutRoot}, any
 * export when the client's root is not known) is served to that client with its overridden directories replaced by its own, writable in
 * memory. The memory layers are discarded when the client boots again: the first MOUNT after a RARP
 * reply, BOOTP/DHCP answer or bootparams WHOAMI for that client.
 */
@Component(service = {ClientViews.class, EventHandler.class}, configurationPid = OverrideViewsComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = EventConstants.EVENT_TOPIC + "=net/diskless/*")
@Designate(ocd = OverrideViewsComponent.Config.class)
public final class OverrideViewsComponent implements ClientViews, EventHandler {

    static final String PID = "net.diskless.overrides.views";
    private static final Logger LOG = LoggerFactory.getLogger(OverrideViewsComponent.class);
    private static final Set<String> BOOT_STEPS = Set.of(BootEvents.RARP_REPLY, BootEvents.DHCP_ACK, BootEvents.BOOTP_REPLY,
            BootEvents.BOOTPARAMS_WHOAMI);

    @ObjectClassDefinition(name = "Diskless override views", description = "Per-client NFS views of /conf overrides.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Serve per-client views; false serves every export plain.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Views without a known root", description = "Also serve views to a client whose root (bootparams root=, bootptab rp=) the directory does not know, on every export it mounts. Off: such a client gets plain exports.")
        boolean viewsWithoutRoot() default false;

        @AttributeDefinition(name = "Refresh (ms)", description = "A client's overridden directories are resolved again at most this often.", min = "0")
        long refreshMs() default 1000;

        @AttributeDefinition(name = "Keep across boots", description = "Keep what a client wrote when it boots again.")
        boolean persistent() default false;

        @AttributeDefinition(name = "Store", description = "MEMORY: a client's writable layer lives in memory (an appliance restart loses it); HOME: also under storeDirectory, so it survives restarts.")
        Store store() default Store.MEMORY;

        @AttributeDefinition(name = "Store directory", description = "Where the HOME store keeps the layers; relative paths are under the appliance home.")
        String storeDirectory() default "var/overrides";
    }

    /** Where writable layers are kept. */
    public enum Store {
        MEMORY,
        HOME
    }

    private record Key(Path export, InetAddress client) {
    }

    private final OverrideResolver resolver;
    private final Config config;
    private final Map<Key, ClientOverlay> views = new ConcurrentHashMap<>();
    private final Set<InetAddress> booting = ConcurrentHashMap.newKeySet();

    private final LayerStore store;

    @Activate
    public OverrideViewsComponent(@Reference OverrideResolver resolver, @Reference ApplianceHome home, Config config) {
        this.resolver = resolver;
        this.config = config;
        this.store = config.store() == Store.HOME ? LayerStore.home(home.resolve(config.storeDirectory())) : LayerStore.MEMORY;
        if (config.store() == Store.HOME) {
            LOG.info("overrides: clients' writable layers kept under {}", home.resolve(config.storeDirectory()));
        }
    }

    /** {@code <export>/<client>}: the export as a short hash (a path of its own would nest), the client as its address. */
    static String storeKey(Path export, InetAddress client) {
        return Long.toHexString(OverlayIds.of(export.toString(), "") & 0xffffffffffffL) + "/" + client.getHostAddress();
    }

    @Override
    public Optional<VirtualFileSystem> view(Path exportRoot, VirtualFileSystem plain, Caller caller) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        OverrideClient client = resolver.client(caller.client());
        Path export = exportRoot.normalize();
        if (client.root().isEmpty() ? !config.viewsWithoutRoot() : !Path.of(client.root()).normalize().equals(export)) {
            return Optional.empty(); // not this client's root (e.g. /usr, another client's root), or none known
        }
        ClientOverlay overlay = views.computeIfAbsent(new Key(export, caller.client()), k -> new ClientOverlay(plain,
                dir -> resolver.resolve(resolver.client(k.client()), "/" + dir),
                () -> resolver.directories(resolver.client(k.client())), config.refreshMs(), Clock.systemUTC(),
                store, storeKey(k.export(), k.client())));
        return overlay.overridden().isEmpty() ? Optional.empty() : Optional.of(overlay);
    }

    @Override
    public void handleEvent(Event event) {
        Object ip = event.getProperty(BootEvents.IP);
        if (ip == null) {
            return;
        }
        InetAddress client;
        if (ip instanceof InetAddress a) {
            client = a;
        } else {
            String text = ip.toString();
            try {
                client = InetAddress.getByName(text.substring(text.indexOf('/') + 1)); // "name/10.0.0.7" or "10.0.0.7"
            } catch (java.net.UnknownHostException e) {
                return; // not a literal: no client of ours
            }
        }
        if (BootEvents.NFS_MOUNT.equals(event.getTopic()) && Boolean.FALSE.equals(event.getProperty("answered"))) {
            return; // a refused mount is no boot
        }
        if (BOOT_STEPS.contains(event.getTopic())) {
            booting.add(client);
        } else if (BootEvents.NFS_MOUNT.equals(event.getTopic()) && booting.remove(client) && !config.persistent()) {
            views.forEach((k, v) -> {
                if (k.client().equals(client)) {
                    v.discard();
                }
            });
            LOG.info("overrides: {} booted again: its writable override layers start afresh", client.getHostAddress());
        }
    }
}
