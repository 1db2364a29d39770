package net.diskless.directory.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.diskless.api.names.NameSource;
import org.osgi.framework.ServiceReference;

/**
 * The name sources running now, by name. Several services may claim one name (a replacement installed
 * beside the old bundle): the one with the highest service ranking wins, as OSGi orders services.
 * Binding and unbinding are thread-safe; lookups see a consistent snapshot.
 */
final class NameSources {

    private record Bound(ServiceReference<NameSource> ref, NameSource source) {
    }

    private final Map<ServiceReference<NameSource>, Bound> bound = new ConcurrentHashMap<>();
    private volatile Map<String, NameSource> byName = Map.of();

    void add(ServiceReference<NameSource> ref, NameSource source) {
        bound.put(ref, new Bound(ref, source));
        rebuild();
    }

    void remove(ServiceReference<NameSource> ref) {
        bound.remove(ref);
        rebuild();
    }

    Map<String, NameSource> snapshot() {
        return byName;
    }

    private synchronized void rebuild() {
        Map<String, NameSource> m = new HashMap<>();
        bound.values().stream()
                .sorted(Comparator.comparing((Bound b) -> b.ref).reversed()) // highest ranking first
                .forEach(b -> m.putIfAbsent(nameOf(b), b.source));
        byName = Map.copyOf(m);
    }

    private static String nameOf(Bound b) {
        Object p = b.ref.getProperty(NameSource.SOURCE_PROPERTY);
        if (p instanceof String s && !s.isBlank()) {
            return s;
        }
        try {
            return b.source.name();
        } catch (RuntimeException e) {
            return "unnamed";
        }
    }
}
