package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Event;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 1350 reads without options: one block at a time, each waiting for its ACK. */
class LockstepTransferTest extends ServerTestSupport {

    @BeforeEach
    void startServer() {
        start(calm());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 511, 512, 513, 1024, 5000})
    void readsWholeFileBlockByBlock(int size) {
        byte[] content = file("f.bin", size);
        TestClient c = client();

        ReadResult r = read(c, "f.bin");

        assertArrayEquals(content, r.content());
        int blocks = size / 512 + 1; // a multiple of 512 ends with an empty block
        assertEquals(IntStream.rangeClosed(1, blocks).boxed().toList(), r.wireBlocks());
        for (int i = 0; i < blocks - 1; i++) {
            assertEquals(512, r.payloadSizes().get(i), "every block but the last is full");
        }
        assertEquals(size % 512, r.payloadSizes().get(blocks - 1), "the last block is short (possibly empty)");
        assertEquals(Map.of(), r.oack());

        Event done = events.await(Kind.COMPLETED, WAIT);
        assertEquals(size, done.bytes());
        assertEquals("f.bin", done.requested());
        assertEquals(c.address(), done.peer());
        awaitNoActiveTransfers();
        assertEquals(List.of(Kind.STARTED, Kind.COMPLETED), events.all().stream().map(Event::kind).toList());
    }

    @Test
    void startedEventNamesPeerFileRuleAndOptions() {
        file("boot/pxelinux.0", 100);
        TestClient c = client();

        read(c, "/boot/pxelinux.0");

        Event started = events.await(Kind.STARTED, WAIT);
        assertEquals(c.address(), started.peer());
        assertEquals("/boot/pxelinux.0", started.requested());
        assertEquals("file", started.text());
        assertEquals(Map.of(), started.options());
    }

    @Test
    void nothingIsSentAfterTheLastAck() {
        file("f.bin", 700);
        TestClient c = client();

        read(c, "f.bin");

        events.await(Kind.COMPLETED, WAIT);
        c.expectNothing(QUIET);
    }

    @Test
    void transferComesFromANewPortOnTheServerAddress() {
        file("f.bin", 10);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received data = c.expect();

        assertEquals(1, data.data().block());
        assertEquals(requestPort().getAddress(), data.from().getAddress());
        assertTrue(data.from().getPort() != requestPort().getPort(), () -> "DATA came from the request port " + data);
        assertTrue(data.from().getPort() > 0);
    }

    @Test
    void everyTransferHasItsOwnPort() {
        file("f.bin", 10);
        TestClient a = client();
        TestClient b = client();

        a.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        b.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received da = a.expect();
        TestClient.Received db = b.expect();

        assertTrue(da.from().getPort() != db.from().getPort(), "two transfers share a port: " + da + ", " + db);
        a.send(new TftpPacket.Ack(1), da.from());
        b.send(new TftpPacket.Ack(1), db.from());
        await(() -> events.of(Kind.COMPLETED).size() == 2, WAIT, events::toString);
        awaitNoActiveTransfers();
    }

    /** Sorcerer's Apprentice (RFC 1123 4.2.3.1): a duplicate ACK must not trigger a retransmission. */
    @Test
    void duplicateAckCausesNoRetransmission() {
        byte[] content = file("f.bin", 3 * 512 + 10);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received d1 = c.expect();
        var port = d1.from();
        assertEquals(1, d1.data().block());
        c.send(new TftpPacket.Ack(1), port);
        c.send(new TftpPacket.Ack(1), port);

        TestClient.Received d2 = c.expectData(port, 2);
        c.expectNothing(QUIET); // exactly one DATA 2 (the server timeout is far longer than this)

        c.send(new TftpPacket.Ack(2), port);
        TestClient.Received d3 = c.expectData(port, 3);
        c.send(new TftpPacket.Ack(2), port); // stale again, after DATA 3 went out
        c.send(new TftpPacket.Ack(1), port); // and older still
        c.expectNothing(QUIET);
        c.send(new TftpPacket.Ack(3), port);
        TestClient.Received d4 = c.expectData(port, 4);
        c.send(new TftpPacket.Ack(4), port);

        byte[] got = concat(d1.payload(), d2.payload(), d3.payload(), d4.payload());
        assertArrayEquals(content, got);
        assertEquals(content.length, events.await(Kind.COMPLETED, WAIT).bytes());
    }

    @Test
    void ackForABlockNotYetSentIsIgnored() {
        byte[] content = file("f.bin", 600);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received d1 = c.expect();
        c.send(new TftpPacket.Ack(2), d1.from()); // DATA 2 was never sent
        c.expectNothing(QUIET);
        assertTrue(events.of(Kind.COMPLETED).isEmpty(), "ACK 2 of a 2-block file before DATA 2 completed it");

        c.send(new TftpPacket.Ack(1), d1.from());
        TestClient.Received d2 = c.expectData(d1.from(), 2);
        c.send(new TftpPacket.Ack(2), d1.from());
        assertArrayEquals(content, concat(d1.payload(), d2.payload()));
        events.await(Kind.COMPLETED, WAIT);
    }

    @Test
    void readsTheSameFileConcurrently() {
        byte[] content = file("f.bin", 4000);
        TestClient a = client();
        TestClient b = client();

        // interleaved by hand: both transfers are open at once
        a.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        b.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received fa = a.expect();
        TestClient.Received fb = b.expect();
        byte[] ga = fa.payload();
        byte[] gb = fb.payload();
        for (int block = 1; block < 8; block++) {
            a.send(new TftpPacket.Ack(block), fa.from());
            b.send(new TftpPacket.Ack(block), fb.from());
            ga = concat(ga, a.expectData(fa.from(), block + 1).payload());
            gb = concat(gb, b.expectData(fb.from(), block + 1).payload());
        }
        a.send(new TftpPacket.Ack(8), fa.from());
        b.send(new TftpPacket.Ack(8), fb.from());

        assertArrayEquals(content, ga);
        assertArrayEquals(content, gb);
        await(() -> events.of(Kind.COMPLETED).size() == 2, WAIT, events::toString);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
