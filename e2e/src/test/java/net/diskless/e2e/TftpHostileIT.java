package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.diskless.e2e.TftpProbe.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What no well-behaved client sends, from the client namespace to the appliance on 10.99.0.1:69: each gets the
 * right TFTP error and no file data, the log stays short, and afterwards a tftp-hpa fetch still works (checked
 * after every test). Root only: skipped elsewhere, with the reason.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TftpHostileIT {

    private static final int ACCESS_VIOLATION = 2;
    private static final int ILLEGAL_OPERATION = 4;
    private static final int UNKNOWN_TID = 5;
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final Duration TOTAL = Duration.ofSeconds(5);

    private TftpBed bed;
    private TftpProbe probe;
    private RuntimeException setupFailure;

    // Per test, not @BeforeAll: an aborted class is reported as "Tests run: 0", which hides the reason.
    @BeforeEach
    void bed() throws IOException {
        Testbed.requireRootAndNamespaces();
        if (setupFailure != null) {
            throw setupFailure;
        }
        if (bed == null) {
            try {
                bed = TftpBed.start();
                probe = new TftpProbe(bed.testbed());
                // Links for the traversal tests: a file and a directory pointing out of the root.
                Files.createSymbolicLink(bed.root().resolve("passwd-link"), Path.of("/etc/passwd"));
                Files.createSymbolicLink(bed.root().resolve("etc-link"), Path.of("/etc"));
                Files.createSymbolicLink(bed.root().resolve("root-link"), Path.of("/"));
            } catch (RuntimeException e) {
                setupFailure = e;
                throw e;
            }
        }
    }

    /** Whatever a test threw at it, the server still serves a good client, and nothing blew up in its log. */
    @AfterEach
    void stillServes() {
        if (bed != null) {
            bed.assertStillServes();
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(bed.appliance().log(), true), bed::logTail);
        }
    }

    @AfterAll
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    /** Names that lead (or would, if followed) out of the root: an ERROR 1 or 2, never a byte of the file. */
    @ParameterizedTest(name = "traversal {0}")
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "..\\..\\etc\\passwd", "passwd-link", "etc-link/passwd",
            "root-link/etc/passwd", "/tftpboot/../etc/passwd", "small.bin/../../../etc/passwd", "%2e%2e/etc/passwd"})
    void traversalIsRefused(String name) {
        for (String mode : List.of("octet", "netascii")) {
            List<Reply> replies = probe.send(TftpBed.SERVER, 69, TftpProbe.request(1, name, mode), QUIET, TOTAL);
            Reply error = onlyAnError(replies, name);
            assertTrue(Set.of(1, 2).contains(error.number()), () -> name + ": error code " + replies);
            assertFalse(error.rest().contains("root:"), () -> name + ": file content in the message " + replies);
        }
    }

    static Stream<Arguments> malformed() {
        String digits = "1".repeat(10_000);
        return Stream.of(
                Arguments.of("unknown opcode 9", TftpProbe.raw(9, "small.bin\0octet\0"), Set.of(ILLEGAL_OPERATION)),
                Arguments.of("unknown opcode 65535", TftpProbe.raw(65535, ""), Set.of(ILLEGAL_OPERATION)),
                Arguments.of("1 byte", new byte[] {1}, Set.of(ILLEGAL_OPERATION)),
                Arguments.of("RRQ without any NUL", TftpProbe.raw(1, "small.bin"), Set.of(ILLEGAL_OPERATION)),
                Arguments.of("RRQ without mode", TftpProbe.raw(1, "small.bin\0"), Set.of(ILLEGAL_OPERATION)),
                Arguments.of("RRQ with an unknown mode", TftpProbe.request(1, "small.bin", "bogus"), Set.of(ILLEGAL_OPERATION)),
                Arguments.of("RRQ in mail mode", TftpProbe.request(1, "small.bin", "mail"), Set.of(ILLEGAL_OPERATION)),
                // RFC 2347 lets a server ignore options it cannot honour, but a 10 000-digit value is no option
                Arguments.of("blksize of 10 000 digits", TftpProbe.request(1, "small.bin", "octet", "blksize", digits),
                        Set.of(ILLEGAL_OPERATION, 8)),
                Arguments.of("option name of 10 000 digits", TftpProbe.request(1, "small.bin", "octet", digits, "1"),
                        Set.of(ILLEGAL_OPERATION, 8)),
                Arguments.of("WRQ (read-only server)", TftpProbe.request(2, "upload.bin", "octet"), Set.of(ACCESS_VIOLATION)),
                Arguments.of("WRQ over an existing file", TftpProbe.request(2, "small.bin", "octet"), Set.of(ACCESS_VIOLATION)),
                Arguments.of("DATA to port 69", TftpProbe.raw(3, "\0\1hello"), Set.of(UNKNOWN_TID)),
                Arguments.of("ACK to port 69", TftpProbe.raw(4, "\0\1"), Set.of(UNKNOWN_TID)),
                Arguments.of("OACK to port 69", TftpProbe.raw(6, "blksize\0" + "1468\0"), Set.of(UNKNOWN_TID)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPacketGetsItsError(String what, byte[] datagram, Set<Integer> codes) {
        List<Reply> replies = probe.send(TftpBed.SERVER, 69, datagram, QUIET, TOTAL);
        Reply error = onlyAnError(replies, what);
        assertTrue(codes.contains(error.number()), () -> what + ": expected error " + codes + ", got " + replies);
    }

    /** An ERROR is never answered (two servers must not bounce errors at each other forever). */
    @Test
    void errorToPort69IsNotAnswered() {
        List<Reply> replies = probe.send(TftpBed.SERVER, 69, TftpProbe.raw(5, "\0\0go away\0"), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        assertEquals(List.of(), replies);
    }

    /**
     * 1000 bogus datagrams from 50 source ports, all at once, while a good client fetches the 40 MB file: the
     * good fetch completes intact, each bogus datagram is answered with an ERROR (never data), and the log stays
     * short (a peer's bad requests are logged once per interval).
     */
    @Test
    void floodWhileAGoodClientFetches() {
        TftpBed.Fixture big = bed.fixture("big.bin");
        ApplianceProcess app = bed.appliance();
        int before = app.logLength();
        Path out = bed.output("big-under-flood");
        // tftp-hpa in 512-byte lock-step: the slowest client, so the flood surely lands during its transfer
        Testbed.Spawned good = bed.testbed().spawn(bed.testbed().clientNs(), "timeout", "170", "tftp", "-m", "binary",
                TftpBed.SERVER, "-c", "get", "big.bin", out.toString());
        app.awaitLog(Pattern.compile("reads big\\.bin"), before, Duration.ofSeconds(30));

        String summary = probe.flood(TftpBed.SERVER, 69, 1000, 50);
        boolean overlapped = good.process().isAlive(); // the burst itself takes milliseconds; its drain a second
        Matcher m = Pattern.compile("SENT (\\d+) REPLIES (\\d+) ERRORS (\\d+) DATA (\\d+)").matcher(summary);
        assertTrue(m.matches(), summary);
        assertEquals(1000, Integer.parseInt(m.group(1)), summary);
        assertEquals(0, Integer.parseInt(m.group(4)), () -> "data or OACK for a bogus request: " + summary);
        assertEquals(m.group(2), m.group(3), () -> "a reply that is not an ERROR: " + summary);
        // UDP may drop some under a burst; most must be answered or the server is not keeping up
        assertTrue(Integer.parseInt(m.group(3)) >= 500, () -> "few errors answered: " + summary);

        boolean finished;
        try {
            finished = good.process().waitFor(180, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertTrue(finished && good.process().exitValue() == 0, () -> "good client: " + good.log());
        Result r = new Result(good.process().exitValue(), good.log(), "", false);
        assertFalse(r.stdout().contains("Error code"), r::toString);
        bed.assertFile(out, big, r);

        String log = app.logSince(before);
        long logged = log.lines().filter(l -> l.contains("/10.99.0.2:") && (l.contains(" refused") || l.contains(" failed")))
                .count();
        System.err.println("[e2e] flood: " + summary + "; good client still running after it: " + overlapped
                + "; log lines about the client since: " + logged);
        assertTrue(logged < 10, () -> logged + " log lines for one peer's junk:\n" + log);
        // The good transfer ended in the log like any other
        assertTrue(log.contains("got big.bin (" + big.size() + " bytes"), log);
    }

    /**
     * A client that sends an RRQ and never ACKs: the server retransmits (only on its timeout), gives up after
     * {@code retries} retransmissions with an ERROR, and logs "timed out", all within timeoutMs * (retries + 1)
     * and some slack. A second appliance with timeoutMs 200, retries 2 (on port 6969, its own home) keeps it short.
     */
    @Test
    void clientThatNeverAcksIsGivenUpOn() throws IOException {
        int timeoutMs = 200;
        int retries = 2;
        Path home = bed.testbed().tempDir().resolve("home-timeout");
        TftpBed.writeEtc(home);
        Files.createDirectories(home.resolve("tftpboot"));
        TftpBed.Fixture file = TftpBed.write(home.resolve("tftpboot/small.bin"), 100_000, 7);
        ApplianceProcess.configure(home, "net.diskless.tftp", "port = 6969", "timeoutMs = " + timeoutMs,
                "retries = " + retries);
        // the bed's appliance holds ports 67, 111 and 2049 of this namespace: this one serves DHCP, RPC and NFS elsewhere
        ApplianceProcess.rpcOnLoopback(home);
        ApplianceProcess.nfsOnLoopback(home);
        ApplianceProcess.dhcpOnLoopback(home);
        ApplianceProcess app = bed.testbed().startAppliance(home, TftpBed.READY);
        try {
            TftpBed.awaitTftp(app, 6969);
            long bound = timeoutMs * (retries + 1L) + 500; // slack for a loaded machine
            int before = app.logLength();

            // Lock-step, no options: DATA 1, then a retransmission per timeout, then ERROR
            List<Reply> replies = probe.send(TftpBed.SERVER, 6969, TftpProbe.request(1, file.name(), "octet"),
                    Duration.ofSeconds(2), Duration.ofSeconds(5));
            List<Reply> data = replies.stream().filter(x -> x.type().equals("DATA")).toList();
            assertEquals(retries + 1, data.size(), () -> "first send plus each retransmission: " + replies);
            assertTrue(data.stream().allMatch(x -> x.number() == 1), replies::toString);
            Reply last = replies.get(replies.size() - 1);
            assertTrue(last.isError(), () -> "no ERROR when giving up: " + replies);
            assertTrue(last.millis() <= bound, () -> "gave up after " + last.millis() + " ms, bound " + bound + ": " + replies);
            assertTrue(last.millis() >= timeoutMs * (retries + 1L) * 8 / 10, () -> "gave up too early: " + replies);
            app.awaitLog(Pattern.compile("transfer of small\\.bin failed: timed out"), before, Duration.ofSeconds(2));

            // With options the OACK is what goes unanswered: same retransmissions, same end
            List<Reply> withOptions = probe.send(TftpBed.SERVER, 6969,
                    TftpProbe.request(1, file.name(), "octet", "blksize", "1024", "tsize", "0"),
                    Duration.ofSeconds(2), Duration.ofSeconds(5));
            long oacks = withOptions.stream().filter(x -> x.type().equals("OACK")).count();
            assertEquals(retries + 1, oacks, withOptions::toString);
            assertTrue(withOptions.stream().noneMatch(x -> x.type().equals("DATA")), withOptions::toString);
            Reply end = withOptions.get(withOptions.size() - 1);
            assertTrue(end.isError() && end.millis() <= bound, withOptions::toString);

            // ... and that appliance still serves the file to a client that does ACK
            Path out = bed.output("after-timeouts");
            Result r = bed.testbed().execClient(Duration.ofSeconds(60), "tftp", "-m", "binary", TftpBed.SERVER, "6969",
                    "-c", "get", file.name(), out.toString());
            bed.assertFile(out, file, r);
            assertEquals(0, app.stop(Duration.ofSeconds(30)), app::log);
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(app.log(), true), app::log);
        } finally {
            app.close();
        }
    }

    /** The replies to a refused request: exactly one ERROR (and so no DATA or OACK), from the request port. */
    private static Reply onlyAnError(List<Reply> replies, String what) {
        assertEquals(1, replies.size(), () -> what + ": expected exactly one ERROR, got " + replies);
        Reply r = replies.get(0);
        assertTrue(r.isError(), () -> what + ": expected an ERROR, got " + replies);
        assertEquals(69, r.sourcePort(), () -> what + ": " + replies);
        return r;
    }
}
