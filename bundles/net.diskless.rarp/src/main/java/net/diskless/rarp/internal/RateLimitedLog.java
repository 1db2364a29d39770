package net.diskless.rarp.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs what a sender does wrong once per interval per sender (the first line with its reason, the rest only
 * counted), and at most {@code linesPerInterval} such lines in all: a flood from ten thousand forged
 * addresses must not flood the log either. Suppressed lines are counted in the next line written.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final int maxKeys;
    private final int linesPerInterval;
    private final LongSupplier clock;
    private final Map<Object, Long> quietUntil;
    private long windowStart;
    private int linesInWindow;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalNanos, int maxKeys, int linesPerInterval, LongSupplier clock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.maxKeys = maxKeys;
        this.linesPerInterval = linesPerInterval;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
        this.quietUntil = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Long> eldest) {
                return size() > RateLimitedLog.this.maxKeys;
            }
        };
    }

    /** Logs at {@code level} unless {@code key} was logged within the interval or the overall budget is spent. */
    void log(Level level, Object key, String format, Object... args) {
        long more;
        synchronized (this) {
            long now = clock.getAsLong();
            Long until = quietUntil.get(key);
            if (now - windowStart >= intervalNanos) {
                windowStart = now;
                linesInWindow = 0;
            }
            if ((until != null && now - until < 0) || linesInWindow >= linesPerInterval) {
                suppressed++;
                return;
            }
            quietUntil.put(key, now + intervalNanos);
            linesInWindow++;
            more = suppressed;
            suppressed = 0;
        }
        if (more > 0) {
            Object[] all = Arrays.copyOf(args, args.length + 1);
            all[args.length] = more;
            log.atLevel(level).log(format + " ({} similar lines not logged before this one)", all);
        } else {
            log.atLevel(level).log(format, args);
        }
    }
}
