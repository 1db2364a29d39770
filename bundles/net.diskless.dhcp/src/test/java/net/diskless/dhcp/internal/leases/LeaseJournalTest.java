package net.diskless.dhcp.internal.leases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.diskless.api.MacAddress;
import net.diskless.api.leases.Lease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseJournalTest {

    @TempDir
    Path dir;

    private static Lease lease(int last, Lease.State state, long expires) throws Exception {
        return new Lease((Inet4Address) InetAddress.getByAddress(new byte[] {10, 99, 0, (byte) last}),
                "01525400aabb" + String.format("%02x", last), MacAddress.parse("52:54:00:aa:bb:" + String.format("%02x", last)),
                "host" + last, Instant.ofEpochMilli(expires), state);
    }

    private static List<Lease> sorted(java.util.Collection<Lease> leases) {
        List<Lease> l = new ArrayList<>(leases);
        l.sort(Comparator.comparing(x -> x.address().getHostAddress()));
        return l;
    }

    @Test
    void storedLeasesComeBackAfterARestart() throws Exception {
        Path file = dir.resolve("var/dhcp/leases.journal");
        List<Lease> stored = new ArrayList<>();
        try (LeaseJournal j = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            List<CompletableFuture<Lease>> done = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                Lease l = lease(i, Lease.State.BOUND, 4_000_000_000_000L);
                stored.add(l);
                done.add(j.store(l).toCompletableFuture());
            }
            for (CompletableFuture<Lease> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
            Lease released = lease(7, Lease.State.RELEASED, 1000);
            j.store(released).toCompletableFuture().get(10, TimeUnit.SECONDS);
            stored.set(6, released);
        }
        try (LeaseJournal again = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            assertEquals(sorted(stored), sorted(again.leases()));
        }
    }

    @Test
    void aTornLastRecordIsCutAndAppendingGoesOn() throws Exception {
        Path file = dir.resolve("leases.journal");
        Lease a = lease(1, Lease.State.BOUND, 4_000_000_000_000L);
        try (LeaseJournal j = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            j.store(a).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        String whole = JournalFormat.line(lease(2, Lease.State.BOUND, 4_000_000_000_000L));
        Files.writeString(file, whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND); // a crash mid-write
        Lease b = lease(3, Lease.State.BOUND, 4_000_000_000_000L);
        try (LeaseJournal j = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            assertEquals(List.of(a), List.copyOf(j.leases()));
            j.store(b).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (LeaseJournal j = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            assertEquals(sorted(List.of(a, b)), sorted(j.leases()));
        }
    }

    @Test
    void aCorruptRecordInTheMiddleIsSkippedNotFatal() throws Exception {
        Path file = dir.resolve("leases.journal");
        Lease a = lease(1, Lease.State.BOUND, 4_000_000_000_000L);
        Lease b = lease(2, Lease.State.BOUND, 4_000_000_000_000L);
        String bad = JournalFormat.line(lease(5, Lease.State.BOUND, 4_000_000_000_000L)).replace("10.99.0.5", "10.99.0.6");
        Files.writeString(file, JournalFormat.line(a) + bad + JournalFormat.line(b), StandardCharsets.US_ASCII);
        try (LeaseJournal j = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            assertEquals(sorted(List.of(a, b)), sorted(j.leases()));
        }
    }

    @Test
    void compactionKeepsTheLatestRecordOfEachAddressAndDropsExpiredOnes() throws Exception {
        Path file = dir.resolve("leases.journal");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(2_000_000), java.time.ZoneOffset.UTC);
        Lease last = null;
        try (LeaseJournal j = new LeaseJournal(file, 20, clock)) {
            for (int round = 0; round < 30; round++) {
                last = lease(1, Lease.State.BOUND, 4_000_000_000_000L + round);
                j.store(last).toCompletableFuture().get(10, TimeUnit.SECONDS);
                j.store(lease(2, Lease.State.RELEASED, 1_000_000)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        long lines = Files.readAllLines(file).size();
        assertTrue(lines < 30, "compacted: " + lines + " records");
        try (LeaseJournal j = new LeaseJournal(file, 20, clock)) {
            assertTrue(j.leases().contains(last));
            assertTrue(j.leases().stream().allMatch(l -> l.address().getHostAddress().equals("10.99.0.1")
                    || l.address().getHostAddress().equals("10.99.0.2")));
        }
        assertTrue(Files.notExists(dir.resolve("leases.journal.tmp")));
    }

    @Test
    void aLeftOverCompactionFileIsIgnored() throws Exception {
        Path file = dir.resolve("leases.journal");
        Lease a = lease(1, Lease.State.BOUND, 4_000_000_000_000L);
        Files.writeString(file, JournalFormat.line(a));
        Files.writeString(dir.resolve("leases.journal.tmp"), "half a compaction");
        try (LeaseJournal j = new LeaseJournal(file, 1000, Clock.systemUTC())) {
            assertEquals(List.of(a), List.copyOf(j.leases()));
        }
        assertTrue(Files.notExists(dir.resolve("leases.journal.tmp")));
    }

    @Test
    void afterCloseNothingIsAcknowledged() throws Exception {
        LeaseJournal j = new LeaseJournal(dir.resolve("leases.journal"), 1000, Clock.systemUTC());
        j.close();
        CompletableFuture<Lease> f = j.store(lease(1, Lease.State.BOUND, 1)).toCompletableFuture();
        assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    }

    @Test
    void hostileHostNamesCannotBreakTheFormat() throws Exception {
        Lease evil = new Lease((Inet4Address) InetAddress.getByName("10.99.0.9"), "01aa", null, "a b\nL1 10.99.0.10 BOUND",
                Instant.ofEpochMilli(5), Lease.State.BOUND);
        Lease back = JournalFormat.parse(JournalFormat.line(evil).strip()).orElseThrow();
        assertEquals("a_b_L1_10.99.0.10_BOUND", back.hostname());
        assertEquals(evil.address(), back.address());
    }
}
