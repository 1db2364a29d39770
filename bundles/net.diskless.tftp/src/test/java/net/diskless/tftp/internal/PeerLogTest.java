package net.diskless.tftp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class PeerLogTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(200);

    private static final InetAddress A = ip(10, 0, 0, 1);
    private static final InetAddress B = ip(10, 0, 0, 2);
    private static final InetAddress C = ip(10, 0, 0, 3);

    /** A real slf4j Logger that keeps what it is given, formatted as slf4j formats it. */
    static final class CapturingLogger extends LegacyAbstractLogger {

        record Line(Level level, String message) {
        }

        final List<Line> lines = new CopyOnWriteArrayList<>();

        CapturingLogger() {
            this.name = "capture";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String format, Object[] args,
                                                   Throwable t) {
            lines.add(new Line(level, MessageFormatter.basicArrayFormat(format, args)));
        }

        List<String> messages() {
            return lines.stream().map(Line::message).toList();
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    private static InetAddress ip(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private final CapturingLogger logger = new CapturingLogger();

    /** Waits until {@code nanos} have passed since {@code since} (by the clock PeerLog uses). */
    private static void sleepPast(long since, long nanos) throws InterruptedException {
        while (System.nanoTime() - since <= nanos) {
            Thread.sleep(10);
        }
    }

    @Test
    void firstProblemIsLoggedAsAWarningWithItsArguments() {
        PeerLog log = new PeerLog(logger, HOUR, 100);

        log.warn(A, "tftp: {} refused {}: {}", "10.0.0.1:1234", "x", "file not found");

        assertEquals(List.of(new CapturingLogger.Line(Level.WARN, "tftp: 10.0.0.1:1234 refused x: file not found")),
                logger.lines);
    }

    @Test
    void furtherProblemsWithinTheIntervalAreNotLogged() {
        PeerLog log = new PeerLog(logger, HOUR, 100);

        for (int i = 0; i < 5; i++) {
            log.warn(A, "problem {}", i);
        }

        assertEquals(List.of("problem 0"), logger.messages());
    }

    @Test
    void suppressedCountIsReportedWithTheNextLineAfterTheInterval() throws InterruptedException {
        PeerLog log = new PeerLog(logger, SHORT, 100);

        long t0 = System.nanoTime();
        log.warn(A, "problem {}", 1);
        log.warn(A, "problem {}", 2);
        log.warn(A, "problem {}", 3);
        long t1 = System.nanoTime();
        assumeTrue(t1 - t0 < SHORT, "the three calls took longer than the interval: timing not testable here");
        assertEquals(List.of("problem 1"), logger.messages());

        sleepPast(t1, SHORT); // the interval began no later than t1
        log.warn(A, "problem {}", 4);

        assertEquals(List.of("problem 1", "problem 4 (and 2 more from this peer not logged)"), logger.messages());
        assertEquals(Level.WARN, logger.lines.get(1).level());
    }

    @Test
    void countStartsAgainAfterItWasReported() throws InterruptedException {
        PeerLog log = new PeerLog(logger, SHORT, 100);

        long t0 = System.nanoTime();
        log.warn(A, "first");
        log.warn(A, "suppressed");
        long t1 = System.nanoTime();
        assumeTrue(t1 - t0 < SHORT, "the calls took longer than the interval: timing not testable here");
        sleepPast(t1, SHORT);
        log.warn(A, "second");
        long t2 = System.nanoTime();
        sleepPast(t2, SHORT); // nothing in this interval
        log.warn(A, "third");

        assertEquals(List.of("first", "second (and 1 more from this peer not logged)", "third"), logger.messages());
    }

    @Test
    void lineWithoutArgumentsGetsTheCountAsItsOnlyArgument() throws InterruptedException {
        PeerLog log = new PeerLog(logger, SHORT, 100);

        long t0 = System.nanoTime();
        log.warn(A, "junk");
        log.warn(A, "junk");
        long t1 = System.nanoTime();
        assumeTrue(t1 - t0 < SHORT, "the calls took longer than the interval: timing not testable here");
        sleepPast(t1, SHORT);
        log.warn(A, "junk");

        assertEquals(List.of("junk", "junk (and 1 more from this peer not logged)"), logger.messages());
    }

    @Test
    void peersAreCountedSeparately() {
        PeerLog log = new PeerLog(logger, HOUR, 100);

        log.warn(A, "from {}", "A");
        log.warn(B, "from {}", "B");
        log.warn(A, "from {}", "A");
        log.warn(B, "from {}", "B");
        log.warn(C, "from {}", "C");

        assertEquals(List.of("from A", "from B", "from C"), logger.messages());
    }

    @Test
    void leastRecentlySeenPeerIsForgottenFirst() {
        PeerLog log = new PeerLog(logger, HOUR, 2);

        log.warn(A, "A");
        log.warn(B, "B");
        log.warn(A, "A"); // suppressed, and A is now more recent than B
        log.warn(C, "C"); // a third peer: B, the least recently seen, is forgotten
        log.warn(A, "A"); // still remembered: suppressed
        log.warn(B, "B"); // forgotten: logged again as a first problem (and C is forgotten in turn)

        assertEquals(List.of("A", "B", "C", "B"), logger.messages());
    }

    @Test
    void zeroIntervalLogsEverything() {
        PeerLog log = new PeerLog(logger, 0, 100);

        for (int i = 0; i < 3; i++) {
            log.warn(A, "problem {}", i);
        }

        assertEquals(List.of("problem 0", "problem 1", "problem 2"), logger.messages());
    }
}
