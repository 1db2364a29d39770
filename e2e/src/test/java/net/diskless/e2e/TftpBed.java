package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The appliance serving TFTP in the server namespace of a {@link Testbed} (10.99.0.1, port 69, default TFTP
 * configuration) and the files it serves, for the real-client and the hostile tests.
 *
 * <p>The home's {@code etc/} is written before the first start, so the appliance does not lay out its example:
 * client1 (52:54:00:aa:bb:01, the client namespace, 10.99.0.2) and client99 (10.99.0.99) both boot
 * {@code inetboot.sun4u} through bootptab {@code bf=}, with no hex-IP file or link in tftpboot, and no
 * {@code tftpboot -> .} self-link either (tests add it when they want it).
 */
final class TftpBed implements AutoCloseable {

    static final String SERVER = "10.99.0.1";
    static final String CLIENT_MAC = "52:54:00:aa:bb:01";
    static final String SUN_BOOT_FILE = "inetboot.sun4u";
    static final Duration READY = Duration.ofSeconds(60);

    /** One served file: its name in tftpboot, size and SHA-256 (hex). */
    record Fixture(String name, long size, String sha256) {
    }

    /**
     * Random bytes from a fixed seed. Sizes chosen for the edges: empty; exactly one 512-byte block and exactly one
     * 1468-byte block (both end with an empty DATA block); 40 000 000 bytes = 78 125 blocks of 512, so the 16-bit
     * block number rolls over and the last block is empty again.
     */
    static final Map<String, Integer> SIZES = sizes();

