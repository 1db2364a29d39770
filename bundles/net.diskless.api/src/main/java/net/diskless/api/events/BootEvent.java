package net.diskless.api.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import net.diskless.api.MacAddress;
import org.osgi.service.event.Event;

/**
 * A boot step about to be posted: a topic from {@link BootEvents} and its properties. Built with
 * {@link #on(String)} so protocols write {@code BootEvent.on(TFTP_COMPLETE).ip(ip).file(f).bytes(n).toEvent()}.
 */
public final class BootEvent {

    private final String topic;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private BootEvent(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        properties.put(BootEvents.TIMESTAMP, System.currentTimeMillis());
    }

    public static BootEvent on(String topic) {
        return new BootEvent(topic);
    }

    public BootEvent mac(MacAddress mac) {
        return with(BootEvents.MAC, mac.toString());
    }

    public BootEvent ip(java.net.InetAddress ip) {
        return with(BootEvents.IP, ip.getHostAddress());
    }

    public BootEvent peer(java.net.InetSocketAddress peer) {
        return with(BootEvents.PEER, peer.getAddress().getHostAddress() + ":" + peer.getPort());
    }

    public BootEvent hostname(String name) {
        return with(BootEvents.HOSTNAME, name);
    }

    public BootEvent file(String file) {
        return with(BootEvents.FILE, file);
    }

    public BootEvent bytes(long bytes) {
        return with(BootEvents.BYTES, bytes);
    }

    public BootEvent durationMs(long ms) {
        return with(BootEvents.DURATION_MS, ms);
    }

    public BootEvent reason(String reason) {
        return with(BootEvents.REASON, reason);
    }

    public BootEvent with(String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
        return this;
    }

    public String topic() {
        return topic;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    public Event toEvent() {
        return new Event(topic, properties);
    }
}
