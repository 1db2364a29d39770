package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The namespace test bed itself, and the appliance inside it. Root only: skipped elsewhere, with the reason. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TestbedIT {

    private static final Duration SHORT = Duration.ofSeconds(10);

    // Per test, not @BeforeAll: an aborted class is reported as "Tests run: 0", which hides the reason.
    @BeforeEach
    void rootOnly() {
        Testbed.requireRootAndNamespaces();
    }

    @Test
    void applianceRunsInTheServerNamespaceAndStopsCleanly() throws IOException {
        long pid;
        List<String> names;
        Testbed tb = Testbed.create();
        try (tb) {
            names = tb.namespaces();
            Result ping = tb.execClient(SHORT, "ping", "-c", "1", "-W", "2", "10.99.0.1");
            assertTrue(ping.ok(), () -> "client cannot reach br0 (is iputils-ping installed?): " + ping);
            // Nothing may lead out of the bed: no default route on either side.
            assertEquals("", tb.execClient(SHORT, "ip", "route", "show", "default").stdout().strip());
            assertEquals("", tb.execServer(SHORT, "ip", "route", "show", "default").stdout().strip());

            Path home = tb.tempDir().resolve("home");
            ApplianceProcess app = tb.startAppliance(home, Duration.ofSeconds(60));
            pid = app.pid();
            assertTrue(app.log().contains("Diskless ready in "), app::log);
            assertEquals(netnsInode(Path.of("/run/netns", tb.serverNs())), netnsInode(Path.of("/proc/" + pid + "/ns/net")),
                    "appliance is not in the server namespace");
            assertTrue(Files.isRegularFile(home.resolve("etc/ethers")), app::log);
            Path loop = home.resolve("tftpboot/tftpboot");
            assertTrue(Files.isSymbolicLink(loop), "tftpboot/tftpboot is not a symlink");
            assertEquals(Path.of("."), Files.readSymbolicLink(loop));

            int exit = app.stop(Duration.ofSeconds(30));
            assertFalse(app.killed(), () -> "still running 30 s after SIGTERM; log:\n" + app.log());
            assertEquals(0, exit, app::log);
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(app.log(), false), app::log);
        }
        tb.close(); // idempotent
        assertAllGone(names, pid);
    }

    @Test
    void addsTapsAndMoreClientsOnTheSameBridge() {
        try (Testbed tb = Testbed.create()) {
            tb.addTap("tap0");
            Result tap = tb.execServer(SHORT, "ip", "-o", "link", "show", "tap0");
            assertTrue(tap.ok() && tap.stdout().contains("master br0"), tap::toString);

            String c2 = tb.addClient("c2", "52:54:00:aa:bb:02", "10.99.0.3/24");
            Result mac = tb.exec(c2, SHORT, "ip", "-o", "link", "show", "eth0");
            assertTrue(mac.stdout().contains("52:54:00:aa:bb:02"), mac::toString);
            Result ping = tb.exec(c2, SHORT, "ping", "-c", "1", "-W", "2", "10.99.0.2");
            assertTrue(ping.ok(), () -> "client to client across br0: " + ping);
            assertThrows(IllegalArgumentException.class, () -> tb.exec("not-ours", SHORT, "true"));
        }
    }

    @Test
    void closeCleansUpAfterAFailure() {
        List<String> names = new ArrayList<>();
        long[] pids = new long[2];
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Testbed tb = Testbed.create()) {
                names.addAll(tb.namespaces());
                pids[0] = tb.spawn(tb.clientNs(), "sleep", "600").pid(); // tracked by the test bed
                // Not tracked: a daemon that only `ip netns pids` can find.
                Result bg = tb.execClient(SHORT, "sh", "-c", "sleep 600 >/dev/null 2>&1 & echo $!");
                pids[1] = Long.parseLong(bg.stdout().strip());
                assertTrue(alive(pids[0]) && alive(pids[1]));
                throw new IllegalStateException("simulated test failure");
            }
        });
        assertEquals("simulated test failure", thrown.getMessage());
        assertEquals(0, thrown.getSuppressed().length, () -> Arrays.toString(thrown.getSuppressed()));
        assertAllGone(names, pids);
    }

    @Test
    void createSweepsNamespacesOfDeadRunsOnly() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS);
        String stale = "dl" + gone.pid() + "srv"; // as a killed run would leave it
        String live = "dl" + ProcessHandle.current().pid() + "i77keep"; // owner alive: must survive
        Process sleeper = null;
        try {
            ip("netns", "add", stale);
            ip("netns", "add", live);
            sleeper = new ProcessBuilder("ip", "netns", "exec", stale, "sleep", "600")
                    .redirectOutput(new File("/dev/null")).redirectErrorStream(true).start();
            try (Testbed tb = Testbed.create()) {
                List<String> now = Netns.list();
                assertFalse(now.contains(stale), now::toString);
                assertTrue(now.contains(live), now::toString);
                assertTrue(sleeper.waitFor(SHORT.toSeconds(), TimeUnit.SECONDS), "process in the stale namespace");
            }
        } finally {
            if (sleeper != null) {
                sleeper.destroyForcibly();
            }
            Exec.run(SHORT, List.of("ip", "netns", "del", stale));
            Exec.run(SHORT, List.of("ip", "netns", "del", live));
        }
    }

    @Test
    void shutdownHookCleansUpWhenTheTestJvmIsTerminated() throws Exception {
        Path out = Files.createTempFile("dl-hook-", ".log");
        Process child = new ProcessBuilder(ApplianceProcess.javaCommand(), "-cp", System.getProperty("java.class.path"),
                TestbedHookMain.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String ready = awaitLine(out, "READY ", child, Duration.ofSeconds(60));
            String[] words = ready.split(" ");
            long sleeper = Long.parseLong(words[1]);
            List<String> names = List.of(Arrays.copyOfRange(words, 2, words.length));
            assertTrue(alive(sleeper) && Netns.list().containsAll(names), ready);

            child.destroy(); // SIGTERM, as Ctrl-C or a CI timeout would
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM ignored SIGTERM");
            assertAllGone(names, sleeper);
        } finally {
            if (child.isAlive()) {
                Exec.killTree(child.toHandle());
            }
            Files.deleteIfExists(out);
        }
    }

    private static String awaitLine(Path file, String prefix, Process p, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (String line : Exec.read(file).lines().toList()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (p.waitFor(100, TimeUnit.MILLISECONDS)) { // bounded poll; ends early if the child died
                fail("child exited with " + p.exitValue() + ":\n" + Exec.read(file));
            }
        }
        return fail("no '" + prefix + "' line within " + timeout + ":\n" + Exec.read(file));
    }

    private static void assertAllGone(List<String> namespaces, long... pids) {
        List<String> left = Netns.list();
        for (String ns : namespaces) {
            assertFalse(left.contains(ns), () -> ns + " still exists: " + left);
        }
        for (long pid : pids) {
            assertFalse(alive(pid), "process " + pid + " still running");
        }
    }

    private static boolean alive(long pid) {
        return Exec.running(pid);
    }

    /** The inode naming a network namespace: of a /run/netns mount, or of a process's /proc/PID/ns/net. */
    private static Object netnsInode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino");
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Result r = Exec.run(SHORT, cmd);
        assertTrue(r.ok(), () -> cmd + ": " + r);
    }
}
