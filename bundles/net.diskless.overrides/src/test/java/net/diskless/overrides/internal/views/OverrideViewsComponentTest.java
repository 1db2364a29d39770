package net.diskless.overrides.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.diskless.api.events.BootEvents;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.SetAttr;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.nfs.internal.vfs.LocalFileSystem;
import net.diskless.overrides.internal.OverridesComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * The views component: which exports get a view (the client's root only) and when a client's writes are
 * discarded (the first answered MOUNT after a boot step for that client).
 */
class OverrideViewsComponentTest {

    @TempDir
    Path home;
    Path root;
    LocalFileSystem plain;
    OverrideViewsComponent views;
    final Caller client = caller("10.0.0.7");

    static Caller caller(String ip) {
        try {
            return new Caller(0, 0, new int[0], InetAddress.getByName(ip));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(home.resolve("export/root/client7"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("usr"));
        Files.createDirectories(home.resolve("conf/default/etc"));
        Files.writeString(home.resolve("conf/default/etc/rc.conf"), "x");
        plain = new LocalFileSystem(root, 10_000, 60);
        OverridesComponent resolver = new OverridesComponent(() -> home, new ResolverConfig());
        views = new OverrideViewsComponent(resolver, () -> home, new ViewsConfig(false, OverrideViewsComponent.Store.MEMORY, true));
    }

    @AfterEach
    void tearDown() {
        plain.close();
    }

    VirtualFileSystem viewOf(Path export) {
        return views.view(export, plain, client).orElseThrow();
    }

    @Test
    void aClientWithoutAKnownRootGetsPlainExportsUnlessConfigured() {
        OverrideViewsComponent strict = new OverrideViewsComponent(new OverridesComponent(() -> home, new ResolverConfig()),
                () -> home, new ViewsConfig(false, OverrideViewsComponent.Store.MEMORY, false));
        assertTrue(strict.view(root, plain, client).isEmpty(), "no directory here, so no known root: plain");
    }

    @Test
    void noViewWhereNothingIsOverriddenOrForAnotherRoot() throws IOException {
        assertTrue(views.view(root, plain, client).isPresent(), "viewsWithoutRoot: every export gets the view");
        Path other = Files.createDirectories(home.resolve("export/other"));
        LocalFileSystem o = new LocalFileSystem(other, 100, 60);
        try {
            assertTrue(views.view(other, o, client).isEmpty(), "no etc/ there: nothing to override");
        } finally {
            o.close();
        }
    }

    @Test
    void writesSurviveUntilTheFirstMountAfterABoot() throws NfsException {
        VirtualFileSystem v = viewOf(root);
        long etc = v.lookup(v.root(), "etc");
        v.create(etc, "written", SetAttr.NONE, client);

        views.handleEvent(event(BootEvents.NFS_MOUNT, Map.of(BootEvents.IP, "10.0.0.7")));
        assertTrue(v.lookup(etc, "written") < 0, "a mount without a boot before it keeps the layer");

        views.handleEvent(event(BootEvents.DHCP_ACK, Map.of(BootEvents.IP, "10.0.0.7")));
        views.handleEvent(event(BootEvents.NFS_MOUNT, Map.of(BootEvents.IP, "10.0.0.8")));
        views.handleEvent(event(BootEvents.NFS_MOUNT, Map.of(BootEvents.IP, "10.0.0.7", "answered", false)));
        assertTrue(v.lookup(etc, "written") < 0, "another client's or a refused mount changes nothing");

        views.handleEvent(event(BootEvents.NFS_MOUNT, Map.of(BootEvents.IP, "10.0.0.7")));
        assertThrows(NfsException.class, () -> v.lookup(etc, "written"));
    }

    @Test
    void persistentKeepsWritesAcrossBoots() throws NfsException {
        views = new OverrideViewsComponent(new OverridesComponent(() -> home, new ResolverConfig()), () -> home,
                new ViewsConfig(true, OverrideViewsComponent.Store.MEMORY, true));
        VirtualFileSystem v = viewOf(root);
        long etc = v.lookup(v.root(), "etc");
        v.create(etc, "written", SetAttr.NONE, client);
        views.handleEvent(event(BootEvents.RARP_REPLY, Map.of(BootEvents.IP, "10.0.0.7")));
        views.handleEvent(event(BootEvents.NFS_MOUNT, Map.of(BootEvents.IP, "10.0.0.7")));
        assertTrue(v.lookup(etc, "written") < 0);
    }

    private static Event event(String topic, Map<String, ?> props) {
        return new Event(topic, props);
    }

    /** The configuration annotations as DS would hand them over (defaults, but for the one under test). */
    private static final class ResolverConfig implements OverridesComponent.Config {
        @Override
        public Class<? extends Annotation> annotationType() {
            return OverridesComponent.Config.class;
        }

        @Override
        public String confDirectory() {
            return "conf";
        }

        @Override
        public String classTag() {
            return "";
        }

        @Override
        public int defaultPrefixLength() {
            return 24;
        }
    }

    @Test
    void theHomeStoreKeepsALayerAcrossAnApplianceRestartUntilTheNextBoot() throws NfsException, IOException {
        views = homeStoreViews();
        VirtualFileSystem v = viewOf(root);
        long etc = v.lookup(v.root(), "etc");
        long f = v.create(etc, "written", SetAttr.NONE, client);
        v.write(f, 0, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
        v.rename(etc, "rc.conf", etc, "rc.conf.orig"); // a copied-up file of the layers, renamed
        v.remove(etc, "rc.conf.orig");

        views = homeStoreViews(); // the appliance restarted: a new component over the same home
        VirtualFileSystem after = viewOf(root);
        long etc2 = after.lookup(after.root(), "etc");
        long kept = after.lookup(etc2, "written");
        assertEquals(f, kept, "the same handle");
        assertEquals(3, after.read(kept, 0, 100).data().remaining());
        assertThrows(NfsException.class, () -> after.lookup(etc2, "rc.conf"), "its removal was kept too");

        views.handleEvent(event(BootEvents.BOOTPARAMS_WHOAMI, Map.of(BootEvents.IP, "10.0.0.7")));
        views.handleEvent(event(BootEvents.NFS_MOUNT, Map.of(BootEvents.IP, "10.0.0.7")));
        assertThrows(NfsException.class, () -> after.lookup(etc2, "written"));
        assertEquals(0L, after.lookup(etc2, "rc.conf") < 0 ? 0L : 1L, "the layers' rc.conf is back");
        try (var left = Files.walk(home.resolve("var/overrides"))) {
            assertTrue(left.noneMatch(Files::isRegularFile), "nothing kept after the boot");
        }
    }

    private OverrideViewsComponent homeStoreViews() {
        return new OverrideViewsComponent(new OverridesComponent(() -> home, new ResolverConfig()), () -> home,
                new ViewsConfig(false, OverrideViewsComponent.Store.HOME, true));
    }

    private record ViewsConfig(boolean persistent, OverrideViewsComponent.Store store, boolean viewsWithoutRoot)
            implements OverrideViewsComponent.Config {
        @Override
        public Class<? extends Annotation> annotationType() {
            return OverrideViewsComponent.Config.class;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public long refreshMs() {
            return 0;
        }

        @Override
        public String storeDirectory() {
            return "var/overrides";
        }
    }
}
