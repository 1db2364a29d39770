package net.diskless.tftp.internal.server;

import static net.diskless.tftp.internal.server.LockstepTransferTest.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Event;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a transfer's own port does with packets that are not the expected ACKs. */
class TransferPortTest extends ServerTestSupport {

    byte[] content;

    @BeforeEach
    void startServer() {
        start(calm());
        content = file("f.bin", 1000);
    }

    private TestClient.Received open(TestClient c) {
        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received d1 = c.expect();
        assertEquals(1, d1.data().block());
        return d1;
    }

    @Test
    void packetFromAnotherPortGetsUnknownTransferIdAndTheTransferGoesOn() {
        TestClient c = client();
        TestClient stranger = client();
        TestClient.Received d1 = open(c);

        stranger.send(new TftpPacket.Ack(1), d1.from());

        TestClient.Received e = stranger.expectError(ErrorCodes.UNKNOWN_TID);
        assertEquals(d1.from(), e.from(), "the ERROR comes from the transfer port");
        c.expectNothing(QUIET); // the stranger's ACK 1 did not move the transfer on
        assertTrue(events.of(Kind.FAILED).isEmpty(), events::toString);

        c.send(new TftpPacket.Ack(1), d1.from());
        TestClient.Received d2 = c.expectData(d1.from(), 2);
        c.send(new TftpPacket.Ack(2), d1.from());
        assertArrayEquals(content, concat(d1.payload(), d2.payload()));
        assertEquals(content.length, events.await(Kind.COMPLETED, WAIT).bytes());
        stranger.expectNothing(QUIET);
    }

    @Test
    void errorFromAnotherPortDoesNotEndTheTransfer() {
        TestClient c = client();
        TestClient stranger = client();
        TestClient.Received d1 = open(c);

        stranger.send(new TftpPacket.ErrorPacket(ErrorCodes.NOT_DEFINED, "go away"), d1.from());
        stranger.expectError(ErrorCodes.UNKNOWN_TID);

        c.send(new TftpPacket.Ack(1), d1.from());
        c.expectData(d1.from(), 2);
        c.send(new TftpPacket.Ack(2), d1.from());
        events.await(Kind.COMPLETED, WAIT);
        assertTrue(events.of(Kind.FAILED).isEmpty(), events::toString);
    }

    @Test
    void errorFromTheClientEndsTheTransferWithoutAReply() {
        TestClient c = client();
        TestClient.Received d1 = open(c);

        c.send(new TftpPacket.ErrorPacket(ErrorCodes.DISK_FULL, "no room"), d1.from());

        Event failed = events.await(Kind.FAILED, WAIT);
        assertTrue(failed.text().contains("3") && failed.text().contains("no room"), failed::toString);
        awaitNoActiveTransfers();
        c.expectNothing(QUIET); // no ERROR answers an ERROR, and no more DATA
        assertTrue(events.of(Kind.PROBED).isEmpty(), "an ERROR during the data phase is no size probe");
    }

    @Test
    void oversizedDatagramFromTheClientIsReadAsItsFirstBytes() {
        TestClient c = client();
        TestClient.Received d1 = open(c);
        byte[] huge = new byte[TftpServer.MAX_READ_TRANSFER_DATAGRAM + 1000];
        huge[1] = 5; // an ERROR whose message runs past what the transfer socket reads: cut, still an ERROR
        huge[3] = 3;
        java.util.Arrays.fill(huge, 4, huge.length - 1, (byte) 'x');

        c.sendRaw(huge, d1.from());

        Event failed = events.await(Kind.FAILED, WAIT);
        assertTrue(failed.text().contains("client sent error 3"), failed::toString);
        awaitNoActiveTransfers();
        c.expectNothing(QUIET);
    }

    @Test
    void malformedPacketFromTheClientAbortsWithIllegalOperation() {
        TestClient c = client();
        TestClient.Received d1 = open(c);

        c.sendRaw(new byte[] {0, 4, 0}, d1.from()); // a truncated ACK

        TestClient.Received e = c.expectError(ErrorCodes.ILLEGAL_OPERATION);
        assertEquals(d1.from(), e.from());
        events.await(Kind.FAILED, WAIT);
        awaitNoActiveTransfers();
    }

    @Test
    void dataFromTheClientAbortsAReadWithIllegalOperation() {
        TestClient c = client();
        TestClient.Received d1 = open(c);

        c.send(new TftpPacket.Data(1, ByteBuffer.wrap(new byte[] {1, 2, 3})), d1.from());

        c.expectError(ErrorCodes.ILLEGAL_OPERATION);
        Event failed = events.await(Kind.FAILED, WAIT);
        assertTrue(failed.text().contains("Data"), failed::toString);
        awaitNoActiveTransfers();
    }

    @Test
    void transferPortIsClosedOnceTheTransferCompletes() {
        TestClient c = client();
        TestClient.Received d1 = open(c);
        c.send(new TftpPacket.Ack(1), d1.from());
        c.expectData(d1.from(), 2);
        c.send(new TftpPacket.Ack(2), d1.from());
        events.await(Kind.COMPLETED, WAIT);
        awaitNoActiveTransfers();

        // a late duplicate ACK and a stranger's packet find nobody there: no answer of any kind
        TestClient stranger = client();
        c.send(new TftpPacket.Ack(2), d1.from());
        stranger.send(new TftpPacket.Ack(1), d1.from());
        c.expectNothing(QUIET);
        stranger.expectNothing(Duration.ofMillis(50)); // checked after the first silence: little more to wait
    }
}
