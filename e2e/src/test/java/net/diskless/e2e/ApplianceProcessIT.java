package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported jar as an operator runs it: no namespaces, no root. TFTP and DHCP are moved to 127.0.0.1 and free
 * ports ({@link ApplianceProcess#tftpOnLoopback}, {@link ApplianceProcess#dhcpOnLoopback}), so these tests never
 * bind port 69 or 67 of the machine, and RARP is off ({@link ApplianceProcess#rarpOff}): it would capture on the
 * machine's interfaces, and needs root to.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ApplianceProcessIT {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void startsOnAFreshHomeAndStopsOnSigterm() {
        Path home = tmp.resolve("home");
        try (ApplianceProcess app = start(home)) {
            assertTrue(app.readyMillis() >= 0, app::log); // parsed from "Diskless ready in N ms"
            assertTrue(Files.isRegularFile(home.resolve("etc/ethers")), app::log);
            stopCleanly(app);
        }
    }

    @Test
    void restartKeepsAnExistingHome() throws IOException {
        Path home = tmp.resolve("home");
        try (ApplianceProcess first = start(home)) {
            stopCleanly(first);
        }
        // An operator's edit: a second start must use the home as it is, not lay it out again.
        Path ethers = home.resolve("etc/ethers");
        String edited = Files.readString(ethers) + "# edited by ApplianceProcessIT\n";
        Files.writeString(ethers, edited);
        try (ApplianceProcess second = start(home)) {
            assertTrue(second.readyMillis() >= 0, second::log);
            stopCleanly(second);
        }
        assertEquals(edited, Files.readString(ethers), "etc/ethers was overwritten on restart");
    }

    /**
     * DHCP's port is taken (another DHCP server): DHCP says why, and the appliance still starts and serves the
     * rest (TFTP here), and stops cleanly.
     */
    @Test
    void startsWithoutDhcpWhenItsPortIsTaken() throws IOException {
        Path home = tmp.resolve("home");
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(null)) {
            taken.setReuseAddress(false);
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            ApplianceProcess.configure(home, "net.diskless.dhcp", "address = 127.0.0.1", "port = " + taken.getLocalPort());
            try (ApplianceProcess app = start(home)) {
                String log = app.log();
                assertTrue(log.contains("dhcp: cannot listen on 127.0.0.1:" + taken.getLocalPort()), log);
                assertFalse(log.contains("listening: dhcp"), log);
                int exit = app.stop(STOP);
                assertFalse(app.killed(), app::log);
                assertEquals(0, exit, app::log);
                // the one ERROR line is DHCP's: nothing else went wrong
                assertEquals(1, app.log().lines().filter(l -> l.contains("ERROR")).count(), app::log);
                assertEquals(List.of(), ApplianceProcess.suspiciousLines(app.log(), false), app::log);
            }
        }
    }

    /**
     * A file in config/ is applied before any component starts, and the ready line comes only once TFTP listens.
     * Repeated because a race there does not show every time; every other start here checks the same.
     */
    @RepeatedTest(3)
    void tftpListensAsConfiguredBeforeTheReadyLine() {
        try (ApplianceProcess app = start(tmp.resolve("home"))) {
            stopCleanly(app);
        }
    }

    private ApplianceProcess start(Path home) {
        ApplianceProcess.tftpOnLoopback(home); // before the first start too: config/ is read at start-up
        ApplianceProcess.rarpOff(home); // no captures on this machine's interfaces (and none possible without root)
        if (!Files.exists(home.resolve("config/net.diskless.dhcp.cfg"))) {
            ApplianceProcess.dhcpOnLoopback(home);
        }
        ApplianceProcess app = ApplianceProcess.start(List.of(), home, tmp.resolve("logs"), READY);
        try {
            assertTftpOnLoopback(app);
        } catch (AssertionError e) {
            app.close(); // not left running (on port 69, maybe) for the tests after this one
            throw e;
        }
        return app;
    }

    /**
     * TFTP is where config/ says, and never was anywhere else: if the defaults were used even for a moment, the
     * appliance bound UDP port 69 of this machine (and without root, failed to).
     */
    private static void assertTftpOnLoopback(ApplianceProcess app) {
        String log = app.log();
        // Printed just before the ready line, so it is in the log once start() returns.
        InetSocketAddress tftp = app.endpoint("tftp", "udp");
        assertEquals("127.0.0.1", tftp.getHostString(), log);
        assertNotEquals(69, tftp.getPort(), log);
        List<String> binds = log.lines().filter(l -> l.contains("tftp: serving ")).toList();
        assertEquals(1, binds.size(), () -> "TFTP bound more than once (defaults first?):\n" + log);
        assertTrue(binds.get(0).contains(" on udp /127.0.0.1:" + tftp.getPort() + " "), log);
    }

    private static void stopCleanly(ApplianceProcess app) {
        int exit = app.stop(STOP);
        assertFalse(app.killed(), () -> "still running " + STOP + " after SIGTERM; log:\n" + app.log());
        assertEquals(0, exit, () -> "exit status after SIGTERM; log:\n" + app.log());
        assertEquals(List.of(), ApplianceProcess.suspiciousLines(app.log(), true), app::log);
    }
}
