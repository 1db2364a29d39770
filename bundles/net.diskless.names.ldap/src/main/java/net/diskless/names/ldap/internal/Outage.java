package net.diskless.names.ldap.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Whether the servers answer, and what to do while they do not. An outage is logged once when it starts and once
 * when it ends. While it lasts, only one lookup per retry interval goes to the network (the probe); every other
 * lookup answers at once from the recent answers or UNAVAIL, so a flood of DHCP requests never waits on a dead
 * server's timeout. Every change of state moves {@link #generation()} on, so the directory forgets what it cached.
 */
final class Outage {

    private final String source;
    private final Logger log;
    private final long retryNanos;
    private final LongSupplier clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean down;
    private volatile long downSince;
    private volatile long nextProbe;
    private volatile String reason = "";

    Outage(String source, Logger log, long retryMs, LongSupplier nanoClock) {
        this.source = source;
        this.log = log;
        this.retryNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, retryMs));
        this.clock = nanoClock;
    }

    /**
     * True if this lookup may ask the server: always while it is up; during an outage, for one lookup at a time once
     * the retry interval has passed. A true answer must be followed by {@link #succeeded} or {@link #failed}.
     */
    boolean mayAsk() {
        if (!down) {
            return true;
        }
        return clock.getAsLong() - nextProbe >= 0 && probing.compareAndSet(false, true);
    }

    void succeeded() {
        if (down) {
            synchronized (this) {
                if (down) {
                    down = false;
                    generation.incrementAndGet();
                    log.info("{}: server answers again after {} s", source,
                            TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - downSince));
                }
            }
        }
        probing.set(false);
    }

    void failed(String why) {
        synchronized (this) {
            nextProbe = clock.getAsLong() + retryNanos;
            reason = why;
            if (!down) {
                down = true;
                downSince = clock.getAsLong();
                generation.incrementAndGet();
                log.warn("{}: server unavailable ({}); answering from recent answers, else UNAVAIL, until it is back"
                        + " (logged once per outage)", source, why);
            }
        }
        probing.set(false);
    }

    boolean down() {
        return down;
    }

    String reason() {
        return reason;
    }

    long generation() {
        return generation.get();
    }
}
