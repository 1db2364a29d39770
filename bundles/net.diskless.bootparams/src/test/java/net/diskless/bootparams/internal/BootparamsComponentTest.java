package net.diskless.bootparams.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.diskless.api.events.BootEvents;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.HostEntry;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.api.rpc.RpcProtocol;
import net.diskless.api.rpc.RpcRegistration;
import net.diskless.api.rpc.RpcRegistry;
import net.diskless.bootparams.internal.logic.TestDirectory;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The component without a framework: it registers with the registry as it starts and withdraws as it stops, answers
 * over UDP, and posts a boot event for every question, answered or not.
 */
class BootparamsComponentTest {

    /** The registry as the portmapper bundle provides it, reduced to a list. */
    static final class ListRegistry implements RpcRegistry {
        final List<RpcMapping> mappings = new CopyOnWriteArrayList<>();

        @Override
        public RpcRegistration register(int program, int version, RpcProtocol protocol, int port, String owner) {
            RpcMapping m = new RpcMapping(program, version, protocol, port, owner);
            mappings.add(m);
            return new RpcRegistration() {
                @Override
                public RpcMapping mapping() {
                    return m;
                }

                @Override
                public void close() {
                    mappings.remove(m);
                }
            };
        }

        @Override
        public List<RpcMapping> mappings() {
            return List.copyOf(mappings);
        }
    }

    /** EventAdmin reduced to a queue. */
    static final class Events implements EventAdmin {
        final LinkedBlockingQueue<Event> posted = new LinkedBlockingQueue<>();

        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            posted.add(event);
        }
    }

    record Settings(String address, int port, boolean tcp, String domain, String router) implements BootparamsComponent.Config {
        @Override
        public Class<? extends Annotation> annotationType() {
            return BootparamsComponent.Config.class;
        }

        @Override
        public int maxRecordBytes() {
            return 8192;
        }

        @Override
        public int threads() {
            return 2;
        }

        @Override
        public int queuedCalls() {
            return 16;
        }

        @Override
        public int peerLogIntervalSeconds() {
            return 60;
        }
    }

    private static byte[] whoami(int xid, int a, int b, int c, int d) {
        return ByteBuffer.allocate(60).putInt(xid).putInt(0).putInt(2).putInt(100026).putInt(1).putInt(1)
                .putInt(0).putInt(0).putInt(0).putInt(0).putInt(1).putInt(a).putInt(b).putInt(c).putInt(d).array();
    }

    @Test
    void registersAnswersPostsEventsAndWithdraws() throws Exception {
        ListRegistry registry = new ListRegistry();
        Events events = new Events();
        BootparamsComponent component = new BootparamsComponent(registry, new Settings("127.0.0.1", 0, false, "dom", "10.0.0.254"));
        try {
            component.setEvents(events);
            component.setDirectory(new TestDirectory(
                    List.of(new HostEntry("client1", List.of(), List.of(InetAddress.getByName("10.0.0.2")))),
                    Map.of("client1", new BootParams("client1", List.of(new BootParam("root", "server:/r"))))));
            assertEquals(1, registry.mappings.size());
            RpcMapping m = registry.mappings.get(0);
            assertEquals(100026, m.program());
            assertEquals(RpcProtocol.UDP, m.protocol());
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                s.setSoTimeout(3000);
                InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), m.port());
                byte[] known = whoami(1, 10, 0, 0, 2);
                s.send(new DatagramPacket(known, known.length, to));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                s.receive(reply);
                assertTrue(reply.getLength() > 24);
                byte[] unknown = whoami(2, 10, 0, 0, 9);
                s.send(new DatagramPacket(unknown, unknown.length, to));
            }
            Event answered = events.posted.poll(3, TimeUnit.SECONDS);
            assertEquals(BootEvents.BOOTPARAMS_WHOAMI, answered.getTopic());
            assertEquals("client1", answered.getProperty(BootEvents.HOSTNAME));
            assertEquals("10.0.0.2", answered.getProperty(BootEvents.IP));
            assertEquals(true, answered.getProperty("answered"));
            Event silent = events.posted.poll(3, TimeUnit.SECONDS);
            assertEquals(BootEvents.BOOTPARAMS_WHOAMI, silent.getTopic());
            assertEquals(false, silent.getProperty("answered"));
            assertTrue(String.valueOf(silent.getProperty(BootEvents.REASON)).contains("no hosts entry for 10.0.0.9"));
        } finally {
            component.deactivate();
        }
        assertEquals(List.of(), registry.mappings(), "withdrawn on deactivation");
    }
}
