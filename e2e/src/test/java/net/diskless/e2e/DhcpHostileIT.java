package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input against the appliance's DHCP server from a client namespace: malformed datagrams of every kind
 * and a flood of DISCOVERs with random MACs (perfdhcp, far more than the pool holds). Each kind is logged with
 * its reason, nothing crashes, no lease is written for garbage, and good clients (a static host and a pool
 * client) still get their leases during the flood.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DhcpHostileIT {

    private static final Duration CLIENT = Duration.ofSeconds(40);

    private static String udhcpc(DhcpBed bed, String ns) {
        Path env = bed.testbed().tempDir().resolve("env-" + ns);
        Path script = bed.shell("u-" + ns + ".sh", "[ \"$1\" = bound ] && echo \"$ip\" > " + env + "\nexit 0\n");
        Result r = bed.testbed().exec(ns, CLIENT, "busybox", "udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "8", "-T", "1",
                "-s", script.toString());
        assertTrue(r.ok() && Files.exists(env), () -> "udhcpc: " + r + "\nappliance:\n" + bed.logTail());
        return Exec.read(env).strip();
    }

    @Test
    void malformedDatagramsAreLoggedAndGoodClientsStillServed() {
        Testbed.requireRootAndNamespaces();
        try (DhcpBed bed = DhcpBed.start(Testbed.Options.defaults().withClientAddress(null),
                "subnets = 10.99.0.0/24 pool=10.99.0.100-10.99.0.109", "peerLogIntervalSeconds = 0")) {
            String attacker = bed.testbed().addClient("evil", "52:54:00:aa:bb:66", "10.99.0.66/24");
            Result r = bed.testbed().exec(attacker, Duration.ofSeconds(60), "python3", bed.script("junk.py").toString(),
                    DhcpBed.SERVER, "50");
            assertTrue(r.ok(), r::toString);
            assertEquals(DhcpBed.CLIENT1_IP, udhcpc(bed, bed.testbed().clientNs()));
            String log = bed.appliance().log();
            for (String reason : List.of("truncated: 100 bytes", "has length 40 but only", "option 53 has length 2",
                    "option 52 (overload) must be", "hop count 17 > 16")) {
                assertTrue(log.contains(reason), () -> "no '" + reason + "' in the log:\n" + bed.logTail());
            }
            assertTrue(bed.appliance().isAlive());
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(log, true), log);
            // garbage got no lease: the only lease records are none (client1 is static)
            assertEquals(List.of(), bed.journalRecords().stream().map(x -> String.join(" ", x)).toList());
        }
    }

    @Test
    void aDiscoverFloodWithRandomMacsStarvesNeitherReservedNorPoolClients() {
        Testbed.requireRootAndNamespaces();
        try (DhcpBed bed = DhcpBed.start(Testbed.Options.defaults().withClientAddress(null),
                "subnets = 10.99.0.0/24 pool=10.99.0.100-10.99.0.109", "logReplies = false")) {
            String flooder = bed.testbed().addClient("flood", "52:54:00:aa:bb:99", "10.99.0.250/24");
            String pool = bed.testbed().addClient("pool", "52:54:00:aa:bb:77");
            // DISCOVERs only (-i), a new random MAC each, relayed from 10.99.0.250: 10 addresses, thousands of asks
            Testbed.Spawned flood = bed.testbed().spawn(flooder, "perfdhcp", "-4", "-l", "eth0", "-i", "-r", "1500",
                    "-R", "1000000", "-p", "20", DhcpBed.SERVER);
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertTrue(flood.process().isAlive(), flood::log);
            assertEquals(DhcpBed.CLIENT1_IP, udhcpc(bed, bed.testbed().clientNs()), "the reserved host");
            String ip = udhcpc(bed, pool);
            assertTrue(ip.matches("10\\.99\\.0\\.10\\d"), ip);
            assertTrue(flood.process().isAlive(), "the flood was still on while both got their leases");
            Exec.killTree(flood.process().toHandle());
            assertTrue(bed.journalRecords().stream().anyMatch(x -> x[0].equals(ip) && x[2].equals("52:54:00:aa:bb:77")));
            assertEquals(1, bed.journalRecords().size(), "offers to the flood were never written");
            assertTrue(bed.appliance().isAlive());
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(bed.appliance().log(), true), bed::logTail);
        }
    }
}
