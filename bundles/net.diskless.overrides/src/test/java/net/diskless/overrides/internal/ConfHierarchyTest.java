package net.diskless.overrides.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideFile;
import net.diskless.api.overrides.OverrideView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of the seed's /conf hierarchy, with its own examples as fixtures. */
class ConfHierarchyTest {

    @TempDir
    Path tmp;
    Path conf;
    Path serverEtc;
    ConfHierarchy hierarchy;
    OverrideClient client;

    @BeforeEach
    void layout() throws IOException {
        conf = Files.createDirectories(tmp.resolve("conf"));
        serverEtc = Files.createDirectories(tmp.resolve("server/etc"));
        write(serverEtc.resolve("rc.local"), "server's own rc.local");
        write(serverEtc.resolve("ipfw.conf"), "server firewall");
        write(serverEtc.resolve("hosts"), "127.0.0.1 localhost");
        write(serverEtc.resolve("ssh/sshd_config"), "PermitRootLogin no");
        hierarchy = new ConfHierarchy(conf);
        client = new OverrideClient(ip("10.0.0.7"), ip("10.0.0.255"), "", tmp.resolve("roots/client7").toString());
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    OverrideView etc() {
        return hierarchy.resolve(client, "/etc");
    }

    String layerOf(OverrideView v, String file) {
        OverrideFile f = v.files().get(file);
        return f == null ? null : f.layer();
    }

    @Test
    void noLayerMeansNotOverridden() {
        OverrideView v = etc();
        assertFalse(v.overridden());
        assertTrue(v.files().isEmpty());
        assertEquals(OverrideView.DEFAULT_SIZE_LIMIT, v.sizeLimitBytes());
        assertEquals(2L * 1024 * 1024, v.sizeLimitBytes(), "the seed's 2 MB default");
    }

    @Test
    void seedExampleServerEtcRemountedThenDefaultsOnTop() throws IOException {
        write(conf.resolve("base/etc/diskless_remount"), "10.0.0.1:" + serverEtc + "\n");
        write(conf.resolve("default/etc/fstab"), "<SERVER>:<ROOT> / nfs ro 0 0");
        write(conf.resolve("default/etc/rc.conf"), "sshd_enable=YES");
        write(conf.resolve("default/etc/rc.local"), "");

        OverrideView v = etc();

        assertEquals(List.of("base", "default"), v.layers());
        assertEquals(Optional.of("10.0.0.1:" + serverEtc), v.remount());
        assertEquals("base (remount)", layerOf(v, "hosts"));
        assertEquals(serverEtc.resolve("ssh/sshd_config"), v.files().get("ssh/sshd_config").source());
        assertEquals("default", layerOf(v, "fstab"));
        assertEquals("default", layerOf(v, "rc.conf"));
        // the server's own rc.local never leaks to the client: default's (empty) one wins
        assertEquals(conf.resolve("default/etc/rc.local"), v.files().get("rc.local").source());
        assertFalse(v.files().containsKey("diskless_remount"), "control files are not part of the result");
        assertTrue(v.problems().isEmpty(), v.problems()::toString);
    }

    @Test
    void remountStartingWithSlashIsUnderTheClientsRoot() throws IOException {
        Path clientEtc = Path.of(client.root(), "etc");
        write(clientEtc.resolve("motd"), "client root's motd");
        write(conf.resolve("base/etc/diskless_remount"), "/etc");

        OverrideView v = etc();

        assertEquals(clientEtc.resolve("motd"), v.files().get("motd").source());
        assertFalse(v.files().containsKey("ipfw.conf"), "not the server's /etc");
    }

    @Test
    void remountOutOfTheClientsRootIsAProblemAndTheLayerAddsNothing() throws IOException {
        write(conf.resolve("base/etc/diskless_remount"), "/../../server/etc");
        write(conf.resolve("default/etc/rc.conf"), "x");

        OverrideView v = etc();

        assertEquals(List.of("base", "default"), v.layers());
        assertEquals(List.of("rc.conf"), List.copyOf(v.files().keySet()));
        assertTrue(v.problems().get(0).contains("conf/base/etc/diskless_remount") && v.problems().get(0).contains("leaves"),
                v.problems()::toString);
    }

    @Test
    void malformedRemountIsReportedWithItsPathAndTheRestIsUsed() throws IOException {
        write(conf.resolve("base/etc/diskless_remount"), "just-a-word");
        write(conf.resolve("base/etc/md_size"), "8192");
        write(conf.resolve("default/etc/rc.conf"), "x");

        OverrideView v = etc();

        assertEquals(8192L * 512, v.sizeLimitBytes(), "md_size of the same layer still applies");
        assertTrue(v.files().containsKey("rc.conf"));
        assertEquals(1, v.problems().size(), v.problems()::toString);
        assertTrue(v.problems().get(0).startsWith(conf.resolve("base/etc/diskless_remount").toString()), v.problems()::toString);
    }

    @Test
    void remountOfAMissingTreeIsAProblem() throws IOException {
        write(conf.resolve("base/etc/diskless_remount"), "server:" + tmp.resolve("nowhere"));
        OverrideView v = etc();
        assertTrue(v.overridden());
        assertTrue(v.files().isEmpty());
        assertTrue(v.problems().get(0).contains("not a directory"), v.problems()::toString);
    }

    @Test
    void mdSizeIsInSectorsAndTheLastLayerWins() throws IOException {
        write(conf.resolve("base/etc/md_size"), "4096\n");
        assertEquals(4096L * 512, etc().sizeLimitBytes());
        write(conf.resolve("10.0.0.7/etc/md_size"), "10240");
        assertEquals(10240L * 512, etc().sizeLimitBytes());
        assertFalse(etc().files().containsKey("md_size"));
    }

    @Test
    void malformedMdSizeKeepsTheBoundAndSaysWhere() throws IOException {
        for (String bad : List.of("2M", "-5", "0", "", "99999999999999", "12 34")) {
            write(conf.resolve("base/etc/md_size"), bad);
            OverrideView v = etc();
            assertEquals(OverrideView.DEFAULT_SIZE_LIMIT, v.sizeLimitBytes(), bad);
            assertTrue(v.problems().get(0).startsWith(conf.resolve("base/etc/md_size").toString()), v.problems()::toString);
        }
    }

    @Test
    void layersInOrderLaterWins() throws IOException {
        for (String layer : List.of("base", "default", "10.0.0.255", "bcast/10.0.0.255", "10.0.0.7", "ip/10.0.0.7")) {
            write(conf.resolve(layer).resolve("etc/rc.conf"), layer);
            OverrideView v = etc();
            assertEquals(layer, layerOf(v, "rc.conf"));
        }
        assertEquals(List.of("base", "default", "10.0.0.255", "bcast/10.0.0.255", "10.0.0.7", "ip/10.0.0.7"), etc().layers());
    }

    @Test
    void anotherClientOnAnotherNetworkSeesOtherLayers() throws IOException {
        write(conf.resolve("default/etc/rc.conf"), "default");
        write(conf.resolve("10.0.0.7/etc/rc.conf"), "seven");
        OverrideClient other = new OverrideClient(ip("10.0.1.8"), ip("10.0.1.255"), "");
        assertEquals("10.0.0.7", layerOf(etc(), "rc.conf"));
        assertEquals("default", layerOf(hierarchy.resolve(other, "/etc"), "rc.conf"));
    }

    @Test
    void classLayerComesAfterTheBroadcastAndBeforeTheMachine() throws IOException {
        client = new OverrideClient(client.ip(), client.broadcast(), "kiosk", client.root());
        write(conf.resolve("10.0.0.255/etc/rc.conf"), "net");
        write(conf.resolve("kiosk/etc/rc.conf"), "kiosk");
        assertEquals("kiosk", layerOf(etc(), "rc.conf"));
        write(conf.resolve("10.0.0.7/etc/rc.conf"), "machine");
        assertEquals("10.0.0.7", layerOf(etc(), "rc.conf"));
    }

    @Test
    void unusableClassNameIsSkippedWithAProblem() throws IOException {
        write(conf.resolve("secret/etc/rc.conf"), "must not be reached");
        client = new OverrideClient(client.ip(), client.broadcast(), "../secret", client.root());
        write(conf.resolve("default/etc/fstab"), "x");
        OverrideView v = etc();
        assertEquals(List.of("default"), v.layers());
        assertTrue(v.problems().get(0).contains("class"), v.problems()::toString);
    }

    @Test
    void removeListDeletesFilesSubtreesAndPatternsAfterItsLayer() throws IOException {
        write(conf.resolve("base/etc/diskless_remount"), "10.0.0.1:" + serverEtc);
        write(serverEtc.resolve("old.bak"), "x");
        write(conf.resolve("base/etc.remove"), "ipfw.conf\nssh # no sshd here\n*.bak missing.conf\n");

        OverrideView v = etc();

        assertFalse(v.files().containsKey("ipfw.conf"));
        assertFalse(v.files().containsKey("ssh/sshd_config"));
        assertFalse(v.files().containsKey("old.bak"));
        assertTrue(v.files().containsKey("hosts"));
        assertEquals(java.util.Set.of("ipfw.conf", "ssh", "*.bak"), v.removed(), "missing.conf matched nothing");
    }

    @Test
    void aLaterLayerCanBringBackWhatAnEarlierRemoved() throws IOException {
        write(conf.resolve("base/etc/diskless_remount"), "10.0.0.1:" + serverEtc);
        write(conf.resolve("base/etc.remove"), "ipfw.conf");
        write(conf.resolve("10.0.0.7/etc/ipfw.conf"), "this client has a firewall");
        assertEquals("10.0.0.7", layerOf(etc(), "ipfw.conf"));
    }

    @Test
    void removeEntriesLeavingTheDirectoryAreRefused() throws IOException {
        write(conf.resolve("default/etc/rc.conf"), "x");
        write(conf.resolve("default/etc.remove"), "../../conf\n/rc.conf\n");
        OverrideView v = etc();
        assertTrue(v.problems().get(0).contains("../../conf"), v.problems()::toString);
        assertFalse(v.files().containsKey("rc.conf"), "a leading / is relative to the directory, as rm -rf /etc//rc.conf");
    }

    @Test
    void removeListWithoutAnOverriddenDirectoryIsIgnoredWithAProblem() throws IOException {
        write(conf.resolve("base/etc.remove"), "ipfw.conf");
        OverrideView v = etc();
        assertFalse(v.overridden());
        assertTrue(v.problems().get(0).contains("nothing to remove"), v.problems()::toString);
    }

    @Test
    void anyDirectoryNotOnlyEtc() throws IOException {
        write(conf.resolve("default/usr/local/etc/pkg.conf"), "x");
        write(conf.resolve("default/var/cron/tabs/root"), "x");
        assertEquals("default", layerOf(hierarchy.resolve(client, "/usr/local/etc"), "pkg.conf"));
        assertEquals("default", layerOf(hierarchy.resolve(client, "var"), "cron/tabs/root"));
    }

    @Test
    void symlinksAreEntriesNeverFollowed() throws IOException {
        Files.createDirectories(conf.resolve("default/etc"));
        Files.createSymbolicLink(conf.resolve("default/etc/passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(conf.resolve("default/etc/outside"), serverEtc);

        OverrideView v = etc();

        assertEquals(conf.resolve("default/etc/passwd"), v.files().get("passwd").source());
        assertEquals(conf.resolve("default/etc/outside"), v.files().get("outside").source());
        assertFalse(v.files().containsKey("outside/rc.local"), "a link to a directory is not entered");
    }

    @Test
    void aSymlinkedLayerDirectoryIsNotALayer() throws IOException {
        Files.createDirectories(conf.resolve("default"));
        Files.createSymbolicLink(conf.resolve("default/etc"), serverEtc);
        assertFalse(etc().overridden());
    }

    @Test
    void fileAndDirectoryOfTheSameNameLaterWins() throws IOException {
        write(conf.resolve("default/etc/mail"), "a file");
        write(conf.resolve("10.0.0.7/etc/mail/aliases"), "now a directory");
        OverrideView v = etc();
        assertFalse(v.files().containsKey("mail"));
        assertTrue(v.files().containsKey("mail/aliases"));

        write(conf.resolve("ip/10.0.0.7/etc/mail"), "a file again");
        v = etc();
        assertEquals("ip/10.0.0.7", layerOf(v, "mail"));
        assertFalse(v.files().containsKey("mail/aliases"));
    }

    @Test
    void emptyDirectoriesAreEntries() throws IOException {
        Files.createDirectories(conf.resolve("default/etc/empty.d"));
        assertTrue(etc().files().containsKey("empty.d"));
    }

    @Test
    void aHugeRemountIsCutWithAProblem() throws IOException {
        for (int i = 0; i < 30; i++) {
            write(serverEtc.resolve("many/f" + i), "x");
        }
        write(conf.resolve("base/etc/diskless_remount"), "s:" + serverEtc);
        OverrideView v = new ConfHierarchy(conf, 10).resolve(client, "/etc");
        assertEquals(10, v.files().size());
        assertTrue(v.problems().get(0).contains("more than 10 entries"), v.problems()::toString);
    }

    @Test
    void directoryMustBeAPlainPath() {
        for (String bad : List.of("/", "", "/etc/../..", "/./etc", "etc//x")) {
            assertThrows(IllegalArgumentException.class, () -> hierarchy.resolve(client, bad), bad);
        }
        assertEquals("/etc", hierarchy.resolve(client, "etc/").directory());
    }

    @Test
    void changesApplyToTheNextLookup() throws IOException {
        write(conf.resolve("default/etc/rc.conf"), "x");
        assertEquals("default", layerOf(etc(), "rc.conf"));
        write(conf.resolve("10.0.0.7/etc/rc.conf"), "y");
        assertEquals("10.0.0.7", layerOf(etc(), "rc.conf"));
        Files.delete(conf.resolve("10.0.0.7/etc/rc.conf"));
        assertEquals("default", layerOf(etc(), "rc.conf"));
    }
}
