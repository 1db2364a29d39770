package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Map;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;

/**
 * Block numbers past 65535 wrap to 0 (as tftp-hpa and common clients expect). With the smallest block size
 * (8 bytes) a file of 8 * 65536 + 100 bytes needs 65549 blocks, so the wrap is reached with half a megabyte.
 */
class RolloverTest extends ServerTestSupport {

    private static final int BLOCK = 8;
    private static final int WINDOW = 64;
    private static final int SIZE = BLOCK * 65536 + 100;
    private static final long LAST = SIZE / BLOCK + 1; // 65549, 4 bytes

    @Test
    void blockNumbersWrapAndTheContentIsIntact() {
        start(settings(65464, WINDOW, CALM_TIMEOUT_MS, 2, 16));
        byte[] content = file("big.bin", SIZE);
        TestClient c = client();

        ReadResult r = read(c, "big.bin", TransferMode.OCTET,
                Map.of("blksize", Integer.toString(BLOCK), "windowsize", Integer.toString(WINDOW), "tsize", "0"));

        assertEquals(Map.of("blksize", "8", "windowsize", "64", "tsize", Integer.toString(SIZE)), r.oack());
        assertEquals(LAST, r.wireBlocks().size());
        // read() checked every block number against (index mod 65536); here the wrap itself
        assertEquals(65535, r.wireBlocks().get(65534));
        assertEquals(0, r.wireBlocks().get(65535));
        assertEquals(1, r.wireBlocks().get(65536));
        assertEquals(4, r.payloadSizes().get((int) LAST - 1));
        assertArrayEquals(content, r.content());
        assertEquals(SIZE, events.await(Kind.COMPLETED, WAIT).bytes());
        awaitNoActiveTransfers();
    }

    /**
     * A partial ACK naming block 0 after the wrap means block 65536, not the OACK's ACK 0 nor a stale ACK: the
     * window restarts at 65537 (wire 1). And a stale ACK 65535 right after the wrap changes nothing.
     */
    @Test
    void partialAckAcrossTheWrapIsUnderstood() {
        start(settings(65464, WINDOW, CALM_TIMEOUT_MS, 2, 16));
        byte[] content = file("big.bin", SIZE);
        byte[] got = new byte[SIZE];
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("big.bin", TransferMode.OCTET,
                Map.of("blksize", Integer.toString(BLOCK), "windowsize", Integer.toString(WINDOW))), requestPort());
        TestClient.Received oack = c.expect();
        InetSocketAddress port = oack.from();
        assertEquals(Map.of("blksize", "8", "windowsize", "64"), oack.oack().options());
        c.send(new TftpPacket.Ack(0), port);

        long next = 1; // the first block of the window expected now
        boolean wrapped = false;
        while (true) {
            long end = Math.min(next + WINDOW - 1, LAST);
            for (long index = next; index <= end; index++) {
                TestClient.Received d = c.expectData(port, (int) (index & 0xFFFF));
                byte[] payload = d.payload();
                long at = (index - 1) * BLOCK;
                int expectedLength = (int) Math.min(BLOCK, SIZE - at);
                assertEquals(expectedLength, payload.length, () -> "size of block " + d);
                System.arraycopy(payload, 0, got, (int) at, payload.length);
            }
            if (end == LAST) {
                c.send(new TftpPacket.Ack((int) (LAST & 0xFFFF)), port);
                break;
            }
            long acked;
            if (next == 1) {
                // partial: windows then start at 9 + 64k, so 65481..65544 straddles the wrap and is not the last
                acked = 8;
            } else if (!wrapped && end > 65536) {
                assertTrue(next <= 65535 && end >= 65537, "this window holds 65535, 0 (= 65536), 1, ...");
                acked = 65536; // partial: only up to the wrapped 0
                wrapped = true;
            } else {
                acked = end;
            }
            c.send(new TftpPacket.Ack((int) (acked & 0xFFFF)), port);
            if (acked == 65536) {
                c.send(new TftpPacket.Ack(65535), port); // stale, from before the wrap: must change nothing
            }
            next = acked + 1;
        }

        assertTrue(wrapped, "the partial ACK at the wrap was sent");
        assertArrayEquals(content, got);
        assertEquals(SIZE, events.await(Kind.COMPLETED, WAIT).bytes());
        c.expectNothing(QUIET);
    }
}
