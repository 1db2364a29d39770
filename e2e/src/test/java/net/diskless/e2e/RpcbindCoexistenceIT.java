package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The appliance beside a host's rpcbind (Debian's, in the server namespace, with a private /run): by default it
 * cannot have port 111, says so and keeps running, bootparamd answering on its own port; with
 * {@code mode = host} it registers with that rpcbind, clients find bootparamd through it, and stopping the
 * appliance withdraws the registration. Root only.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RpcbindCoexistenceIT {

    private static final Duration CALL = Duration.ofSeconds(20);

    private static Path home(Testbed tb, String name, String... rpcConfig) throws IOException {
        Path home = tb.tempDir().resolve(name);
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("hosts"), RpcBed.HOSTS);
        Files.writeString(etc.resolve("bootparams"), RpcBed.BOOTPARAMS);
        ApplianceProcess.configure(home, "net.diskless.bootparams", "domain = " + RpcBed.DOMAIN, "router = " + RpcBed.ROUTER);
        if (rpcConfig.length > 0) {
            ApplianceProcess.configure(home, "net.diskless.rpc", rpcConfig);
        }
        return home;
    }

    private static void startRpcbind(Testbed tb) {
        tb.spawn(tb.serverNs(), "unshare", "--mount", "sh", "-c",
                "mount -t tmpfs tmpfs /run && mkdir -p /run/rpcbind && exec rpcbind -f -w");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!tb.execServer(CALL, "rpcinfo", "-p", "127.0.0.1").ok()) {
            assertTrue(System.nanoTime() < deadline, "rpcbind did not come up");
            sleep(200);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void port111TakenIsAnErrorButTheApplianceRuns() throws IOException {
        Testbed.requireRootAndNamespaces();
        try (Testbed tb = Testbed.create()) {
            startRpcbind(tb);
            ApplianceProcess app = tb.startAppliance(home(tb, "home"), RpcBed.READY);
            String log = app.log();
            assertTrue(log.contains("the portmapper is NOT running"), log);
            assertTrue(log.contains("mode=host"), log);
            assertFalse(log.contains("listening: portmap"), log);
            int port = app.endpoint("bootparams", "udp").getPort();
            String uaddr = RpcBed.SERVER + "." + (port >> 8) + "." + (port & 0xff);
            Result ping = tb.execClient(CALL, "rpcinfo", "-a", uaddr, "-T", "udp", "100026", "1");
            assertTrue(ping.ok() && ping.stdout().contains("ready and waiting"), ping::toString);
            Result list = tb.execClient(CALL, "rpcinfo", "-p", RpcBed.SERVER);
            assertTrue(list.ok(), list::toString);
            assertFalse(list.stdout().contains("bootparam"), "nothing registered with rpcbind in embedded mode: " + list);
        }
    }

    @Test
    void modeHostRegistersWithTheHostsRpcbindAndWithdrawsOnStop() throws IOException {
        Testbed.requireRootAndNamespaces();
        try (Testbed tb = Testbed.create()) {
            startRpcbind(tb);
            ApplianceProcess app = tb.startAppliance(home(tb, "home", "mode = host"), RpcBed.READY);
            int port = app.endpoint("bootparams", "udp").getPort();
            app.awaitLog(Pattern.compile("registered 100026 v1 tcp \\d+ \\(net.diskless.bootparams\\) with the host's rpcbind"),
                    0, Duration.ofSeconds(10));
            Result list = tb.execClient(CALL, "rpcinfo", "-p", RpcBed.SERVER);
            assertTrue(Pattern.compile("100026\\s+1\\s+udp\\s+" + port + "\\s+bootparam").matcher(list.stdout()).find(),
                    list::toString);
            Result ping = tb.execClient(CALL, "rpcinfo", "-T", "udp", RpcBed.SERVER, "bootparam", "1");
            assertTrue(ping.ok(), ping::toString);
            assertEquals(0, app.stop(Duration.ofSeconds(15)), app::log);
            Result after = tb.execClient(CALL, "rpcinfo", "-p", RpcBed.SERVER);
            assertTrue(after.ok(), after::toString);
            assertFalse(after.stdout().contains("bootparam"), "withdrawn on stop: " + after + "\n" + app.log());
        }
    }
}
