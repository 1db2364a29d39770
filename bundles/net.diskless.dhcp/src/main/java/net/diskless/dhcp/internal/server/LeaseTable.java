package net.diskless.dhcp.internal.server;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import net.diskless.api.leases.Lease;
import net.diskless.dhcp.internal.codec.Ipv4;

/**
 * Who holds which pool address: leases (bound, released, declined, from the store) and offers (in memory
 * only, held for a short while). Confined to one thread, the server's event loop. Offers are never a
 * promise: when a pool has no free address, the oldest offer is taken back, so a flood of DISCOVERs cannot
 * starve clients that go on to REQUEST.
 */
final class LeaseTable {

    enum State { OFFERED, BOUND, RELEASED, DECLINED }

    /** What the table knows about one address. */
    record Entry(int ip, String clientId, State state, long expiresMillis, Lease lease) {
        boolean holds(long now) {
            return (state == State.BOUND || state == State.DECLINED || state == State.OFFERED) && expiresMillis > now;
        }
    }

    /** How far one allocation scans a pool before it takes back an offer instead: keeps a DISCOVER O(1). */
    static final int SCAN_WINDOW = 256;
    /** After a full scan found a pool full of leases, how long before the next full scan. */
    static final long FULL_RETRY_MILLIS = 1000;

    private final Map<Integer, Entry> byIp = new HashMap<>();
    private final Map<String, Entry> byClient = new HashMap<>();
    private final Map<Subnet.Range, Long> cursor = new HashMap<>();
    /** Offers oldest first; entries that are no longer current are skipped when taken. */
    private final ArrayDeque<Entry> offers = new ArrayDeque<>();
    private final Map<Subnet, Long> fullUntil = new HashMap<>();

    void load(Collection<Lease> leases) {
        for (Lease l : leases) {
            State s = switch (l.state()) {
                case BOUND -> State.BOUND;
                case RELEASED -> State.RELEASED;
                case DECLINED -> State.DECLINED;
            };
            put(new Entry(Ipv4.of(l.address()), l.clientId(), s, l.expires().toEpochMilli(), l));
        }
    }

    int size() {
        return byIp.size();
    }

    Entry byIp(int ip) {
        return byIp.get(ip);
    }

    Entry byClient(String clientId) {
        return byClient.get(clientId);
    }

    void put(Entry e) {
        Entry old = byIp.put(e.ip(), e);
        if (old != null && !old.clientId().equals(e.clientId()) && byClient.get(old.clientId()) == old) {
            byClient.remove(old.clientId());
        }
        Entry previous = byClient.get(e.clientId());
        if (previous != null && previous.ip() != e.ip() && byIp.get(previous.ip()) == previous
                && previous.state() == State.OFFERED) {
            byIp.remove(previous.ip()); // a client holds one offer at a time
        }
        if (!e.clientId().isEmpty()) {
            byClient.put(e.clientId(), e);
        }
        if (e.state() == State.OFFERED) {
            offers.addLast(e);
            if (offers.size() > 2 * byIp.size() + 1024) { // only stale entries can make it this long
                offers.removeIf(o -> byIp.get(o.ip()) != o);
            }
        }
    }

    private boolean current(Entry e) {
        return byIp.get(e.ip()) == e;
    }

    /** Drops an offer (the client chose another server, or the offer ran out). */
    void forgetOffer(String clientId) {
        Entry e = byClient.get(clientId);
        if (e != null && e.state() == State.OFFERED) {
            byClient.remove(clientId);
            byIp.remove(e.ip());
        }
    }

    /** Whether {@code ip} may go to {@code clientId} now. */
    boolean freeFor(int ip, String clientId, long now) {
        Entry e = byIp.get(ip);
        return e == null || e.clientId().equals(clientId) || !e.holds(now);
    }

    /**
     * An address of {@code subnet}'s pools for {@code clientId}: the one it has or had, else {@code requested}
     * when free, else the next free one, else the oldest offer taken back. {@code reserved} tells addresses
     * that belong to static hosts (never handed out dynamically). 0 when the pools are full of leases.
     */
    int allocate(Subnet subnet, String clientId, int requested, long now, IntPredicate reserved) {
        Entry mine = byClient.get(clientId);
        if (mine != null && subnet.inPool(mine.ip()) && mine.state() != State.DECLINED && !reserved.test(mine.ip())) {
            return mine.ip();
        }
        if (requested != 0 && subnet.inPool(requested) && freeFor(requested, clientId, now) && !reserved.test(requested)) {
            return requested;
        }
        // A window of the pools from the cursor: a free address is usually right there.
        int ip = scan(subnet, clientId, now, reserved, SCAN_WINDOW);
        if (ip != 0) {
            return ip;
        }
        // The oldest offer of this subnet's pools goes back (offers are no promise), oldest first.
        for (var it = offers.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!current(e) || e.state() != State.OFFERED) {
                it.remove();
                continue;
            }
            if (subnet.inPool(e.ip()) && !reserved.test(e.ip())) {
                it.remove();
                forgetOffer(e.clientId());
                return e.ip();
            }
        }
        // No offers to take back: look through everything, but not again and again while the pool is full.
        Long until = fullUntil.get(subnet);
        if (until != null && now < until) {
            return 0;
        }
        ip = scan(subnet, clientId, now, reserved, Long.MAX_VALUE);
        if (ip == 0) {
            fullUntil.put(subnet, now + FULL_RETRY_MILLIS);
        }
        return ip;
    }

    /** At most {@code limit} addresses from each pool's cursor; the cursor moves past what was looked at. */
    private int scan(Subnet subnet, String clientId, long now, IntPredicate reserved, long limit) {
        for (Subnet.Range r : subnet.pools()) {
            long size = r.size();
            long start = cursor.getOrDefault(r, 0L);
            long n = Math.min(size, limit);
            for (long k = 0; k < n; k++) {
                long off = (start + k) % size;
                int ip = (int) (Integer.toUnsignedLong(r.first()) + off);
                if (freeFor(ip, clientId, now) && !reserved.test(ip)) {
                    cursor.put(r, (off + 1) % size);
                    return ip;
                }
            }
            cursor.put(r, (start + n) % size);
        }
        return 0;
    }
}
