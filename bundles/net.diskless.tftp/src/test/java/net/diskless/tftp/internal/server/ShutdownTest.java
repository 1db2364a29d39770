package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.files.BootFileLookup;
import net.diskless.tftp.internal.files.FileResolver;
import net.diskless.tftp.internal.files.RemapRules;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;

/** close(): sockets released, transfers ended, the event loop threads gone. */
class ShutdownTest extends ServerTestSupport {

    /** The tftp threads started since {@code before}: those of the server under test. */
    private static Set<Thread> startedSince(Set<Thread> before) {
        Set<Thread> now = new HashSet<>(tftpThreads());
        now.removeAll(before);
        return now;
    }

    private static void awaitDead(Set<Thread> threads) {
        await(() -> threads.stream().noneMatch(Thread::isAlive), WAIT,
                () -> "still running: " + threads.stream().filter(Thread::isAlive).map(Thread::getName).toList());
    }

    @Test
    void closeWithTransfersInProgressStopsEverything() throws IOException {
        Set<Thread> before = tftpThreads();
        start(calm());
        file("f.bin", 10_000);
        file("g.bin", 10_000);
        TestClient a = client();
        TestClient b = client();
        a.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        b.send(new TftpPacket.ReadRequest("g.bin", TransferMode.OCTET, java.util.Map.of("windowsize", "8")),
                requestPort());
        TestClient.Received da = a.expect();
        TestClient.Received ob = b.expect();
        ob.oack();
        b.send(new TftpPacket.Ack(0), ob.from());
        for (int block = 1; block <= 8; block++) {
            b.expectData(ob.from(), block); // a whole window, then the server waits
        }
        assertEquals(2, server.activeTransfers());
        Set<Thread> ours = startedSince(before);
        assertFalse(ours.isEmpty(), "the server runs on tftp-* threads");
        InetSocketAddress requests = requestPort();

        server.close();

        awaitDead(ours);
        awaitNoActiveTransfers();
        assertTrue(startedSince(before).isEmpty(), () -> "new tftp threads after close: " + startedSince(before));
        // nothing answers any more: not the transfers, not the request port
        a.send(new TftpPacket.Ack(1), da.from());
        a.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requests);
        a.expectNothing(QUIET);
        b.expectNothing(java.time.Duration.ofMillis(50)); // no more windows
        assertTrue(events.of(Kind.COMPLETED).isEmpty());
        // the request port is free again
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(requests);
        }
    }

    @Test
    void closeOfAnIdleServerStopsItsThreadsAndMayBeRepeated() {
        Set<Thread> before = tftpThreads();
        start(calm());
        Set<Thread> ours = startedSince(before);
        assertFalse(ours.isEmpty());

        server.close();
        awaitDead(ours);
        server.close(); // again, and once more from @AfterEach: harmless
    }

    /**
     * When the request port cannot be bound, the constructor fails and leaves no event-loop thread behind
     * (a regression test: netty rethrows the bind failure as an undeclared checked BindException).
     */
    @Test
    void failedBindLeavesNoThreadBehind() throws IOException {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(TestClient.LOOPBACK, 0));
            InetSocketAddress busy = (InetSocketAddress) taken.getLocalAddress();
            Set<Thread> before = tftpThreads();
            ServerSettings s = new ServerSettings(busy, 512, 1, 1000, 1, 1, 1000);
            FileResolver resolver = new FileResolver(root, RemapRules.none(), false, 255, BootFileLookup.NONE);

            Exception e = assertThrows(Exception.class, () -> new TftpServer(s, resolver, events, 1).close());

            // NIO reports a BindException, epoll a NativeIoException ("Address already in use"): both IOExceptions
            assertTrue(e instanceof IOException && e.getMessage().startsWith("cannot bind udp"), e::toString);
            await(() -> startedSince(before).isEmpty(), WAIT, () -> "left running: " + startedSince(before));
        }
    }
}
