package net.diskless.dhcp.internal.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code perSecond} requests per client key in any one-second window, over a bounded number of keys
 * (least recently seen forgotten first), so random hardware addresses cannot grow it. Event loop only.
 */
final class ClientRate {

    private record Window(long start, int count) {
    }

    private final int perSecond;
    private final Map<Long, Window> windows;

    ClientRate(int perSecond, int maxClients) {
        this.perSecond = perSecond;
        this.windows = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Window> eldest) {
                return size() > maxClients;
            }
        };
    }

    boolean allow(long key, long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        Window w = windows.get(key);
        if (w == null || nowNanos - w.start >= 1_000_000_000L) {
            windows.put(key, new Window(nowNanos, 1));
            return true;
        }
        if (w.count >= perSecond) {
            return false;
        }
        windows.put(key, new Window(w.start, w.count + 1));
        return true;
    }
}
