package net.diskless.names.ldap.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import net.diskless.api.names.LookupResult;

/**
 * The last answers the server gave (entries and "no such entry"), kept to answer while it is down, for at most
 * {@code maxAgeNanos} after they were fetched. Least recently used go first when full.
 */
final class RecentAnswers {

    private record Kept(LookupResult<?> result, long fetchedAt) {
    }

    private final long maxAgeNanos;
    private final LongSupplier clock;
    private final Map<Object, Kept> entries;

    RecentAnswers(long maxAgeNanos, int capacity, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAgeNanos;
        this.clock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Kept> eldest) {
                return size() > Math.max(1, capacity);
            }
        };
    }

    void put(Object key, LookupResult<?> result) {
        if (maxAgeNanos <= 0 || result instanceof LookupResult.Unavailable<?>) {
            return;
        }
        synchronized (entries) {
            entries.put(key, new Kept(result, clock.getAsLong()));
        }
    }

    @SuppressWarnings("unchecked")
    <T> Optional<LookupResult<T>> get(Object key) {
        synchronized (entries) {
            Kept k = entries.get(key);
            if (k == null) {
                return Optional.empty();
            }
            if (clock.getAsLong() - k.fetchedAt > maxAgeNanos) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of((LookupResult<T>) k.result);
        }
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
