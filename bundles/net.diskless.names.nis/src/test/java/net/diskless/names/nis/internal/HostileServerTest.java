package net.diskless.names.nis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.diskless.api.MacAddress;
import net.diskless.api.names.LookupResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NIS client against servers that misbehave on purpose (a UDP socket in this test answering what it is told):
 * silence, huge announced lengths, garbage, errors. Every lookup comes back UNAVAIL (never an exception, never an
 * allocation of what the peer announces), and while the server stays bad only one lookup per retry interval asks it.
 * The real ypserv is in e2e NameSourcesIT.
 */
class HostileServerTest {

    private static final MacAddress MAC = MacAddress.parse("52:54:00:aa:bb:01");

    private FakeServer server;
    private NisNameSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Answers each call with {@code reply.apply(xid)} (null: silence); counts the calls. */
    static final class FakeServer implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicInteger calls = new AtomicInteger();
        private final Thread thread;

        FakeServer(Function<Integer, byte[]> reply) throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(200);
            thread = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        calls.incrementAndGet();
                        byte[] out = reply.apply(ByteBuffer.wrap(buf).getInt());
                        if (out != null) {
                            socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                        }
                    } catch (SocketTimeoutException e) {
                        // poll for close
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "fake-ypserv");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An accepted RPC reply (AUTH_NONE verifier) followed by {@code results}. */
    static byte[] reply(int xid, ByteBuffer results) {
        results.flip();
        ByteBuffer b = ByteBuffer.allocate(24 + results.remaining());
        b.putInt(xid).putInt(1).putInt(0).putInt(0).putInt(0).putInt(0).put(results);
        return b.array();
    }

    private NisNameSource source(long retryMs) {
        return new NisNameSource(Configs.nis(Map.of("domains", new String[] {"testdom"},
                "servers", new String[] {"127.0.0.1:" + server.port()}, "timeoutMs", 300L, "retryIntervalMs", retryMs)));
    }

    @Test
    void answersAndNotFound() throws Exception {
        server = new FakeServer(xid -> reply(xid, ByteBuffer.allocate(64).putInt(Yp.YP_TRUE).putInt(20)
                .put("52:54:0:aa:bb:1 c1\t\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        source = source(0);
        assertEquals("c1", source.ethersByMac(MAC).asOptional().orElseThrow().hostname());
        server.close();
        server = new FakeServer(xid -> reply(xid, ByteBuffer.allocate(8).putInt(Yp.YP_NOKEY).putInt(0)));
        source.close();
        source = source(0);
        assertInstanceOf(LookupResult.NotFound.class, source.ethersByMac(MAC));
    }

    @Test
    void aHugeLengthIsUnavailableNotAnAllocation() throws Exception {
        server = new FakeServer(xid -> reply(xid, ByteBuffer.allocate(8).putInt(Yp.YP_TRUE).putInt(Integer.MAX_VALUE)));
        source = source(0);
        assertInstanceOf(LookupResult.Unavailable.class, source.ethersByMac(MAC));
    }

    @Test
    void garbageAndTruncatedRepliesAreUnavailable() throws Exception {
        server = new FakeServer(xid -> new byte[] {(byte) (xid >>> 24), (byte) (xid >>> 16), (byte) (xid >>> 8), (byte) (int) xid, 0, 0});
        source = source(0);
        assertInstanceOf(LookupResult.Unavailable.class, source.hostByName("client1"));
    }

    @Test
    void aServerErrorIsUnavailable() throws Exception {
        server = new FakeServer(xid -> reply(xid, ByteBuffer.allocate(8).putInt(-5).putInt(0))); // YP_BADDB
        source = source(0);
        var r = source.bootparams("client1");
        assertInstanceOf(LookupResult.Unavailable.class, r);
        assertTrue(((LookupResult.Unavailable<?>) r).reason().contains("YP_BADDB"), r.toString());
    }

    @Test
    void aServerWithoutOurDomainIsUnavailableNotNotFound() throws Exception {
        server = new FakeServer(xid -> reply(xid, ByteBuffer.allocate(8).putInt(Yp.YP_NODOM).putInt(0)));
        source = source(0);
        var r = source.hostByName("client1");
        assertInstanceOf(LookupResult.Unavailable.class, r);
        assertTrue(((LookupResult.Unavailable<?>) r).reason().contains("YP_NODOM"), r.toString());
    }

    @Test
    void aSilentServerIsAskedOncePerRetryInterval() throws Exception {
        server = new FakeServer(xid -> null);
        source = source(60_000);
        assertInstanceOf(LookupResult.Unavailable.class, source.ethersByMac(MAC));
        int asked = server.calls.get();
        assertTrue(asked >= 1, "the server was asked");
        for (int i = 0; i < 200; i++) {
            assertInstanceOf(LookupResult.Unavailable.class, source.ethersByMac(MAC));
        }
        assertEquals(asked, server.calls.get(), "no lookup went to the server within the retry interval");
    }

    @Test
    void unconfiguredIsIdle() {
        source = new NisNameSource(Configs.nis(Map.of()));
        var r = source.ethersByMac(MAC);
        assertInstanceOf(LookupResult.Unavailable.class, r);
        assertTrue(((LookupResult.Unavailable<?>) r).reason().contains("no NIS domain"), r.toString());
    }
}
