package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.server.RecordingListener.Kind;
import org.junit.jupiter.api.Test;

/** A file that changes while it is being sent must not break the framing the transfer announced. */
class ChangingFileTest extends ServerTestSupport {

    /**
     * The transfer's last block is fixed when it starts (size / blksize + 1); when the file grows meanwhile,
     * that block must still be the short one, so the client sees the end where the server does, and the size
     * the OACK's tsize and the completed event announce is the size sent.
     */
    @Test
    void fileGrowingDuringTheTransferStillEndsWhereItWasAnnounced() throws IOException {
        start(calm());
        file("f.bin", 600); // blocks: 512, 88
        TestClient c = client();

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET, Map.of("tsize", "0")), requestPort());
        TestClient.Received oack = c.expect();
        assertEquals("600", oack.oack().options().get("tsize"));
        InetSocketAddress port = oack.from();
        c.send(new TftpPacket.Ack(0), port);
        assertEquals(512, c.expectData(port, 1).payload().length);

        Files.write(root.resolve("f.bin"), new byte[1000], StandardOpenOption.APPEND); // now 1600 bytes
        c.send(new TftpPacket.Ack(1), port);
        TestClient.Received d2 = c.expectData(port, 2);

        assertEquals(88, d2.payload().length, "block 2 is the last block announced (tsize 600): it must be short");
        c.send(new TftpPacket.Ack(2), port);
        assertEquals(600, events.await(Kind.COMPLETED, WAIT).bytes());
    }
}
