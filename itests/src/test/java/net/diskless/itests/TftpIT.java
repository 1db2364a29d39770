package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import net.diskless.api.events.BootEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * The TFTP bundle inside the appliance: it listens where its configuration says, posts boot events for a
 * transfer, and keeps serving while the directory bundle goes away. (Real clients are in e2e/.)
 */
class TftpIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ApplianceHome home;

    final List<Event> events = new CopyOnWriteArrayList<>();
    ServiceRegistration<EventHandler> handler;
    Path file;

    @AfterEach
    void tearDown() throws Exception {
        if (handler != null) {
            handler.unregister();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
        bundle("net.diskless.directory").start();
    }

    private InetSocketAddress tftp() throws InterruptedException {
        return Eventually.value("the tftp endpoint", Duration.ofSeconds(10), () -> {
            try {
                var refs = context.getServiceReferences(Endpoints.class, null);
                for (var ref : refs) {
                    for (Endpoint e : context.getService(ref).endpoints()) {
                        if (e.service().equals("tftp")) {
                            return e.address();
                        }
                    }
                }
                return null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(bsn + " not installed");
    }

    @Test
    void listensOnTheConfiguredLoopbackAddressAndAFreePort() throws Exception {
        InetSocketAddress a = tftp();
        assertEquals("127.0.0.1", a.getAddress().getHostAddress());
        assertTrue(a.getPort() > 0 && a.getPort() != 69, "port " + a.getPort());
    }

    @Test
    void aTransferPostsStartAndCompleteEvents() throws Exception {
        handler = context.registerService(EventHandler.class, events::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, "net/diskless/tftp/*")));
        byte[] content = new byte[3000];
        new Random(7).nextBytes(content);
        file = home.tftpboot().resolve("itest-boot.bin");
        Files.write(file, content);

        assertArrayEquals(content, read(tftp(), "itest-boot.bin"));

        Eventually.await("START and COMPLETE events", Duration.ofSeconds(10),
                () -> topics().containsAll(List.of(BootEvents.TFTP_START, BootEvents.TFTP_COMPLETE)));
        Event complete = events.stream().filter(e -> e.getTopic().equals(BootEvents.TFTP_COMPLETE)).findFirst().orElseThrow();
        assertEquals("itest-boot.bin", complete.getProperty(BootEvents.FILE));
        assertEquals(3000L, complete.getProperty(BootEvents.BYTES));
        assertEquals("127.0.0.1", complete.getProperty(BootEvents.IP));
    }

    @Test
    void keepsServingWhileTheDirectoryIsStopped() throws Exception {
        file = home.tftpboot().resolve("itest-nodir.bin");
        Files.writeString(file, "still here");
        bundle("net.diskless.directory").stop();
        assertEquals("still here", new String(read(tftp(), "itest-nodir.bin"), StandardCharsets.US_ASCII));
    }

    @Test
    void aMissingFileIsErrorOne() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            send(s, tftp(), rrq("no-such-file"));
            DatagramPacket p = receive(s);
            ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
            assertEquals(5, b.getShort());
            assertEquals(1, b.getShort());
        }
    }

    private List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }

    /** A lock-step RFC 1350 read: enough to drive the server from inside the framework. */
    private static byte[] read(InetSocketAddress server, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(5000);
            send(s, server, rrq(name));
            for (int expected = 1; expected < 10_000; expected++) {
                DatagramPacket p = receive(s);
                ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
                short opcode = b.getShort();
                int block = b.getShort() & 0xFFFF;
                if (opcode != 3) {
                    throw new AssertionError("error " + block + " for " + name);
                }
                assertEquals(expected, block);
                out.write(p.getData(), 4, p.getLength() - 4);
                send(s, (InetSocketAddress) p.getSocketAddress(), new byte[] {0, 4, (byte) (block >> 8), (byte) block});
                if (p.getLength() - 4 < 512) {
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("transfer did not end");
    }

    private static byte[] rrq(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(1);
        b.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes("octet".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        return b.toByteArray();
    }

    private static void send(DatagramSocket s, InetSocketAddress to, byte[] data) throws IOException {
        s.send(new DatagramPacket(data, data.length, to));
    }

    private static DatagramPacket receive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        s.receive(p);
        return p;
    }
}
