package net.diskless.overrides.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.DirEntry;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.nfs.SetAttr;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.nfs.internal.vfs.LocalFileSystem;
import net.diskless.overrides.internal.ConfHierarchyAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clients over one shared root, each seeing its own /etc as the layers say, writing into its own memory
 * layer up to md_size; the plain export is the NFS bundle's real local file system.
 */
class ClientOverlayTest {

    @TempDir
    Path tmp;
    Path root;
    Path conf;
    LocalFileSystem plain;
    final Caller alice = caller("10.0.0.7");
    final Caller bob = caller("10.0.0.8");

    static Caller caller(String ip) {
        try {
            return new Caller(0, 0, new int[0], InetAddress.getByName(ip));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    @BeforeEach
    void layout() throws IOException {
        root = tmp.resolve("export/root");
        write(root.resolve("etc/rc.local"), "the server's own rc.local");
        write(root.resolve("etc/hosts"), "127.0.0.1 localhost");
        write(root.resolve("bin/sh"), "#!");
        conf = tmp.resolve("conf");
        write(conf.resolve("base/etc/diskless_remount"), "/etc");
        write(conf.resolve("default/etc/rc.conf"), "hostname=default");
        write(conf.resolve("default/etc/rc.local"), "");
        write(conf.resolve("10.0.0.7/etc/rc.conf"), "hostname=alice");
        write(conf.resolve("base/etc/md_size"), "8"); // 4 KiB
        plain = new LocalFileSystem(root, 10_000, 60);
    }

    @AfterEach
    void close() {
        plain.close();
    }

    ClientOverlay view(Caller c) {
        return ConfHierarchyAccess.overlay(conf, plain, new OverrideClient(c.client(), bcast(c), "", root.toString()), 0,
                Clock.systemUTC());
    }

    static InetAddress bcast(Caller c) {
        try {
            return InetAddress.getByName("10.0.0.255");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String read(VirtualFileSystem fs, long id) throws NfsException {
        ByteBuffer b = fs.read(id, 0, 1 << 16).data();
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    static long path(VirtualFileSystem fs, String... names) throws NfsException {
        long id = fs.root();
        for (String n : names) {
            id = fs.lookup(id, n);
        }
        return id;
    }

    @Test
    void twoClientsSeeTheirOwnEtcAndNeverTheServersRcLocal() throws NfsException {
        ClientOverlay a = view(alice);
        ClientOverlay b = view(bob);
        assertEquals("hostname=alice", read(a, path(a, "etc", "rc.conf")));
        assertEquals("hostname=default", read(b, path(b, "etc", "rc.conf")));
        assertEquals("", read(a, path(a, "etc", "rc.local")));
        assertEquals("127.0.0.1 localhost", read(a, path(a, "etc", "hosts")), "remounted from the client's root");
        assertEquals("#!", read(a, path(a, "bin", "sh")), "outside the overrides the plain export");
        assertEquals("the server's own rc.local", read(plain, path(plain, "etc", "rc.local")));
    }

    @Test
    void listingsShowTheUnionAndTheMountPointCarriesTheViewsId() throws NfsException {
        ClientOverlay a = view(alice);
        long etc = path(a, "etc");
        assertTrue(etc < 0);
        List<String> names = a.list(etc, 0, 0, 100).entries().stream().map(DirEntry::name).collect(Collectors.toList());
        assertEquals(List.of(".", "..", "hosts", "rc.conf", "rc.local"), names);
        DirEntry etcEntry = a.list(a.root(), 0, 0, 100).entries().stream().filter(e -> e.name().equals("etc")).findFirst().orElseThrow();
        assertEquals(etc, etcEntry.fileId(), "READDIRPLUS hands out the view's handle");
        assertEquals(a.root(), a.lookup(etc, ".."));
    }

    @Test
    void writesGoToTheClientsMemoryLayerOnly() throws NfsException, IOException {
        ClientOverlay a = view(alice);
        ClientOverlay b = view(bob);
        long rcConf = path(a, "etc", "rc.conf");
        assertTrue(a.privatelyWritable(rcConf));
        assertFalse(a.privatelyWritable(path(a, "bin")));

        a.setattr(rcConf, new SetAttr(null, null, null, 0L, null, null));
        a.write(rcConf, 0, ByteBuffer.wrap("hostname=changed".getBytes(StandardCharsets.UTF_8)), true);
        long made = a.create(path(a, "etc"), "resolv.conf", SetAttr.NONE, alice);
        a.write(made, 0, ByteBuffer.wrap("nameserver 10.0.0.1".getBytes(StandardCharsets.UTF_8)), false);

        assertEquals("hostname=changed", read(a, path(a, "etc", "rc.conf")));
        assertEquals(rcConf, path(a, "etc", "rc.conf"), "a copy-up keeps the handle");
        assertEquals("nameserver 10.0.0.1", read(a, path(a, "etc", "resolv.conf")));
        assertEquals("hostname=default", read(b, path(b, "etc", "rc.conf")));
        assertThrows(NfsException.class, () -> path(b, "etc", "resolv.conf"));
        assertEquals("hostname=alice", Files.readString(conf.resolve("10.0.0.7/etc/rc.conf")), "the layers are never written");
        assertFalse(Files.exists(root.resolve("etc/resolv.conf")), "the shared root is never written");
    }

    @Test
    void removeHidesAndCreateAfterRemoveShowsTheNewFile() throws NfsException {
        ClientOverlay a = view(alice);
        long etc = path(a, "etc");
        a.remove(etc, "hosts");
        assertEquals(NfsStatus.NOENT, assertThrows(NfsException.class, () -> a.lookup(etc, "hosts")).status());
        long h = a.create(etc, "hosts", SetAttr.NONE, alice);
        assertEquals("", read(a, h));
    }

    @Test
    void theMemoryLayerIsHeldToMdSize() throws NfsException {
        ClientOverlay a = view(alice);
        long f = a.create(path(a, "etc"), "big", SetAttr.NONE, alice);
        NfsException e = assertThrows(NfsException.class, () -> a.write(f, 0, ByteBuffer.allocate(8 * 512), false));
        assertEquals(NfsStatus.NOSPC, e.status());
        a.write(f, 0, ByteBuffer.allocate(1000), false); // what fits still does
    }

    @Test
    void renamesStayInsideTheOverlayAndKeepTheHandle() throws NfsException {
        ClientOverlay a = view(alice);
        long etc = path(a, "etc");
        long rcConf = path(a, "etc", "rc.conf");
        a.rename(etc, "rc.conf", etc, "rc.conf.old");
        assertEquals(rcConf, a.lookup(etc, "rc.conf.old"));
        assertThrows(NfsException.class, () -> a.lookup(etc, "rc.conf"));
        NfsException xdev = assertThrows(NfsException.class, () -> a.rename(etc, "hosts", path(a, "bin"), "hosts"));
        assertEquals(NfsStatus.XDEV, xdev.status());
        assertEquals(NfsStatus.ACCES, assertThrows(NfsException.class, () -> a.rmdir(a.root(), "etc")).status());
    }

    @Test
    void discardStartsAfreshFromTheLayers() throws NfsException {
        ClientOverlay a = view(alice);
        long etc = path(a, "etc");
        a.remove(etc, "rc.conf");
        a.create(etc, "new", SetAttr.NONE, alice);
        a.discard();
        assertEquals("hostname=alice", read(a, path(a, "etc", "rc.conf")));
        assertThrows(NfsException.class, () -> a.lookup(path(a, "etc"), "new"));
    }

    @Test
    void handlesOfResolvedFilesSurviveANewView() throws NfsException {
        long before = path(view(alice), "etc", "rc.conf");
        assertEquals(before, path(view(alice), "etc", "rc.conf"), "ids come from paths, as after a restart");
        assertNotEquals(before, path(view(bob), "etc", "hosts"));
    }

    @Test
    void unknownOverlayIdsAreStale() {
        ClientOverlay a = view(alice);
        assertEquals(NfsStatus.STALE, assertThrows(NfsException.class, () -> a.getattr(Long.MIN_VALUE | 12345)).status());
    }

    @Test
    void layerChangesShowOnTheNextLookup() throws NfsException, IOException {
        ClientOverlay a = view(alice);
        assertEquals("hostname=alice", read(a, path(a, "etc", "rc.conf")));
        write(conf.resolve("ip/10.0.0.7/etc/rc.conf"), "hostname=newer");
        assertEquals("hostname=newer", read(a, path(a, "etc", "rc.conf")));
    }

    @Test
    void symlinksInTheLayersAreServedAsLinks() throws NfsException, IOException {
        Files.createSymbolicLink(conf.resolve("default/etc/localtime"), Path.of("/usr/share/zoneinfo/UTC"));
        ClientOverlay a = view(alice);
        long l = path(a, "etc", "localtime");
        assertEquals(FileType.LNK, a.getattr(l).type());
        assertEquals("/usr/share/zoneinfo/UTC", a.readlink(l));
    }
}
