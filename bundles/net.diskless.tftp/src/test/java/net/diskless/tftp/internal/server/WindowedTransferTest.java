package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7440 windows: several blocks per ACK, partial ACKs, no retransmission on duplicates. */
class WindowedTransferTest extends ServerTestSupport {

    /** Sends the RRQ with windowsize (and blksize 512), answers the OACK, returns the transfer port. */
    private InetSocketAddress open(TestClient c, String name, int window) {
        c.send(new TftpPacket.ReadRequest(name, TransferMode.OCTET, Map.of("windowsize", Integer.toString(window))),
                requestPort());
        TestClient.Received oack = c.expect();
        assertEquals(Map.of("windowsize", Integer.toString(window)), oack.oack().options());
        c.send(new TftpPacket.Ack(0), oack.from());
        return oack.from();
    }

    private static byte[] block(byte[] content, int block) {
        int from = (block - 1) * 512;
        return Arrays.copyOfRange(content, from, Math.min(content.length, from + 512));
    }

    @Test
    void aWindowIsSentWholeThenTheServerWaits() {
        start(calm());
        byte[] content = file("f.bin", 10 * 512 + 5);
        TestClient c = client();
        InetSocketAddress port = open(c, "f.bin", 4);

        for (int b = 1; b <= 4; b++) {
            assertArrayEquals(block(content, b), c.expectData(port, b).payload());
        }
        c.expectNothing(QUIET); // 4 blocks, then nothing until the ACK

        c.send(new TftpPacket.Ack(4), port);
        for (int b = 5; b <= 8; b++) {
            assertArrayEquals(block(content, b), c.expectData(port, b).payload());
        }
        c.expectNothing(QUIET);

        c.send(new TftpPacket.Ack(8), port);
        for (int b = 9; b <= 11; b++) { // the last window is cut short by the end of the file
            assertArrayEquals(block(content, b), c.expectData(port, b).payload());
        }
        c.expectNothing(QUIET);
        c.send(new TftpPacket.Ack(11), port);
        assertEquals(content.length, events.await(Kind.COMPLETED, WAIT).bytes());
    }

    @Test
    void partialAckRestartsTheWindowAfterTheAcknowledgedBlock() {
        start(calm());
        byte[] content = file("f.bin", 10 * 512 + 5);
        TestClient c = client();
        InetSocketAddress port = open(c, "f.bin", 4);
        for (int b = 1; b <= 4; b++) {
            c.expectData(port, b);
        }

        c.send(new TftpPacket.Ack(2), port); // blocks 3 and 4 "lost"

        for (int b = 3; b <= 6; b++) {
            assertArrayEquals(block(content, b), c.expectData(port, b).payload());
        }
        c.expectNothing(QUIET);
        c.send(new TftpPacket.Ack(6), port);
        for (int b = 7; b <= 10; b++) {
            c.expectData(port, b);
        }
        c.send(new TftpPacket.Ack(10), port);
        assertArrayEquals(block(content, 11), c.expectData(port, 11).payload());
        c.send(new TftpPacket.Ack(11), port);
        events.await(Kind.COMPLETED, WAIT);
    }

    @Test
    void duplicateAckOfAWindowCausesNoRetransmission() {
        start(calm());
        file("f.bin", 10 * 512 + 5);
        TestClient c = client();
        InetSocketAddress port = open(c, "f.bin", 4);
        for (int b = 1; b <= 4; b++) {
            c.expectData(port, b);
        }

        c.send(new TftpPacket.Ack(4), port);
        c.send(new TftpPacket.Ack(4), port);
        c.send(new TftpPacket.Ack(2), port); // stale partial ACK from the old window

        for (int b = 5; b <= 8; b++) {
            c.expectData(port, b);
        }
        c.expectNothing(QUIET); // exactly one copy of 5..8
    }

    @ParameterizedTest(name = "{0} bytes, blksize {1}, windowsize {2}")
    @CsvSource({"0, 512, 4", "2048, 512, 4", "2049, 512, 4", "4096, 512, 4", "100000, 1024, 16", "65536, 8192, 3"})
    void wholeWindowedReads(int size, int blockSize, int window) {
        start(calm());
        byte[] content = file("f.bin", size);
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET,
                Map.of("blksize", Integer.toString(blockSize), "windowsize", Integer.toString(window)));

        assertArrayEquals(content, r.content());
        assertEquals(IntStream.rangeClosed(1, size / blockSize + 1).boxed().toList(), r.wireBlocks());
        assertEquals(size, events.await(Kind.COMPLETED, WAIT).bytes());
        awaitNoActiveTransfers();
    }

    @Test
    void aLostWindowIsResentWholeAfterTheTimeout() {
        start(settings(65464, 64, 150, 3, 16));
        byte[] content = file("f.bin", 6 * 512);
        TestClient c = client();
        InetSocketAddress port = open(c, "f.bin", 4);
        for (int b = 1; b <= 4; b++) {
            c.expectData(port, b);
        }

        // no ACK: after the timeout the same window again, from its first block
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int b = 1; b <= 4; b++) {
            got.writeBytes(c.expectData(port, b).payload());
        }
        c.send(new TftpPacket.Ack(4), port);
        got.writeBytes(c.expectDataSkippingRetransmissions(port, 5).payload()); // a slow test may see 1..4 again
        for (int b = 6; b <= 7; b++) {
            got.writeBytes(c.expectData(port, b).payload());
        }
        c.send(new TftpPacket.Ack(7), port);
        assertArrayEquals(content, got.toByteArray());
        events.await(Kind.COMPLETED, WAIT);
    }
}
