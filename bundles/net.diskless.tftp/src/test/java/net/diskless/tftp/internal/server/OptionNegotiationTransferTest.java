package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Event;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;

/** RFC 2347 option negotiation as seen on the wire: OACK, ACK 0, and the negotiated block size. */
class OptionNegotiationTransferTest extends ServerTestSupport {

    private static Map<String, String> options(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void blksizeAndTsizeAreAcknowledgedAndTheBlockSizeIsUsed() {
        start(calm());
        byte[] content = file("f.bin", 3 * 1468 + 7);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET, options("blksize", "1468", "tsize", "0")),
                requestPort());
        TestClient.Received oack = c.expect();
        assertTrue(oack.from().getPort() != requestPort().getPort(), "the OACK comes from the transfer port");
        assertEquals(List.of("blksize", "tsize"), new ArrayList<>(oack.oack().options().keySet()),
                "the client's order");
        assertEquals(Map.of("blksize", "1468", "tsize", Integer.toString(content.length)), oack.oack().options());
        c.expectNothing(QUIET); // no DATA before ACK 0

        c.send(new TftpPacket.Ack(0), oack.from());
        TestClient.Received d1 = c.expectData(oack.from(), 1);
        assertEquals(1468, d1.payload().length);
        byte[] got = d1.payload();
        for (int block = 1; block <= 3; block++) {
            c.send(new TftpPacket.Ack(block), oack.from());
            got = LockstepTransferTest.concat(got, c.expectData(oack.from(), block + 1).payload());
        }
        c.send(new TftpPacket.Ack(4), oack.from());
        assertArrayEquals(content, got);

        Event acknowledged = events.await(Kind.OPTIONS_ACKNOWLEDGED, WAIT);
        assertEquals(oack.oack().options(), acknowledged.options());
        Event started = events.await(Kind.STARTED, WAIT);
        assertEquals(Map.of("blksize", "1468", "tsize", "0"), started.options());
        assertEquals(content.length, events.await(Kind.COMPLETED, WAIT).bytes());
    }

    @Test
    void wholeReadWithANegotiatedBlockSize() {
        start(calm());
        byte[] content = file("f.bin", 10 * 1024); // a multiple of the block size: ends with an empty block
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET, options("blksize", "1024"));

        assertArrayEquals(content, r.content());
        assertEquals(11, r.wireBlocks().size());
        assertEquals(0, r.payloadSizes().get(10));
        assertEquals(content.length, events.await(Kind.COMPLETED, WAIT).bytes());
    }

    @Test
    void blksizeAboveTheServerMaximumIsClamped() {
        start(settings(1468, 64, CALM_TIMEOUT_MS, 2, 16));
        byte[] content = file("f.bin", 2000);
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET, options("blksize", "65464"));

        assertEquals(Map.of("blksize", "1468"), r.oack());
        assertEquals(List.of(1468, 2000 - 1468), r.payloadSizes());
        assertArrayEquals(content, r.content());
    }

    @Test
    void windowsizeAboveTheServerMaximumIsClamped() {
        start(settings(65464, 8, CALM_TIMEOUT_MS, 2, 16));
        byte[] content = file("f.bin", 20 * 512 + 1);
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET, options("windowsize", "100"));

        assertEquals(Map.of("windowsize", "8"), r.oack());
        assertArrayEquals(content, r.content());
    }

    @Test
    void windowsizeIsNotOfferedWhenTheServerAllowsNoWindows() {
        start(settings(65464, 1, CALM_TIMEOUT_MS, 2, 16));
        byte[] content = file("f.bin", 3000);
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET, options("windowsize", "4", "tsize", "0"));

        assertEquals(Map.of("tsize", "3000"), r.oack());
        assertArrayEquals(content, r.content());
    }

    @Test
    void onlyUnknownOrUnacceptableOptionsMeanNoOackAndDataAtOnce() {
        start(calm());
        byte[] content = file("f.bin", 700);
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET, options("multicast", "", "blksize", "4", "tsize", "x"));

        assertEquals(Map.of(), r.oack());
        assertEquals(List.of(512, 188), r.payloadSizes());
        assertArrayEquals(content, r.content());
        assertTrue(events.of(Kind.OPTIONS_ACKNOWLEDGED).isEmpty(), events::toString);
    }

    @Test
    void timeoutOptionIsEchoed() {
        start(calm());
        file("f.bin", 10);
        TestClient c = client();

        ReadResult r = read(c, "f.bin", TransferMode.OCTET, options("timeout", "3", "tsize", "0"));

        assertEquals(Map.of("timeout", "3", "tsize", "10"), r.oack());
    }

    @Test
    void aDataAckWhileTheOackIsUnansweredIsIgnored() {
        start(calm());
        byte[] content = file("f.bin", 100);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET, options("tsize", "0")), requestPort());
        TestClient.Received oack = c.expect();
        oack.oack();
        c.send(new TftpPacket.Ack(1), oack.from());
        c.expectNothing(QUIET);

        c.send(new TftpPacket.Ack(0), oack.from());
        TestClient.Received d1 = c.expectData(oack.from(), 1);
        c.send(new TftpPacket.Ack(1), oack.from());
        assertArrayEquals(content, d1.payload());
        events.await(Kind.COMPLETED, WAIT);
    }

    /** UEFI asks for tsize, then refuses the OACK with ERROR 8: a size probe, not a failure. */
    @Test
    void tsizeProbeEndsWithProbedAndNoFailure() {
        start(calm());
        file("bootx64.efi", 123_456);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("bootx64.efi", TransferMode.OCTET, options("tsize", "0", "blksize", "1468")),
                requestPort());
        TestClient.Received oack = c.expect();
        assertEquals("123456", oack.oack().options().get("tsize"));
        c.send(new TftpPacket.ErrorPacket(ErrorCodes.OPTION_REJECTED, "User aborted the transfer"), oack.from());

        Event probed = events.await(Kind.PROBED, WAIT);
        assertEquals("bootx64.efi", probed.requested());
        assertEquals(c.address(), probed.peer());
        awaitNoActiveTransfers();
        c.expectNothing(QUIET); // no reply to the ERROR, no DATA
        assertTrue(events.of(Kind.FAILED).isEmpty(), events::toString);
        assertTrue(events.of(Kind.COMPLETED).isEmpty(), events::toString);

        // the real download that follows works
        ReadResult r = read(c, "bootx64.efi", TransferMode.OCTET, options("blksize", "1468"));
        assertEquals(123_456, r.content().length);
        events.await(Kind.COMPLETED, WAIT);
    }

    /**
     * TransferListener.probed is "the client stopped after learning the size". A client that refuses an OACK which
     * carried no tsize learnt no size: that is a failed negotiation, and must not be reported as a probe (the
     * component turns a probe into a TFTP_COMPLETE event, "size probe only").
     */
    @Test
    void refusingAnOackWithoutTsizeIsAFailureNotAProbe() {
        start(calm());
        file("f.bin", 5000);
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET, options("blksize", "1468")), requestPort());
        TestClient.Received oack = c.expect();
        assertEquals(Map.of("blksize", "1468"), oack.oack().options());
        c.send(new TftpPacket.ErrorPacket(ErrorCodes.OPTION_REJECTED, "blksize not acceptable"), oack.from());

        Event failed = events.await(Kind.FAILED, WAIT);
        assertTrue(failed.text().contains("8"), failed::toString);
        assertTrue(events.of(Kind.PROBED).isEmpty(), events::toString);
        awaitNoActiveTransfers();
    }
}
