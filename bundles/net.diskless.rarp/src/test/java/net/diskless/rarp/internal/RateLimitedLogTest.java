package net.diskless.rarp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class RateLimitedLogTest {

    /** An slf4j logger that keeps the formatted lines. */
    static final class Lines extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<String> lines = new ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String format, Object[] args, Throwable t) {
            lines.add(level + " " + MessageFormatter.basicArrayFormat(format, args));
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

    final Lines out = new Lines();
    long now;
    final long minute = TimeUnit.SECONDS.toNanos(60);
    final RateLimitedLog log = new RateLimitedLog(out, minute, 3, 4, () -> now);

    @Test
    void oncePerIntervalPerSenderThenCounted() {
        log.log(Level.WARN, "a", "bad {}", 1);
        log.log(Level.WARN, "a", "bad {}", 2);
        log.log(Level.WARN, "a", "bad {}", 3);
        assertEquals(List.of("WARN bad 1"), out.lines);
        now += minute;
        log.log(Level.WARN, "a", "bad {}", 4);
        assertEquals(List.of("WARN bad 1", "WARN bad 4 (2 similar lines not logged before this one)"), out.lines);
    }

    @Test
    void aFloodFromManySendersIsCappedPerInterval() {
        for (int i = 0; i < 10_000; i++) {
            log.log(Level.INFO, "sender" + i, "unknown {}", i);
        }
        assertEquals(4, out.lines.size(), out.lines::toString);
        now += minute;
        log.log(Level.INFO, "late", "unknown {}", "late");
        assertEquals("INFO unknown late (9996 similar lines not logged before this one)", out.lines.get(4));
    }
}
