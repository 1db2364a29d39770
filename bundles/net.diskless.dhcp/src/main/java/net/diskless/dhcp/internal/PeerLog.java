package net.diskless.dhcp.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a peer's bad requests once per interval: the first with its reason, the rest only counted and
 * reported with the next line, so a flood of junk cannot flood the log. Remembers a bounded number of
 * peers (least recently seen forgotten first).
 */
final class PeerLog {

    private record Seen(long until, int suppressed) {
    }

    private final Logger log;
    private final long intervalNanos;
    private final int maxPeers;
    private final Map<InetAddress, Seen> peers;

    PeerLog(Logger log, long intervalNanos, int maxPeers) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.maxPeers = maxPeers;
        this.peers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Seen> eldest) {
                return size() > PeerLog.this.maxPeers;
            }
        };
    }

    synchronized void warn(InetAddress peer, String format, Object... args) {
        long now = System.nanoTime();
        Seen seen = peers.get(peer);
        if (seen != null && now - seen.until < 0) {
            peers.put(peer, new Seen(seen.until, seen.suppressed + 1));
            return;
        }
        int suppressed = seen == null ? 0 : seen.suppressed;
        peers.put(peer, new Seen(now + intervalNanos, 0));
        if (suppressed > 0) {
            log.warn(format + " (and {} more from this peer not logged)", append(args, suppressed));
        } else {
            log.warn(format, args);
        }
    }

    private static Object[] append(Object[] args, Object extra) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
