package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clients mount the same read-only root export with libnfs, from their own namespaces, and each sees the
 * /etc its /conf layers give it: the FreeBSD diskless(8) setup of the seed, resolved by the appliance. What a
 * client writes into its /etc stays in its own memory layer; the shared root is never written.
 */
class OverrideViewsIT {

    static final Duration T = Duration.ofSeconds(30);
    static Testbed tb;
    static Path home;
    static Path root;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() throws IOException {
        tb = Testbed.create();
        home = tb.tempDir().resolve("home");
        root = home.resolve("export/root");
        write(root.resolve("etc/rc.local"), "echo the server's own rc.local\n");
        write(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        write(root.resolve("bin/sh"), "#!\n");
        write(home.resolve("etc/hosts"), "10.99.0.1 bootserver\n10.99.0.7 alice\n10.99.0.8 bob\n");
        write(home.resolve("etc/ethers"), "");
        write(home.resolve("etc/bootptab"), "");
        write(home.resolve("etc/bootparams"), "alice root=bootserver:" + root + "\nbob root=bootserver:" + root + "\n");
        write(home.resolve("etc/nsswitch.conf"), "ethers: files\nhosts: files\nbootparams: files\nbootptab: files\n");
        write(home.resolve("etc/exports"), root + " -ro -maproot=0 -alldirs 10.99.0.7 10.99.0.8\n");
        write(home.resolve("conf/base/etc/diskless_remount"), "/etc\n");
        write(home.resolve("conf/default/etc/rc.conf"), "hostname=default\n");
        write(home.resolve("conf/default/etc/rc.local"), "");
        write(home.resolve("conf/10.99.0.7/etc/rc.conf"), "hostname=alice\n");
        alice = tb.addClient("alice", "52:54:00:aa:bb:07", "10.99.0.7/24");
        bob = tb.addClient("bob", "52:54:00:aa:bb:08", "10.99.0.8/24");
        ApplianceProcess app = tb.startAppliance(home, Duration.ofSeconds(60));
        app.awaitLog(Pattern.compile("listening: nfs "), 0, T);
    }

    @AfterAll
    static void stop() {
        if (tb != null) {
            tb.close();
        }
    }

    static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    static String url(String path) {
        return "nfs://10.99.0.1" + root + path;
    }

    static Result cat(String ns, String path) {
        return tb.exec(ns, T, "nfs-cat", url(path));
    }

    @Test
    void eachClientSeesTheEtcItsLayersSay() {
        Result a = cat(alice, "/etc/rc.conf");
        Result b = cat(bob, "/etc/rc.conf");
        assertEquals("hostname=alice\n", a.stdout(), a::toString);
        assertEquals("hostname=default\n", b.stdout(), b::toString);
        assertEquals("127.0.0.1 localhost\n", cat(alice, "/etc/hosts").stdout(), "remounted from the client's root");
        assertEquals("#!\n", cat(bob, "/bin/sh").stdout(), "outside /etc: the shared root");
    }

    @Test
    void theServersRcLocalNeverLeaks() {
        for (String ns : new String[] {alice, bob}) {
            Result r = cat(ns, "/etc/rc.local");
            assertTrue(r.ok(), r::toString);
            assertEquals("", r.stdout(), r::toString);
        }
        Result ls = tb.exec(alice, T, "nfs-ls", url("/etc"));
        assertTrue(ls.stdout().contains("rc.conf") && ls.stdout().contains("hosts"), ls::toString);
    }

    @Test
    void aClientWritesItsOwnEtcOnAReadOnlyRoot() throws IOException {
        Path local = tb.tempDir().resolve("resolv.conf");
        Files.writeString(local, "nameserver 10.99.0.1\n");
        Result cp = tb.exec(alice, T, "nfs-cp", local.toString(), url("/etc/resolv.conf"));
        assertTrue(cp.ok(), cp::toString);

        assertEquals("nameserver 10.99.0.1\n", cat(alice, "/etc/resolv.conf").stdout());
        assertFalse(cat(bob, "/etc/resolv.conf").ok(), "bob's /etc has no such file");
        assertFalse(Files.exists(root.resolve("etc/resolv.conf")), "the shared root is never written");

        Result outside = tb.exec(alice, T, "nfs-cp", local.toString(), url("/bin/resolv.conf"));
        assertFalse(outside.ok(), "outside the override the export is read-only: " + outside);
        assertFalse(Files.exists(root.resolve("bin/resolv.conf")));
    }
}
