package net.diskless.rpc.internal.portmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.api.rpc.RpcProtocol;
import net.diskless.rpc.server.MismatchOnly;
import net.diskless.rpc.server.PeerLog;
import net.diskless.rpc.server.RpcServer;
import net.diskless.rpc.server.ServerSettings;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portmapper in process on 127.0.0.1 (free ports), with a real RPC service behind it for CALLIT: program
 * 300000 v1, procedure 1 answers its int argument plus one, procedure 2 never answers.
 */
class PortmapServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(PortmapServerTest.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TEST_PROGRAM = 300000;

    private final MappingTable table = new MappingTable();
    private final AtomicInteger xids = new AtomicInteger(1);
    private CallitForwarder forwarder;
    private RpcServer portmap;
    private RpcServer service;
    private int servicePort;

    @BeforeEach
    void start() throws IOException {
        RpcDispatchable plusOne = call -> {
            XdrInt arg = new XdrInt();
            call.retrieveCall(arg);
            if (call.getProcedure() == 1) {
                call.reply(new XdrInt(arg.intValue() + 1));
            }
        };
        service = RpcServer.start(settings("svc"), Map.of(new OncRpcProgram(TEST_PROGRAM, 1), plusOne), LOG);
        servicePort = service.udpAddress().orElseThrow().getPort();
        table.put(new RpcMapping(TEST_PROGRAM, 1, RpcProtocol.UDP, servicePort, "test"));
        forwarder = new CallitForwarder(LOOPBACK, 300, 2, 8);
        portmap = RpcServer.start(settings("portmap"), Map.of(), LOG);
        int own = portmap.udpAddress().orElseThrow().getPort();
        portmap.register(new OncRpcProgram(PortmapProgram.PROGRAM, 2), new PortmapProgram(table, forwarder, own,
                new PeerLog(LOG, TimeUnit.SECONDS.toNanos(60), 16), LOG, new PortmapProgram.CallitListener() {
                    @Override
                    public void forwarded(InetSocketAddress caller, CallitArgs call, int port) {
                    }

                    @Override
                    public void dropped(InetSocketAddress caller, CallitArgs call, String reason) {
                    }
                }));
        for (int v = 3; v <= 4; v++) {
            portmap.register(new OncRpcProgram(PortmapProgram.PROGRAM, v), new MismatchOnly(2, 2, Set.of(PortmapProgram.CALLIT)));
        }
        table.put(new RpcMapping(PortmapProgram.PROGRAM, 2, RpcProtocol.UDP, own, "net.diskless.rpc"));
    }

    private static ServerSettings settings(String name) {
        return new ServerSettings(name, LOOPBACK, 0, 0, 65536, 2, 64, TimeUnit.SECONDS.toNanos(60));
    }

    @AfterEach
    void stop() {
        portmap.close();
        service.close();
        forwarder.close();
    }

    /** One UDP call to the portmapper; the raw reply, or empty after {@code timeoutMs}. */
    private Optional<ByteBuffer> call(int version, int procedure, byte[] args, int timeoutMs) throws IOException {
        int xid = xids.incrementAndGet();
        byte[] message = ForwardCodec.call(xid, PortmapProgram.PROGRAM, version, procedure, args);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            s.setSoTimeout(timeoutMs);
            s.send(new DatagramPacket(message, message.length, portmap.udpAddress().orElseThrow()));
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(buf, p.getLength()));
            assertEquals(xid, b.getInt());
            return Optional.of(b);
        }
    }

    /** accept_stat of an accepted reply; the buffer is left at the results. */
    private static int acceptStat(ByteBuffer reply) {
        assertEquals(1, reply.getInt()); // REPLY
        assertEquals(0, reply.getInt()); // MSG_ACCEPTED
        reply.getInt(); // verifier flavor
        int verifierLength = reply.getInt();
        reply.position(reply.position() + ((verifierLength + 3) & ~3));
        return reply.getInt();
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    @Test
    void getportAnswersRegisteredPortsAndZeroOtherwise() throws IOException {
        ByteBuffer r = call(2, 3, ints(TEST_PROGRAM, 1, 17, 0), 2000).orElseThrow();
        assertEquals(0, acceptStat(r));
        assertEquals(servicePort, r.getInt());
        ByteBuffer tcp = call(2, 3, ints(TEST_PROGRAM, 1, 6, 0), 2000).orElseThrow();
        assertEquals(0, acceptStat(tcp));
        assertEquals(0, tcp.getInt());
    }

    @Test
    void dumpListsEveryMapping() throws IOException {
        ByteBuffer r = call(2, 4, new byte[0], 2000).orElseThrow();
        assertEquals(0, acceptStat(r));
        int entries = 0;
        boolean sawService = false;
        while (r.getInt() == 1) {
            int prog = r.getInt();
            int vers = r.getInt();
            int prot = r.getInt();
            int port = r.getInt();
            entries++;
            sawService |= prog == TEST_PROGRAM && vers == 1 && prot == 17 && port == servicePort;
        }
        assertEquals(2, entries);
        assertTrue(sawService);
    }

    @Test
    void setAndUnsetFromALocalProcess() throws IOException {
        ByteBuffer set = call(2, 1, ints(400000, 1, 17, 4242), 2000).orElseThrow();
        assertEquals(0, acceptStat(set));
        assertEquals(1, set.getInt());
        ByteBuffer again = call(2, 1, ints(400000, 1, 17, 4343), 2000).orElseThrow();
        assertEquals(0, acceptStat(again));
        assertEquals(0, again.getInt(), "a taken key is refused");
        assertEquals(4242, table.port(400000, 1, RpcProtocol.UDP));
        ByteBuffer unset = call(2, 2, ints(400000, 1, 0, 0), 2000).orElseThrow();
        assertEquals(0, acceptStat(unset));
        assertEquals(1, unset.getInt());
        assertEquals(0, table.port(400000, 1, RpcProtocol.UDP));
        ByteBuffer notOurs = call(2, 2, ints(TEST_PROGRAM, 1, 0, 0), 2000).orElseThrow();
        assertEquals(0, acceptStat(notOurs));
        assertEquals(0, notOurs.getInt(), "a bundle's registration is not a SET's to remove");
    }

    @Test
    void callitForwardsAndAnswersWithTheRealServicePort() throws IOException {
        byte[] args = ByteBuffer.allocate(20).putInt(TEST_PROGRAM).putInt(1).putInt(1).putInt(4).putInt(41).array();
        ByteBuffer r = call(2, 5, args, 3000).orElseThrow();
        assertEquals(0, acceptStat(r));
        assertEquals(servicePort, r.getInt());
        assertEquals(4, r.getInt());
        assertEquals(42, r.getInt());
    }

    @Test
    void callitStaysSilentWhenItCannotAnswer() throws IOException {
        // the service does not answer procedure 2; procedure 9 gets PROC_UNAVAIL from it; 555 is not registered;
        // the portmapper itself is never a target
        for (int[] target : new int[][] {{TEST_PROGRAM, 1, 2}, {TEST_PROGRAM, 1, 9}, {555, 1, 0}, {TEST_PROGRAM, 2, 1},
                {PortmapProgram.PROGRAM, 2, 0}}) {
            byte[] args = ByteBuffer.allocate(20).putInt(target[0]).putInt(target[1]).putInt(target[2]).putInt(4)
                    .putInt(1).array();
            assertFalse(call(2, 5, args, 800).isPresent(), () -> "an answer for " + Arrays.toString(target));
        }
        assertTrue(call(2, 0, new byte[0], 2000).isPresent(), "still answering");
    }

    @Test
    void rpcbindVersionsGetMismatchExceptTheirCallit() throws IOException {
        for (int v = 3; v <= 4; v++) {
            ByteBuffer r = call(v, 3, new byte[0], 2000).orElseThrow();
            assertEquals(2, acceptStat(r)); // PROG_MISMATCH
            assertEquals(2, r.getInt());
            assertEquals(2, r.getInt());
            assertFalse(call(v, 5, ints(TEST_PROGRAM, 1, 1, 4, 1), 500).isPresent());
        }
        ByteBuffer v9 = call(9, 0, new byte[0], 2000).orElseThrow();
        assertEquals(2, acceptStat(v9));
        assertEquals(2, v9.getInt());
        assertEquals(2, v9.getInt(), "the versions really served, not the refused ones");
        ByteBuffer proc = call(2, 77, new byte[0], 2000).orElseThrow();
        assertEquals(3, acceptStat(proc)); // PROC_UNAVAIL
    }

    @Test
    void closingStopsEveryThreadItStarted() throws Exception {
        long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("diskless-x-")).count();
        assertEquals(0, before);
        RpcServer s = RpcServer.start(new ServerSettings("x", LOOPBACK, 0, 0, 1024, 2, 8, 1), Map.of(), LOG);
        s.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("diskless-x-")).count();
            Thread.sleep(20);
        } while (left > 0 && System.nanoTime() < deadline);
        assertEquals(0, left);
    }

    @Test
    void aPortInUseFailsCleanly() throws IOException {
        int taken = portmap.udpAddress().orElseThrow().getPort();
        ServerSettings clash = new ServerSettings("clash", LOOPBACK, -1, taken, 1024, 1, 8, 1);
        try {
            RpcServer.start(clash, Map.of(), LOG).close();
            // SO_REUSEADDR on UDP may let the bind succeed on some kernels; then it must still close cleanly
        } catch (IOException expected) {
            assertTrue(expected.getMessage() != null || expected.getCause() != null);
        }
    }
}
