package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.files.BootFileLookup;
import net.diskless.tftp.internal.files.FileResolver;
import net.diskless.tftp.internal.files.RemapRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write requests: only into the upload directory, new files only, bounded, stored whole or not at all. */
class UploadTest extends ServerTestSupport {

    @TempDir
    Path uploads;

    private void startWithUploads(long maxBytes) throws IOException {
        server = new TftpServer(settings(65464, 16, 300, 1, 16), new UploadSettings(uploads, maxBytes),
                new FileResolver(root, RemapRules.none(), false, 255, BootFileLookup.NONE), events, 2);
    }

    /** Sends {@code content} lock-step in 512-byte blocks; returns the transfer's address. */
    private InetSocketAddress write(TestClient c, String name, byte[] content) {
        c.send(new TftpPacket.WriteRequest(name, TransferMode.OCTET, Map.of()), server.localAddress());
        TestClient.Received ack0 = c.expect();
        assertEquals(new TftpPacket.Ack(0), ack0.packet());
        InetSocketAddress tid = ack0.from();
        int blocks = content.length / 512 + 1;
        for (int b = 1; b <= blocks; b++) {
            int from = (b - 1) * 512;
            byte[] chunk = Arrays.copyOfRange(content, from, Math.min(content.length, from + 512));
            c.send(new TftpPacket.Data(b & 0xFFFF, ByteBuffer.wrap(chunk)), tid);
            TestClient.Received r = c.expect();
            if (r.packet() instanceof TftpPacket.ErrorPacket) {
                return tid;
            }
            assertEquals(new TftpPacket.Ack(b & 0xFFFF), r.packet());
        }
        return tid;
    }

    private long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(uploads)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void refusedWhenNoUploadDirectoryIsConfigured() {
        start(calm());
        TestClient c = client();
        c.send(new TftpPacket.WriteRequest("x", TransferMode.OCTET, Map.of()), server.localAddress());
        assertEquals(ErrorCodes.ACCESS_VIOLATION, c.expectError(ErrorCodes.ACCESS_VIOLATION).error().code());
    }

    @Test
    void aWriteCreatesTheFileWithTheSameBytes() throws IOException {
        startWithUploads(1 << 20);
        byte[] content = new byte[1300];
        new Random(3).nextBytes(content);
        write(client(), "new.bin", content);
        events.await(RecordingListener.Kind.COMPLETED, WAIT);
        assertArrayEquals(content, Files.readAllBytes(uploads.resolve("new.bin")));
        assertEquals(0, leftovers());
    }

    @Test
    void anExistingFileIsNeverReplaced() throws IOException {
        startWithUploads(1 << 20);
        Files.writeString(uploads.resolve("kept"), "original");
        TestClient c = client();
        c.send(new TftpPacket.WriteRequest("kept", TransferMode.OCTET, Map.of()), server.localAddress());
        c.expectError(6);
        assertEquals("original", Files.readString(uploads.resolve("kept")));
    }

    @Test
    void anUploadOverTheLimitIsStoppedAndRemoved() throws IOException {
        startWithUploads(1000);
        byte[] content = new byte[3000];
        write(client(), "big", content);
        events.await(RecordingListener.Kind.FAILED, WAIT);
        assertFalse(Files.exists(uploads.resolve("big")));
        await(() -> {
            try {
                return leftovers() == 0;
            } catch (IOException e) {
                return false;
            }
        }, WAIT, () -> "temporary file removed");
    }

    @Test
    void anAbandonedUploadLeavesNothingBehind() throws IOException {
        startWithUploads(1 << 20);
        TestClient c = client();
        c.send(new TftpPacket.WriteRequest("half", TransferMode.OCTET, Map.of()), server.localAddress());
        InetSocketAddress tid = c.expect().from();
        c.send(new TftpPacket.Data(1, ByteBuffer.wrap(new byte[512])), tid);
        c.expect(); // ACK 1, then the client goes silent
        events.await(RecordingListener.Kind.FAILED, WAIT);
        assertFalse(Files.exists(uploads.resolve("half")));
        assertEquals(0, leftovers());
    }

    @Test
    void traversalOutOfTheUploadDirectoryIsRefused() throws IOException {
        startWithUploads(1 << 20);
        TestClient c = client();
        c.send(new TftpPacket.WriteRequest("../escape", TransferMode.OCTET, Map.of()), server.localAddress());
        c.expectError(ErrorCodes.ACCESS_VIOLATION);
        assertFalse(Files.exists(uploads.getParent().resolve("escape")));
        assertTrue(events.of(RecordingListener.Kind.REFUSED).size() >= 1);
    }

    /** Blocks larger than netty's default 2 KiB receive buffer must arrive whole. */
    @Test
    void largeBlocksArriveWhole() throws IOException {
        startWithUploads(1 << 20);
        byte[] content = new byte[8192 + 100];
        new Random(5).nextBytes(content);
        TestClient c = client();
        c.send(new TftpPacket.WriteRequest("large", TransferMode.OCTET, Map.of("blksize", "8192")), server.localAddress());
        TestClient.Received oack = c.expect();
        assertEquals("8192", oack.oack().options().get("blksize"));
        c.send(new TftpPacket.Data(1, ByteBuffer.wrap(content, 0, 8192)), oack.from());
        assertEquals(new TftpPacket.Ack(1), c.expect().packet());
        c.send(new TftpPacket.Data(2, ByteBuffer.wrap(content, 8192, 100)), oack.from());
        assertEquals(new TftpPacket.Ack(2), c.expect().packet());
        events.await(RecordingListener.Kind.COMPLETED, WAIT);
        assertArrayEquals(content, Files.readAllBytes(uploads.resolve("large")));
    }
}
