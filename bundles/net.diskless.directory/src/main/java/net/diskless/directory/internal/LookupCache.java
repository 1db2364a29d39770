package net.diskless.directory.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.diskless.api.directory.Answer;

/**
 * Recent answers, each kept until its time to live runs out or until the sources that produced it
 * change: a different set of running sources, or a source whose {@code generation()} moved on (a file
 * reloaded). Negative answers are cached as well: a flood of requests from unknown MACs must not reach
 * NIS or LDAP once per packet. Least recently used entries go first when full.
 */
final class LookupCache {

    /**
     * What a cached answer depended on: the chain as nsswitch.conf gives it (sources and actions), the
     * running source objects (by identity) and their generations.
     */
    record Fingerprint(Object chain, List<Object> sources, List<Long> generations) {
    }

    record Key(String query, Object key) {
    }

    private record Cached(Answer<?> answer, long expiresAt, Fingerprint fingerprint) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final Map<Key, Cached> entries;

    LookupCache(long ttlNanos, int capacity, LongSupplier nanoClock) {
        this.ttlNanos = ttlNanos;
        this.clock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    @SuppressWarnings("unchecked")
    <T> Answer<T> get(Key key, Fingerprint fingerprint, Supplier<Answer<T>> compute) {
        if (ttlNanos <= 0) {
            return compute.get();
        }
        long now = clock.getAsLong();
        synchronized (entries) {
            Cached e = entries.get(key);
            if (e != null && e.expiresAt - now > 0 && e.fingerprint.equals(fingerprint)) {
                return (Answer<T>) e.answer;
            }
        }
        // Computed outside the lock: a slow NIS server must not block answers from the cache.
        Answer<T> answer = compute.get();
        synchronized (entries) {
            entries.put(key, new Cached(answer, now + ttlNanos, fingerprint));
        }
        return answer;
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
