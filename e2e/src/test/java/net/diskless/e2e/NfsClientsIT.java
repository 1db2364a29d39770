package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Real NFS clients (libnfs-utils: nfs-ls, nfs-cat, nfs-cp; nfs-common: showmount) in the client namespace
 * against the appliance on 10.99.0.1 with its defaults (portmapper on 111, NFS on 2049, MOUNT on a port the
 * portmapper tells). A read-only root exported with {@code -ro -maproot=0 -alldirs} to the client, a
 * read-write export, and a client that is not listed. Root only: skipped elsewhere, with the reason.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NfsClientsIT {

    private static final String SERVER = "10.99.0.1";
    private static final Duration CLIENT = Duration.ofSeconds(60);

    private Testbed tb;
    private ApplianceProcess app;
    private Path root;
    private Path rw;
    private Path out;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private RuntimeException setupFailure;

    @BeforeEach
    void bed() {
        Testbed.requireRootAndNamespaces();
        if (setupFailure != null) {
            throw setupFailure;
        }
        if (tb == null) {
            try {
                start();
            } catch (IOException e) {
                setupFailure = new UncheckedIOException(e);
                throw setupFailure;
            } catch (RuntimeException e) {
                setupFailure = e;
                throw e;
            }
        }
    }

    private void start() throws IOException {
        tb = Testbed.create();
        Path home = tb.tempDir().resolve("home");
        root = Files.createDirectories(tb.tempDir().resolve("exports/root"));
        rw = Files.createDirectories(tb.tempDir().resolve("exports/rw"));
        out = Files.createDirectories(tb.tempDir().resolve("out"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("usr/lib/deep/er"));
        Files.writeString(root.resolve("etc/motd"), "diskless\n");
        Random random = new Random(1813);
        for (Map.Entry<String, Integer> e : Map.of("empty", 0, "one", 1, "page", 4095, "usr/lib/mb", (1 << 20) + 7,
                "usr/lib/deep/er/big", 5_000_003).entrySet()) {
            byte[] b = new byte[e.getValue()];
            random.nextBytes(b);
            files.put(e.getKey(), Files.write(root.resolve(e.getKey()), b));
        }
        files.put("etc/motd", root.resolve("etc/motd"));
        Files.createSymbolicLink(root.resolve("etc/link"), Path.of("motd"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc"));
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("exports"), """
                # the seed's line for a diskless root, and a writable export
                %s -ro -maproot=0 -alldirs 10.99.0.2
                %s -maproot=0 -network 10.99.0.0/29
                """.formatted(root, rw));
        app = tb.startAppliance(home, Duration.ofSeconds(60));
        app.awaitLog(Pattern.compile("nfs: NFSv3 on port 2049"), 0, Duration.ofSeconds(15));
    }

    @AfterAll
    void close() {
        if (tb != null) {
            tb.close();
        }
    }

    private String url(Path p) {
        return "nfs://" + SERVER + p;
    }

    private Result client(String... cmd) {
        return tb.execClient(CLIENT, cmd);
    }

    @Test
    void nfsLsListsTheWholeTree() throws IOException {
        Result r = client("nfs-ls", "-R", url(root) + "/");
        assertTrue(r.ok(), () -> r + "\n" + app.logSince(0));
        TreeSet<String> listed = r.stdout().lines().map(l -> l.replaceAll("^.*\\s", "")).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> expected;
        try (Stream<Path> walk = Files.walk(root)) {
            expected = walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, listed, r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("l") && l.endsWith(" escape")),
                "the link is a link: " + r.stdout());
    }

    @Test
    void filesReadWithNfsCpMatchTheirSha256() {
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Path local = out.resolve(e.getKey().replace('/', '_'));
            Result r = client("nfs-cp", url(root) + "/" + e.getKey(), local.toString());
            assertTrue(r.ok(), () -> e.getKey() + ": " + r + "\n" + app.logSince(0));
            assertEquals(TftpBed.sha256(e.getValue()), TftpBed.sha256(local), e.getKey());
        }
    }

    @Test
    void nfsCatMountsTheFilesDirectoryWithAlldirs() {
        // libnfs mounts the URL's directory: /root/etc, allowed by -alldirs
        Result r = client("nfs-cat", url(root) + "/etc/motd");
        assertTrue(r.ok(), r::toString);
        assertEquals("diskless\n", r.stdout());
        Result link = client("nfs-cat", url(root) + "/etc/link");
        assertTrue(link.ok(), link::toString);
        assertEquals("diskless\n", link.stdout(), "the client resolves the link itself");
    }

    @Test
    void writtenFilesArriveAndReadBack() throws IOException {
        byte[] data = new byte[3_000_017];
        new Random(7).nextBytes(data);
        Path src = Files.write(out.resolve("upload"), data);
        Result w = client("nfs-cp", src.toString(), url(rw) + "/upload");
        assertTrue(w.ok(), () -> w + "\n" + app.logSince(0));
        assertEquals(TftpBed.sha256(src), TftpBed.sha256(rw.resolve("upload")));
        Path back = out.resolve("upload.back");
        Result r = client("nfs-cp", url(rw) + "/upload", back.toString());
        assertTrue(r.ok(), r::toString);
        assertEquals(TftpBed.sha256(src), TftpBed.sha256(back));
    }

    @Test
    void theReadOnlyExportRefusesWrites() throws IOException {
        Path src = Files.writeString(out.resolve("small"), "nope");
        Result w = client("nfs-cp", src.toString(), url(root) + "/small");
        assertFalse(w.ok(), w::toString);
        assertTrue((w.stdout() + w.stderr()).contains("NFS3ERR_ROFS"), w::toString);
        assertFalse(Files.exists(root.resolve("small")));
    }

    @Test
    void aClientThatIsNotListedIsRefused() {
        String other = tb.addClient("c77", "52:54:00:aa:bb:77", "10.99.0.77/24");
        Result r = tb.exec(other, CLIENT, "nfs-ls", url(root) + "/");
        assertFalse(r.ok(), r::toString);
        assertTrue((r.stdout() + r.stderr()).contains("MNT3ERR_ACCES"), r::toString);
        Result rwRefused = tb.exec(other, CLIENT, "nfs-ls", url(rw) + "/");
        assertTrue((rwRefused.stdout() + rwRefused.stderr()).contains("MNT3ERR_ACCES"),
                () -> "outside -network 10.99.0.0/29: " + rwRefused);
    }

    @Test
    void showmountListsTheExports() {
        Result r = client("showmount", "-e", SERVER);
        assertTrue(r.ok(), () -> r + "\n" + app.logSince(0));
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(Pattern.quote(root.toString()) + "\\s+10\\.99\\.0\\.2")),
                r::stdout);
        assertTrue(r.stdout().lines().anyMatch(l -> l.matches(Pattern.quote(rw.toString()) + "\\s+10\\.99\\.0\\.0/29")),
                r::stdout);
    }

    /**
     * A second appliance in the same namespace finds port 2049 taken: one clear error, NFS not running, and the
     * appliance still becomes ready with its other services; the first one keeps serving.
     */
    @Test
    void aTakenPortIsOneClearErrorAndTheRestRuns() throws IOException {
        Path home = tb.tempDir().resolve("home-second");
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/exports"), root + " -ro 10.99.0.2\n");
        ApplianceProcess.configure(home, "net.diskless.tftp", "port = 0");
        ApplianceProcess second = tb.startAppliance(home, Duration.ofSeconds(60));
        try {
            String log = second.log();
            assertEquals(1, log.lines().filter(l -> l.contains("nfs: cannot listen") && l.contains("NFS is NOT running"))
                    .count(), log);
            assertTrue(log.contains("Diskless ready"), log);
        } finally {
            second.close();
        }
        Result r = client("nfs-cat", url(root) + "/etc/motd");
        assertTrue(r.ok(), r::toString);
    }
}
