package net.diskless.rarp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.diskless.api.MacAddress;
import net.diskless.api.events.BootEvents;
import net.diskless.rarp.internal.codec.Decoded;
import net.diskless.rarp.internal.codec.RarpCodec;
import net.diskless.rarp.internal.responder.Ipv4Net;
import net.diskless.rarp.internal.responder.Link;
import net.diskless.rarp.internal.responder.Listener;
import net.diskless.rarp.internal.responder.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** The boot events RARP posts, with RARP off (enabled = false) so no capture is opened. */
class RarpComponentEventsTest {

    static final MacAddress CLIENT = MacAddress.parse("52:54:00:aa:bb:01");

    /** The configuration with RARP off and every other attribute at its default. */
    static final RarpComponent.Config OFF = new RarpComponent.Config() {
        @Override public Class<? extends Annotation> annotationType() { return RarpComponent.Config.class; }
        @Override public boolean enabled() { return false; }
        @Override public String[] interfaces() { return new String[0]; }
        @Override public Policy withoutBootFile() { return Policy.DELAY; }
        @Override public long delayMs() { return 3000; }
        @Override public int maxPending() { return 1024; }
        @Override public int snaplen() { return 128; }
        @Override public int readTimeoutMs() { return 250; }
        @Override public int bufferBytes() { return 1 << 20; }
        @Override public boolean promiscuous() { return false; }
        @Override public int logIntervalSeconds() { return 60; }
    };

    /** EventAdmin as the component sees it: every posted event kept. */
    static final class Posted implements EventAdmin {
        final List<Event> events = new ArrayList<>();

        @Override
        public void postEvent(Event event) {
            events.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            events.add(event);
        }
    }

    final RarpComponent component = new RarpComponent(OFF);
    final Posted posted = new Posted();
    final Link br0;

    RarpComponentEventsTest() throws Exception {
        Ipv4Net address = new Ipv4Net((Inet4Address) InetAddress.getByName("10.99.0.1"), 24);
        br0 = new Link("br0", MacAddress.parse("02:00:00:00:00:01"), () -> List.of(address), frame -> { });
        component.setEvents(posted);
    }

    @AfterEach
    void stop() {
        component.deactivate();
    }

    Listener.Reply reply(String why) throws Exception {
        return new Listener.Reply("client1", (Inet4Address) InetAddress.getByName("10.99.0.2"),
                (Inet4Address) InetAddress.getByName("10.99.0.1"), why, new byte[60]);
    }

    @Test
    void offMeansNoEndpoints() {
        assertEquals(List.of(), component.endpoints());
    }

    @Test
    void requestSeen() {
        component.requestSeen(br0, ((Decoded.Request) RarpCodec.decode(RarpCodec.request(CLIENT))).frame());
        Event e = posted.events.get(0);
        assertEquals(BootEvents.RARP_REQUEST, e.getTopic());
        assertEquals("52:54:00:aa:bb:01", e.getProperty(BootEvents.MAC));
        assertEquals("br0", e.getProperty("interface"));
    }

    @Test
    void unknownAddress() {
        component.unknown(br0, CLIENT, "files NOTFOUND");
        Event e = posted.events.get(0);
        assertEquals(BootEvents.RARP_UNKNOWN, e.getTopic());
        assertEquals("52:54:00:aa:bb:01", e.getProperty(BootEvents.MAC));
        assertEquals("files NOTFOUND", e.getProperty(BootEvents.REASON));
    }

    @Test
    void immediateAndDelayedReplies() throws Exception {
        component.replied(br0, CLIENT, reply("boot file tftpboot/0A630002"), 0, 0);
        component.replied(br0, CLIENT, reply("no boot file"), 3000, 2);
        Event now = posted.events.get(0);
        Event later = posted.events.get(1);
        assertEquals(BootEvents.RARP_REPLY, now.getTopic());
        assertEquals("10.99.0.2", now.getProperty(BootEvents.IP));
        assertEquals("client1", now.getProperty(BootEvents.HOSTNAME));
        assertEquals("10.99.0.1", now.getProperty("server"));
        assertEquals(false, now.getProperty("delayed"));
        assertEquals("boot file tftpboot/0A630002", now.getProperty(BootEvents.REASON));
        assertEquals(true, later.getProperty("delayed"));
        assertEquals(3000L, later.getProperty(BootEvents.DURATION_MS));
        assertTrue(later.getProperty(BootEvents.TIMESTAMP) instanceof Long);
    }
}
