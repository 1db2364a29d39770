package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records every listener call, from any thread, so tests can wait for and assert on them. */
final class RecordingListener implements TransferListener {

    enum Kind { STARTED, OPTIONS_ACKNOWLEDGED, COMPLETED, PROBED, FAILED, REFUSED }

    /**
     * One call. {@code text} is the rule (STARTED) or the reason (FAILED, REFUSED); {@code options} the request's
     * options (STARTED) or the OACK (OPTIONS_ACKNOWLEDGED); {@code bytes} the byte count (COMPLETED), else -1.
     */
    record Event(Kind kind, InetSocketAddress peer, String requested, String text, Map<String, String> options,
                 long bytes) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void started(InetSocketAddress peer, String requested, String resolvedRule, Map<String, String> options) {
        events.add(new Event(Kind.STARTED, peer, requested, resolvedRule, Map.copyOf(options), -1));
    }

    @Override
    public void optionsAcknowledged(InetSocketAddress peer, String requested, Map<String, String> oack) {
        events.add(new Event(Kind.OPTIONS_ACKNOWLEDGED, peer, requested, "", Map.copyOf(oack), -1));
    }

    @Override
    public void completed(InetSocketAddress peer, String requested, long bytes, long durationMillis) {
        events.add(new Event(Kind.COMPLETED, peer, requested, "", Map.of(), bytes));
    }

    @Override
    public void probed(InetSocketAddress peer, String requested) {
        events.add(new Event(Kind.PROBED, peer, requested, "", Map.of(), -1));
    }

    @Override
    public void failed(InetSocketAddress peer, String requested, String reason) {
        events.add(new Event(Kind.FAILED, peer, requested, reason, Map.of(), -1));
    }

    @Override
    public void refused(InetSocketAddress peer, String requested, String reason) {
        events.add(new Event(Kind.REFUSED, peer, requested, reason, Map.of(), -1));
    }

    List<Event> all() {
        return List.copyOf(events);
    }

    List<Event> of(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    /** Waits (bounded) for the first event of {@code kind}. */
    Event await(Kind kind, Duration timeout) {
        return await(e -> e.kind() == kind, timeout, kind.toString());
    }

    Event await(Predicate<Event> what, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Event e : events) {
                if (what.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("no " + description + " event within " + timeout + "; events: " + events);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
