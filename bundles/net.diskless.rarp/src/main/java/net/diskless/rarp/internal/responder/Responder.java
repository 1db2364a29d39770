package net.diskless.rarp.internal.responder;

import java.io.IOException;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.diskless.api.MacAddress;
import net.diskless.rarp.internal.codec.RarpCodec;
import net.diskless.rarp.internal.codec.RarpFrame;

/**
 * The RARP decision, after the Sun boot server: look the asked-for Ethernet address up (ethers, then hosts);
 * unknown addresses are never answered. When this server can boot the client (a boot file for its hex IP),
 * answer at once; otherwise answer after a delay (or never, or at once, by {@link Policy}), so the server
 * that can boot it answers first. A client that repeats its request while a delayed reply is pending gets
 * that one reply, not one per request. Replies come from the interface the request came in on: its Ethernet
 * address and its IPv4 address on the client's subnet (none there: no reply, the client could not use it).
 *
 * <p>Thread-safe: captures call {@link #onRequest} from their threads, the scheduler runs delayed replies.
 */
public final class Responder {

    /** Settings the component reads from its configuration. */
    public record Settings(Policy policy, long delayMillis, int maxPending) {
        public Settings {
            Objects.requireNonNull(policy, "policy");
            if (delayMillis < 0 || maxPending < 0) {
                throw new IllegalArgumentException("negative delay or bound");
            }
        }
    }

    private record Key(String link, MacAddress mac) {
    }

    /** A delayed reply not sent yet, and how many later requests it stands for. */
    private static final class Pending {
        final Reply reply;
        Scheduler.Task task;
        int absorbed;

        Pending(Reply reply) {
            this.reply = reply;
        }
    }

    private record Reply(Link link, MacAddress mac, Listener.Reply answer) {
    }

    private final Settings settings;
    private final Clients clients;
    private final Scheduler scheduler;
    private final Listener listener;
    private final Map<Key, Pending> pending = new HashMap<>();
    private boolean closed;

    public Responder(Settings settings, Clients clients, Scheduler scheduler, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A reverse request arrived on {@code link}. */
    public void onRequest(Link link, RarpFrame request) {
        listener.requestSeen(link, request);
        MacAddress mac = request.targetMac(); // RFC 903: the address whose IP is asked for
        Clients.Identity identity = clients.identify(mac);
        if (identity instanceof Clients.Unknown unknown) {
            listener.unknown(link, mac, unknown.reason());
            return;
        }
        Clients.Known known = (Clients.Known) identity;
        Optional<Ipv4Net> local = link.addresses().get().stream().filter(n -> n.contains(known.ip())).findFirst();
        if (local.isEmpty()) {
            listener.notAnswered(link, mac, known.hostname() + " is " + known.ip().getHostAddress()
                    + ", not on a subnet of " + link.name() + " " + link.addresses().get());
            return;
        }
        Inet4Address serverIp = local.get().address();
        byte[] frame = RarpCodec.reply(request, link.mac(), serverIp, known.ip());
        Optional<String> bootFile = clients.bootFile(known.ip());
        Key key = new Key(link.name(), mac);
        if (bootFile.isPresent() || settings.policy() == Policy.IMMEDIATELY) {
            String why = bootFile.map(f -> "boot file " + f).orElse("no boot file, answered at once by policy");
            cancelPending(key);
            send(new Reply(link, mac, new Listener.Reply(known.hostname(), known.ip(), serverIp, why, frame)), 0, 0);
            return;
        }
        if (settings.policy() == Policy.NEVER) {
            listener.notAnswered(link, mac, "no boot file for " + known.hostname() + " (" + known.ip().getHostAddress()
                    + "), and the policy is never to answer then");
            return;
        }
        Reply reply = new Reply(link, mac, new Listener.Reply(known.hostname(), known.ip(), serverIp, "no boot file", frame));
        schedule(key, reply);
    }

    private enum Outcome { SCHEDULED, ABSORBED, FULL, CLOSED }

    private void schedule(Key key, Reply reply) {
        Outcome outcome;
        synchronized (this) {
            Pending already = pending.get(key);
            if (closed) {
                outcome = Outcome.CLOSED;
            } else if (already != null) {
                already.absorbed++;
                outcome = Outcome.ABSORBED;
            } else if (pending.size() >= settings.maxPending()) {
                outcome = Outcome.FULL;
            } else {
                Pending p = new Pending(reply);
                pending.put(key, p);
                // Scheduled under the lock, so the task cannot run before it is recorded; it takes the lock itself.
                p.task = scheduler.schedule(() -> fire(key, p), settings.delayMillis());
                outcome = Outcome.SCHEDULED;
            }
        }
        switch (outcome) {
            case SCHEDULED, ABSORBED -> listener.delayed(reply.link(), key.mac(), reply.answer(), settings.delayMillis(),
                    outcome == Outcome.ABSORBED);
            case FULL -> listener.notAnswered(reply.link(), key.mac(),
                    "more than " + settings.maxPending() + " delayed replies pending");
            case CLOSED -> listener.notAnswered(reply.link(), key.mac(), "RARP is stopping");
        }
    }

    private void fire(Key key, Pending p) {
        int absorbed;
        synchronized (this) {
            if (pending.get(key) != p) {
                return; // cancelled (answered at once meanwhile) or closed
            }
            pending.remove(key);
            absorbed = p.absorbed;
        }
        send(p.reply, settings.delayMillis(), absorbed);
    }

    private void cancelPending(Key key) {
        Pending p;
        synchronized (this) {
            p = pending.remove(key);
        }
        if (p != null && p.task != null) {
            p.task.cancel();
        }
    }

    private void send(Reply r, long delayMillis, int absorbed) {
        try {
            r.link().sender().send(r.answer().frame());
        } catch (IOException | RuntimeException e) {
            listener.notAnswered(r.link(), r.mac(), "cannot send the reply on " + r.link().name() + ": " + e.getMessage());
            return;
        }
        listener.replied(r.link(), r.mac(), r.answer(), delayMillis, absorbed);
    }

    /** Delayed replies waiting now. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Cancels every delayed reply; later requests are still answered at once or dropped, never scheduled. */
    public void close() {
        Map<Key, Pending> all;
        synchronized (this) {
            closed = true;
            all = new HashMap<>(pending);
            pending.clear();
        }
        all.values().forEach(p -> {
            if (p.task != null) {
                p.task.cancel();
            }
        });
    }
}
