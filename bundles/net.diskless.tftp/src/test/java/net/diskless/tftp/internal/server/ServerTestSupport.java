package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.files.BootFileLookup;
import net.diskless.tftp.internal.files.FileResolver;
import net.diskless.tftp.internal.files.RemapRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@link TftpServer} on 127.0.0.1, port 0, serving a {@link TempDir}, with a {@link RecordingListener}
 * and {@link TestClient}s that are all closed after each test.
 */
abstract class ServerTestSupport {

    /** The bound on every wait for something that should happen. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How long silence is listened to when nothing should arrive. */
    static final Duration QUIET = Duration.ofMillis(300);
    /** A server timeout long enough that no retransmission happens by accident in tests that do not want one. */
    static final long CALM_TIMEOUT_MS = 2000;

    @TempDir
    Path root;

    final RecordingListener events = new RecordingListener();
    private final List<TestClient> clients = new ArrayList<>();
    TftpServer server;

    static ServerSettings settings(int maxBlockSize, int maxWindowSize, long timeoutMillis, int retries,
                                   int maxTransfers) {
        return new ServerSettings(new InetSocketAddress(TestClient.LOOPBACK, 0), maxBlockSize, maxWindowSize,
                timeoutMillis, retries, maxTransfers, 1 << 20);
    }

    /** Generous limits, a calm timeout. */
    static ServerSettings calm() {
        return settings(65464, 64, CALM_TIMEOUT_MS, 2, 16);
    }

    /** The transport under test; subclasses run the same tests on another. */
    Transport transport() {
        return Transport.AUTO;
    }

    TftpServer start(ServerSettings settings) {
        try {
            server = new TftpServer(settings, UploadSettings.DISABLED,
                    new FileResolver(root, RemapRules.none(), false, 255, BootFileLookup.NONE), events, transport(), 2);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return server;
    }

    InetSocketAddress requestPort() {
        return server.localAddress();
    }

    TestClient client() {
        TestClient c = new TestClient();
        clients.add(c);
        return c;
    }

    @AfterEach
    void closeAll() {
        clients.forEach(TestClient::close);
        if (server != null) {
            server.close();
        }
    }

    /** Writes {@code size} reproducible pseudo-random bytes to {@code ROOT/name} and returns them. */
    byte[] file(String name, int size) {
        byte[] content = new byte[size];
        new Random(31L * size + name.hashCode()).nextBytes(content);
        return file(name, content);
    }

    byte[] file(String name, byte[] content) {
        try {
            Path f = root.resolve(name);
            Files.createDirectories(f.getParent());
            Files.write(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return content;
    }

    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeout + ": " + what.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    void awaitNoActiveTransfers() {
        await(() -> server.activeTransfers() == 0, WAIT, () -> server.activeTransfers() + " transfers still active");
    }

    /** Live threads whose name starts with {@code tftp-} (the server's event loop threads). */
    static Set<Thread> tftpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tftp-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /** What a whole read gave the client. */
    record ReadResult(byte[] content, InetSocketAddress transferPort, List<Integer> wireBlocks,
                      List<Integer> payloadSizes, Map<String, String> oack) {
    }

    /**
     * A complete, strict read: the RRQ, the OACK (answered with ACK 0) when options were sent, then windows of
     * DATA (1 block without windowsize), each block checked for its sender, number and size, the last block of each
     * window acknowledged, until a block shorter than the block size. No retransmission is tolerated.
     */
    ReadResult read(TestClient c, String name, TransferMode mode, Map<String, String> options) {
        c.send(new TftpPacket.ReadRequest(name, mode, options), requestPort());
        TestClient.Received first = c.expect();
        InetSocketAddress from = first.from();
        int blockSize = 512;
        int window = 1;
        Map<String, String> oack = Map.of();
        if (first.packet() instanceof TftpPacket.OptionAck o) {
            oack = o.options();
            blockSize = Integer.parseInt(oack.getOrDefault("blksize", "512"));
            window = Integer.parseInt(oack.getOrDefault("windowsize", "1"));
            c.send(new TftpPacket.Ack(0), from);
            first = null;
        }
        assertTrue(from.getPort() != requestPort().getPort(), "the transfer must not use the request port");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<Integer> blocks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long index = 0; // the last block received
        boolean last = false;
        while (!last) {
            for (int i = 0; i < window && !last; i++) {
                TestClient.Received r = first != null ? first : c.expect();
                first = null;
                index++;
                assertEquals(from, r.from(), () -> "sender of " + r);
                int expectedBlock = (int) (index & 0xFFFF);
                assertEquals(expectedBlock, r.data().block(), () -> "block number of " + r);
                byte[] payload = r.payload();
                int size = blockSize;
                assertTrue(payload.length <= size, () -> "block larger than " + size + ": " + r);
                content.writeBytes(payload);
                blocks.add(r.data().block());
                sizes.add(payload.length);
                last = payload.length < blockSize;
            }
            c.send(new TftpPacket.Ack((int) (index & 0xFFFF)), from);
        }
        return new ReadResult(content.toByteArray(), from, blocks, sizes, oack);
    }

    ReadResult read(TestClient c, String name) {
        return read(c, name, TransferMode.OCTET, Map.of());
    }
}
