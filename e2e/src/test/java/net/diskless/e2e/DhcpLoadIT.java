package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * perfdhcp (acting as a relay from 10.99.0.2/16) against the appliance: every exchange is a full DORA with a new
 * random MAC, so each ACK is a new lease. Checks correctness under load, not speed (bench/dhcp.sh measures
 * that): no address given twice, every acknowledged lease in the journal, and after kill -9 at random moments
 * in the middle of the load, the restarted appliance neither lost an acknowledged lease nor gives one again.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DhcpLoadIT {

    private static final String[] CONFIG = {
            "subnets = 10.99.0.0/16 pool=10.99.1.0-10.99.255.254 router=10.99.0.1",
            "logReplies = false"};
    private static final Pattern RATE = Pattern.compile("Rate: ([0-9.]+) 4-way exchanges/second");
    private static final Pattern DROPS = Pattern.compile("drops ratio: ([0-9.]+) ?%");
    private static final Pattern NON_UNIQUE = Pattern.compile("non unique addresses: (\\d+)");

    private static DhcpBed bed() {
        return DhcpBed.start(Testbed.Options.defaults().withServerAddress("10.99.0.1/16").withClientAddress("10.99.0.2/16"),
                CONFIG);
    }

    private static Testbed.Spawned sniff(DhcpBed bed) {
        Testbed.Spawned s = bed.testbed().spawn(bed.testbed().clientNs(), "python3", "-u",
                bed.script("ack_sniffer.py").toString(), "eth0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.log().contains("listening") && System.nanoTime() < deadline && s.process().isAlive()) {
            sleep(50);
        }
        assertTrue(s.log().contains("listening"), "ack_sniffer did not start: " + s.log());
        return s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** ACKs seen on the wire: address to every MAC it was acknowledged to. */
    private static Map<String, Set<String>> acks(Testbed.Spawned sniffer) {
        Map<String, Set<String>> byIp = new HashMap<>();
        for (String line : sniffer.log().split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("ACK")) {
                byIp.computeIfAbsent(f[2], k -> new HashSet<>()).add(f[1]);
            }
        }
        return byIp;
    }

    /** Every acknowledged lease is in the journal, bound to the MAC it was acknowledged to; none went to two. */
    private static void assertDurableAndUnique(DhcpBed bed, Map<String, Set<String>> acks) {
        List<String> twice = new ArrayList<>();
        acks.forEach((ip, macs) -> {
            if (macs.size() > 1) {
                twice.add(ip + " " + macs);
            }
        });
        assertEquals(List.of(), twice, "addresses acknowledged to two clients");
        Map<String, String> journal = new HashMap<>();
        for (String[] r : bed.journalRecords()) {
            journal.put(r[0], r[1] + " " + r[2].replace(":", ""));
        }
        List<String> lost = new ArrayList<>();
        acks.forEach((ip, macs) -> {
            String mac = macs.iterator().next();
            if (!("BOUND " + mac).equals(journal.get(ip))) {
                lost.add(ip + " " + mac + " (journal: " + journal.get(ip) + ")");
            }
        });
        assertEquals(List.of(), lost, "acknowledged leases not in the journal");
    }

    private static Result perfdhcp(DhcpBed bed, int rate, int seconds) {
        return bed.testbed().exec(bed.testbed().clientNs(), Duration.ofSeconds(seconds + 30), "perfdhcp", "-4", "-l", "eth0",
                "-r", String.valueOf(rate), "-R", "1000000", "-p", String.valueOf(seconds), DhcpBed.SERVER);
    }

    @Test
    void perfdhcpLoadGetsUniqueDurableLeases() {
        Testbed.requireRootAndNamespaces();
        try (DhcpBed bed = bed()) {
            Testbed.Spawned sniffer = sniff(bed);
            Result r = perfdhcp(bed, 300, 8);
            assertTrue(r.ok(), r::toString);
            Matcher rate = RATE.matcher(r.stdout());
            assertTrue(rate.find(), r::toString);
            Matcher nonUnique = NON_UNIQUE.matcher(r.stdout());
            while (nonUnique.find()) {
                assertEquals("0", nonUnique.group(1), r::toString);
            }
            Matcher drops = DROPS.matcher(r.stdout());
            while (drops.find()) { // at a tenth of what this server does, nothing should be lost
                assertTrue(Double.parseDouble(drops.group(1)) < 5.0, r::toString);
            }
            sleep(500);
            Map<String, Set<String>> acks = acks(sniffer);
            assertTrue(acks.size() > 1000, () -> acks.size() + " ACKs\n" + r);
            assertDurableAndUnique(bed, acks);
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(bed.appliance().log(), true), bed.appliance()::log);
        }
    }

    @Test
    void killNineDuringLoadLosesNoAcknowledgedLeaseAndGivesNoneTwice() {
        Testbed.requireRootAndNamespaces();
        try (DhcpBed bed = bed()) {
            Testbed.Spawned sniffer = sniff(bed);
            Testbed.Spawned load = bed.testbed().spawn(bed.testbed().clientNs(), "perfdhcp", "-4", "-l", "eth0", "-r", "300",
                    "-R", "1000000", "-p", "40", DhcpBed.SERVER);
            Random random = new Random();
            List<String> kills = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long waitMs = 1000 + random.nextInt(3000);
                sleep(waitMs);
                ApplianceProcess app = bed.appliance();
                int before = acks(sniffer).size();
                Exec.killTree(ProcessHandle.of(app.pid()).orElseThrow()); // SIGKILL: no shutdown of any kind
                for (int i = 0; i < 100 && app.isAlive(); i++) {
                    sleep(50); // reaped
                }
                assertFalse(app.isAlive());
                kills.add("after " + waitMs + " ms (" + before + " ACKs so far)");
                bed.startAppliance();
            }
            sleep(3000); // the last incarnation serves for a while too
            Exec.killTree(load.process().toHandle());
            sleep(300);
            Map<String, Set<String>> acks = acks(sniffer);
            assertTrue(acks.size() > 500, () -> acks.size() + " ACKs; kills " + kills + "\n" + load.log());
            assertDurableAndUnique(bed, acks);
            assertTrue(bed.appliance().log().contains("leases on record"), bed::logTail);
        }
    }
}
