package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Event;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything the request port (69) answers itself: refusals, errors, and silence. */
class RequestPortTest extends ServerTestSupport {

    /** The next datagram must be ERROR {@code code} from the request port, and a REFUSED event must follow. */
    private Event expectRefusal(TestClient c, int code) {
        TestClient.Received e = c.expectError(code);
        assertEquals(requestPort(), e.from(), "refusals come from the request port");
        Event refused = events.await(Kind.REFUSED, WAIT);
        assertEquals(c.address(), refused.peer());
        assertEquals(0, server.activeTransfers());
        assertTrue(events.of(Kind.STARTED).isEmpty(), events::toString);
        return refused;
    }

    /** A normal read after the refusal: the server is still serving. */
    private void stillServes(TestClient c) {
        byte[] content = file("ok.bin", 600);
        assertArrayEquals(content, read(c, "ok.bin").content());
        events.await(Kind.COMPLETED, WAIT);
    }

    @Test
    void mailModeIsIllegal() {
        start(calm());
        file("f.bin", 10);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.MAIL), requestPort());

        Event refused = expectRefusal(c, ErrorCodes.ILLEGAL_OPERATION);
        assertEquals("f.bin", refused.requested());
        assertTrue(refused.text().contains("mail"), refused::toString);
        stillServes(c);
    }

    @Test
    void writeRequestIsAnAccessViolation() {
        start(calm());
        TestClient c = client();

        c.send(new TftpPacket.WriteRequest("upload.bin", TransferMode.OCTET, Map.of()), requestPort());

        Event refused = expectRefusal(c, ErrorCodes.ACCESS_VIOLATION);
        assertEquals("upload.bin", refused.requested());
        assertTrue(Files.notExists(root.resolve("upload.bin")));
        stillServes(c);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
            "",                           // empty datagram
            "00",                         // opcode only half there
            "0001",                       // RRQ without a name
            "0001662e62696e",             // RRQ, name not terminated
            "0001662e62696e00",           // RRQ without a mode
            "0001662e62696e0062696e61727900", // RRQ, mode "binary"
            "0009000100",                 // unknown opcode 9
            "0000",                       // opcode 0
    })
    void malformedDatagramIsIllegalOperation(String hex) {
        start(calm());
        file("f.bin", 10);
        TestClient c = client();

        c.sendRaw(java.util.HexFormat.of().parseHex(hex), requestPort());

        Event refused = expectRefusal(c, ErrorCodes.ILLEGAL_OPERATION);
        assertEquals("", refused.requested());
        assertTrue(refused.text().startsWith("malformed request"), refused::toString);
        stillServes(c);
    }

    @Test
    void dataAckAndOackOnTheRequestPortAreUnknownTransferId() {
        start(calm());
        TestClient c = client();

        c.send(new TftpPacket.Data(1, ByteBuffer.wrap(new byte[] {1, 2, 3})), requestPort());
        c.expectError(ErrorCodes.UNKNOWN_TID);
        c.send(new TftpPacket.Ack(1), requestPort());
        c.expectError(ErrorCodes.UNKNOWN_TID);
        c.send(new TftpPacket.OptionAck(Map.of("blksize", "512")), requestPort());
        c.expectError(ErrorCodes.UNKNOWN_TID);

        await(() -> events.of(Kind.REFUSED).size() == 3, WAIT, events::toString);
        stillServes(c);
    }

    @Test
    void truncatedErrorIsMalformedButAWellFormedOneIsNotAnswered() {
        start(calm());
        TestClient c = client();

        c.send(new TftpPacket.ErrorPacket(ErrorCodes.UNKNOWN_TID, "no transfer on this port"), requestPort());
        c.sendRaw(new byte[] {0, 5, 0}, requestPort()); // a truncated ERROR is malformed: that one is answered

        TestClient.Received e = c.expectError(ErrorCodes.ILLEGAL_OPERATION);
        assertEquals(requestPort(), e.from());
        c.expectNothing(QUIET);
        assertEquals(1, events.all().size(), "only the malformed one is refused: " + events);
    }

    @Test
    void errorOnTheRequestPortGetsNoReplyAtAll() {
        start(calm());
        TestClient c = client();

        c.send(new TftpPacket.ErrorPacket(ErrorCodes.NOT_DEFINED, "hello"), requestPort());

        c.expectNothing(QUIET);
        assertEquals(List.of(), events.all());
    }

    @Test
    void missingFileIsFileNotFound() {
        start(calm());
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("missing.bin", TransferMode.OCTET), requestPort());

        Event refused = expectRefusal(c, ErrorCodes.FILE_NOT_FOUND);
        assertEquals("missing.bin", refused.requested());
        assertEquals("file not found", refused.text());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../x", "a/../f.bin", "..\\x", "/../../etc/passwd"})
    void parentReferencesAreAccessViolations(String name) {
        start(calm());
        file("f.bin", 10);
        file("a/x", 10);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest(name, TransferMode.OCTET), requestPort());

        TestClient.Received e = c.expectError(ErrorCodes.ACCESS_VIOLATION);
        assertTrue(!e.error().message().contains(name), "the reason does not quote the request: " + e);
        Event refused = events.await(Kind.REFUSED, WAIT);
        assertEquals(name, refused.requested());
        assertTrue(events.of(Kind.STARTED).isEmpty());
    }

    @Test
    void directoryIsAccessViolation() throws IOException {
        start(calm());
        Files.createDirectories(root.resolve("dir"));
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("dir", TransferMode.OCTET), requestPort());

        expectRefusal(c, ErrorCodes.ACCESS_VIOLATION);
    }

    @Test
    void secondTransferIsRefusedAsBusyWhileTheFirstRuns() {
        start(settings(65464, 64, CALM_TIMEOUT_MS, 2, 1));
        byte[] content = file("f.bin", 600);
        TestClient first = client();
        TestClient second = client();

        first.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received d1 = first.expect();
        assertEquals(1, server.activeTransfers());

        second.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        TestClient.Received busy = second.expectError(ErrorCodes.NOT_DEFINED);
        assertEquals(requestPort(), busy.from());
        assertTrue(busy.error().message().contains("busy"), busy::toString);
        Event refused = events.await(Kind.REFUSED, WAIT);
        assertEquals(second.address(), refused.peer());

        // the first goes on, and once it is done there is room again
        first.send(new TftpPacket.Ack(1), d1.from());
        TestClient.Received d2 = first.expectData(d1.from(), 2);
        first.send(new TftpPacket.Ack(2), d1.from());
        assertArrayEquals(content, LockstepTransferTest.concat(d1.payload(), d2.payload()));
        events.await(Kind.COMPLETED, WAIT);
        awaitNoActiveTransfers();

        assertArrayEquals(content, read(second, "f.bin").content());
    }

    @Test
    void failedTransferFreesItsSlot() {
        start(settings(65464, 64, 50, 0, 1));
        file("f.bin", 600);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        c.expect();
        c.expectError(ErrorCodes.NOT_DEFINED); // timed out, never acknowledged
        awaitNoActiveTransfers();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), requestPort());
        assertEquals(1, c.expect().data().block());
    }

    @Test
    void netasciiFileAboveTheLimitIsRefused() {
        start(new ServerSettings(new InetSocketAddress(TestClient.LOOPBACK, 0), 65464, 64, CALM_TIMEOUT_MS, 2, 16,
                100));
        file("big.txt", "x\n".repeat(51).getBytes(StandardCharsets.US_ASCII)); // 102 bytes
        file("small.txt", "x\n".repeat(50).getBytes(StandardCharsets.US_ASCII)); // 100 bytes
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("big.txt", TransferMode.NETASCII), requestPort());
        Event refused = expectRefusal(c, ErrorCodes.ACCESS_VIOLATION);
        assertTrue(refused.text().contains("netascii"), refused::toString);

        // the same file in octet mode, and a file at the limit in netascii, are served
        assertEquals(102, read(c, "big.txt").content().length);
        assertEquals(150, read(c, "small.txt", TransferMode.NETASCII, Map.of()).content().length);
    }

    @Test
    void modeIsCaseInsensitive() {
        start(calm());
        byte[] content = file("f.bin", 20);
        TestClient c = client();

        byte[] rrq = java.util.HexFormat.of().parseHex("0001662e62696e004f6354657400"); // "f.bin", "OcTet"
        c.sendRaw(rrq, requestPort());

        TestClient.Received d1 = c.expect();
        assertArrayEquals(content, d1.payload());
        c.send(new TftpPacket.Ack(1), d1.from());
        events.await(Kind.COMPLETED, WAIT);
    }
}
