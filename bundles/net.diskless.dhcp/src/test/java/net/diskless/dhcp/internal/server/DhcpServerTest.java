package net.diskless.dhcp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import net.diskless.api.leases.Lease;
import net.diskless.api.leases.LeaseStore;
import net.diskless.dhcp.internal.codec.DhcpCodec;
import net.diskless.dhcp.internal.codec.DhcpMessage;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.codec.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport on loopback: replies go to 127.0.0.1 and this test's port instead of a broadcast. */
@Timeout(60)
class DhcpServerTest {

    /** A store whose writes complete only when the test says so. */
    static final class HeldStore implements LeaseStore {
        final LinkedBlockingQueue<CompletableFuture<Lease>> pending = new LinkedBlockingQueue<>();
        final List<Lease> stored = new CopyOnWriteArrayList<>();

        @Override
        public Collection<Lease> leases() {
            return List.of();
        }

        @Override
        public CompletionStage<Lease> store(Lease lease) {
            CompletableFuture<Lease> f = new CompletableFuture<>();
            f.thenRun(() -> stored.add(lease));
            pending.add(f);
            return f;
        }
    }

    static final class Recorder implements DhcpListener {
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        @Override
        public void received(DhcpMessage request, InetSocketAddress peer) {
        }

        @Override
        public void replied(DhcpMessage request, Decision.Summary summary, InetSocketAddress to) {
        }

        @Override
        public void recorded(Lease lease, String what) {
        }

        @Override
        public void refused(InetSocketAddress peer, String reason) {
            refused.add(reason);
        }

        @Override
        public void failed(String what) {
            failed.add(what);
        }
    }

    private DhcpServer server;
    private DatagramSocket client;
    private final HeldStore store = new HeldStore();
    private final Recorder listener = new Recorder();

    private InetSocketAddress start(int perClientRate) throws IOException {
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setSoTimeout(2000);
        int loopback = Ipv4.parse("127.0.0.1");
        Settings s = new Settings(() -> List.of(new Settings.Local(loopback, 8)),
                List.of(Subnet.parse("127.0.0.0/8 pool=127.0.0.100-127.0.0.101")), 0, loopback, client.getLocalPort(), 67,
                16, true, 3600, 86400, 30, 600, "", 0, "", Map.of(), "", false, 0, false);
        Responder responder = new Responder(s, Hosts.NONE, List.of(), System::currentTimeMillis);
        server = new DhcpServer(new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0,
                perClientRate), responder, store, listener);
        return server.localAddresses().get(0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private void send(InetSocketAddress to, byte[] bytes) throws IOException {
        client.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private void send(InetSocketAddress to, DhcpMessage m) throws IOException {
        send(to, DhcpCodec.encode(m, 548, 548).bytes());
    }

    private DhcpMessage receive() throws Exception {
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            client.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return DhcpCodec.decode(buf, p.getLength());
    }

    @Test
    void theAckWaitsForTheLeaseToBeDurable() throws Exception {
        InetSocketAddress server = start(0);
        send(server, Clients.discover(9));
        DhcpMessage offer = receive();
        assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
        send(server, Clients.select(9, offer.yiaddr(), Ipv4.parse("127.0.0.1")));
        CompletableFuture<Lease> write = store.pending.take();
        client.setSoTimeout(500);
        assertNull(receive(), "no ACK before the store said the lease is durable");
        write.complete(null);
        client.setSoTimeout(2000);
        DhcpMessage ack = receive();
        assertEquals(MessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(offer.yiaddr(), ack.yiaddr());
        assertEquals(1, store.stored.size());
    }

    @Test
    void aLeaseTheStoreCannotKeepIsNotAcknowledgedNorGiven() throws Exception {
        InetSocketAddress server = start(0);
        send(server, Clients.discover(9));
        DhcpMessage offer = receive();
        send(server, Clients.select(9, offer.yiaddr(), Ipv4.parse("127.0.0.1")));
        store.pending.take().completeExceptionally(new IOException("disk full"));
        client.setSoTimeout(500);
        assertNull(receive());
        assertTrue(listener.failed.stream().anyMatch(f -> f.contains("not acknowledged") && f.contains("disk full")),
                listener.failed.toString());
    }

    @Test
    void junkIsRefusedWithAReasonAndTheServerGoesOn() throws Exception {
        InetSocketAddress server = start(0);
        Random r = new Random(951);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[r.nextInt(600)];
            r.nextBytes(junk);
            send(server, junk);
        }
        send(server, new byte[0]);
        send(server, Clients.discover(9));
        DhcpMessage offer = receive();
        while (offer != null && offer.xid() != Clients.discover(9).xid()) {
            offer = receive(); // a random datagram may have been a valid request
        }
        assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
        assertTrue(listener.refused.stream().anyMatch(s -> s.startsWith("truncated")), listener.refused.toString());
    }

    @Test
    void oneClientCannotSendMoreThanItsRate() throws Exception {
        InetSocketAddress server = start(5);
        for (int i = 0; i < 50; i++) {
            send(server, Clients.discover(9));
        }
        int offers = 0;
        client.setSoTimeout(500);
        while (receive() != null) {
            offers++;
        }
        assertTrue(offers >= 1 && offers <= 10, offers + " offers");
        assertTrue(listener.refused.stream().anyMatch(s -> s.contains("requests per second")));
    }
}