    private static Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("small.bin", 1_000_000);
        m.put("empty.bin", 0);
        m.put("block512.bin", 512);
        m.put("block1468.bin", 1468);
        m.put("big.bin", 40_000_000);
        return m;
    }

    private final Testbed tb;
    private final Path home;
    private final ApplianceProcess app;
    private final Map<String, Fixture> fixtures = new LinkedHashMap<>();
    private final AtomicInteger outputs = new AtomicInteger();

    private TftpBed(Testbed tb, Path home, ApplianceProcess app, Map<String, Fixture> fixtures) {
        this.tb = tb;
        this.home = home;
        this.app = app;
        this.fixtures.putAll(fixtures);
    }

    /** A test bed, a home with the fixtures, the appliance started and listening on SERVER:69. */
    static TftpBed start() {
        Testbed tb = Testbed.create();
        try {
            Path home = tb.tempDir().resolve("home");
            Map<String, Fixture> fixtures = new LinkedHashMap<>();
            writeEtc(home);
            Path root = Files.createDirectories(home.resolve("tftpboot"));
            long seed = 1350;
            for (Map.Entry<String, Integer> e : SIZES.entrySet()) {
                fixtures.put(e.getKey(), write(root.resolve(e.getKey()), e.getValue(), seed++));
            }
            fixtures.put(SUN_BOOT_FILE, write(root.resolve(SUN_BOOT_FILE), 200_000, seed));
            ApplianceProcess app = tb.startAppliance(home, READY);
            awaitTftp(app, 69); // the default configuration: no config/ file
            return new TftpBed(tb, home, app, fixtures);
        } catch (IOException e) {
            closeAfterFailure(tb, e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAfterFailure(tb, e);
            throw e;
        }
    }

    private static void closeAfterFailure(Testbed tb, Throwable failure) {
        try {
            tb.close();
        } catch (RuntimeException c) {
            failure.addSuppressed(c);
        }
    }

    /**
     * Waits (bounded) until TFTP serves on {@code port}, from the TFTP component's own line, logged whenever it
     * binds ("tftp: serving ROOT on udp /ADDRESS:PORT (..."). Not the "listening:" line before the ready line:
     * the appliance sometimes logs "ready" before TFTP has bound, or binds the defaults first (ApplianceProcessIT
     * checks that contract); these tests are about TFTP, not start-up order. Fails if it never serves that port,
     * e.g. when the config file was ignored.
     */
    static void awaitTftp(ApplianceProcess app, int port) {
        app.awaitLog(Pattern.compile("tftp: serving .* on udp /\\S+:" + port + " "), 0, Duration.ofSeconds(15));
    }

    /** ethers, hosts, bootptab and nsswitch.conf for client1 (the client namespace) and client99. */
    static void writeEtc(Path home) throws IOException {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("ethers"), CLIENT_MAC + "\tclient1\n52:54:00:aa:bb:63\tclient99\n");
        Files.writeString(etc.resolve("hosts"), "10.99.0.1\tbootserver\n10.99.0.2\tclient1\n10.99.0.99\tclient99\n");
        Files.writeString(etc.resolve("bootptab"), """
                client1:ha=525400aabb01:ip=10.99.0.2:bf=%s:
                client99:ha=525400aabb63:ip=10.99.0.99:bf=%s:
                """.formatted(SUN_BOOT_FILE, SUN_BOOT_FILE));
        Files.writeString(etc.resolve("nsswitch.conf"), "ethers: files\nhosts: files\nbootptab: files\n");
    }

    static Fixture write(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        return new Fixture(file.getFileName().toString(), size, sha256(bytes));
    }

    Testbed testbed() {
        return tb;
    }

    ApplianceProcess appliance() {
        return app;
    }

    Path home() {
        return home;
    }

    Path root() {
        return home.resolve("tftpboot");
    }

    Fixture fixture(String name) {
        Fixture f = fixtures.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        return f;
    }

    /** A fresh path for a client to write to (the namespaces share the file system). */
    Path output(String label) {
        return tb.tempDir().resolve("out-" + outputs.incrementAndGet() + "-" + label.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Long enough for 40 MB in 512-byte lock-step on a busy machine, short enough to end a hung client. */
    static Duration timeoutFor(long size) {
        return Duration.ofSeconds(size > 10_000_000 ? 180 : 60);
    }

    /** tftp-hpa, no options, 512-byte lock-step. It exits 0 even on error: callers check the file (and stdout). */
    Result tftpHpa(String name, Path out, Duration timeout) {
        return tb.execClient(timeout, "tftp", "-m", "binary", SERVER, "-c", "get", name, out.toString());
    }

    /** Fetches {@code name} with tftp-hpa and asserts it arrives equal to {@code expected}. */
    void assertTftpHpaFetches(String name, Fixture expected) {
        Path out = output(name);
        Result r = tftpHpa(name, out, timeoutFor(expected.size()));
        assertFalse(r.timedOut(), r::toString);
        assertFalse((r.stdout() + r.stderr()).contains("Error code"), r::toString);
        assertFile(out, expected, r);
    }

    /** The well-behaved client after something hostile: small.bin still arrives intact. */
    void assertStillServes() {
        assertTftpHpaFetches("small.bin", fixture("small.bin"));
    }

    /** {@code out} exists with the fixture's size and SHA-256; {@code r} (the client's output) explains failures. */
    void assertFile(Path out, Fixture expected, Result r) {
        assertTrue(Files.isRegularFile(out), () -> "no output file " + out + "; client: " + r + "\nappliance log tail:\n" + logTail());
        long size = size(out);
        assertEquals(expected.size(), size, () -> expected.name() + ": size; client: " + r + "\nappliance log tail:\n" + logTail());
        assertEquals(expected.sha256(), sha256(out), () -> expected.name() + ": SHA-256; client: " + r);
    }

    String logTail() {
        String log = app.log();
        return log.substring(Math.max(0, log.length() - 4000));
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the appliance (it must stop cleanly) and removes the test bed. */
    @Override
    public void close() {
        try {
            int exit = app.stop(Duration.ofSeconds(30));
            assertFalse(app.killed(), () -> "appliance still running 30 s after SIGTERM; log:\n" + logTail());
            assertEquals(0, exit, () -> "exit status after SIGTERM; log:\n" + logTail());
        } finally {
            tb.close();
        }
    }
}
