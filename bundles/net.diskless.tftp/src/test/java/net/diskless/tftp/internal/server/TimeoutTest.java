package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Event;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retransmission on timeout, and giving up after the configured retries. */
class TimeoutTest extends ServerTestSupport {

    @ParameterizedTest(name = "retries {0}")
    @ValueSource(ints = {0, 2})
    void unacknowledgedBlockIsResentThenTheTransferFails(int retries) {
        start(settings(65464, 64, 100, retries, 16));
        file("f.bin", 700);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received first = c.expect();
        InetSocketAddress port = first.from();
        assertEquals(1, first.data().block());
        for (int i = 0; i < retries; i++) {
            TestClient.Received again = c.expectData(port, 1); // the same block, the same bytes
            assertArrayEquals(first.raw(), again.raw());
        }
        TestClient.Received error = c.expect();
        assertEquals(port, error.from());
        assertEquals(ErrorCodes.NOT_DEFINED, error.error().code(), error::toString);
        assertTrue(error.error().message().contains("timed out"), error::toString);

        Event failed = events.await(Kind.FAILED, WAIT);
        assertTrue(failed.text().contains("timed out"), failed::toString);
        assertEquals("f.bin", failed.requested());
        awaitNoActiveTransfers();
        c.expectNothing(QUIET);
        assertTrue(events.of(Kind.COMPLETED).isEmpty());
    }

    @Test
    void unacknowledgedOackIsResentThenTheTransferFails() {
        start(settings(65464, 64, 100, 2, 16));
        file("f.bin", 700);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET, Map.of("tsize", "0")), requestPort());
        TestClient.Received oack = c.expect();
        assertEquals(Map.of("tsize", "700"), oack.oack().options());
        for (int i = 0; i < 2; i++) {
            TestClient.Received again = c.expect();
            assertEquals(oack.from(), again.from());
            assertEquals(oack.oack(), again.oack());
        }
        c.expectError(ErrorCodes.NOT_DEFINED);

        Event failed = events.await(Kind.FAILED, WAIT);
        assertTrue(failed.text().contains("OACK"), failed::toString);
        assertTrue(events.of(Kind.PROBED).isEmpty());
        awaitNoActiveTransfers();
    }

    /** Each block times out once and is then acknowledged: with retries 1 that only works if the count resets. */
    @Test
    void retriesAreCountedPerBlock() {
        start(settings(65464, 64, 300, 1, 16));
        byte[] content = file("f.bin", 3 * 512 + 1);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received d = c.expect();
        InetSocketAddress port = d.from();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int block = 1; block <= 4; block++) {
            if (block > 1) {
                d = c.expectData(port, block);
            }
            TestClient.Received again = c.expectData(port, block); // a timeout, one retransmission
            assertArrayEquals(d.raw(), again.raw());
            got.writeBytes(d.payload());
            c.send(new TftpPacket.Ack(block), port);
        }

        assertArrayEquals(content, got.toByteArray());
        assertEquals(content.length, events.await(Kind.COMPLETED, WAIT).bytes());
        assertTrue(events.of(Kind.FAILED).isEmpty(), events::toString);
    }

    @Test
    void aRetransmittedBlockCanStillBeAcknowledged() {
        start(settings(65464, 64, 100, 5, 16));
        byte[] content = file("f.bin", 600);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received d1 = c.expect();
        c.expectData(d1.from(), 1); // resent once
        c.send(new TftpPacket.Ack(1), d1.from());
        TestClient.Received d2 = c.expectDataSkippingRetransmissions(d1.from(), 2);
        c.send(new TftpPacket.Ack(2), d1.from());

        assertArrayEquals(content, LockstepTransferTest.concat(d1.payload(), d2.payload()));
        events.await(Kind.COMPLETED, WAIT);
    }

    /** RFC 2349: the client's timeout (in seconds) replaces the server's. */
    @Test
    void clientTimeoutOptionReplacesTheServerTimeout() {
        start(settings(65464, 64, 100, 3, 16));
        file("f.bin", 600);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET, Map.of("timeout", "1")), requestPort());
        TestClient.Received oack = c.expect();
        assertEquals(Map.of("timeout", "1"), oack.oack().options());
        c.send(new TftpPacket.Ack(0), oack.from());
        c.expectData(oack.from(), 1);

        // with the server's 100 ms there would be retransmissions by now; with the client's second, none yet
        c.expectNothing(Duration.ofMillis(500));
        c.expectData(oack.from(), 1);
        c.send(new TftpPacket.ErrorPacket(ErrorCodes.NOT_DEFINED, "enough"), oack.from());
        events.await(Kind.FAILED, WAIT);
        awaitNoActiveTransfers();
    }
}
