package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real TFTP clients from the client namespace against the appliance on 10.99.0.1:69: every client fetches every
 * fixture (empty, one block, rollover past 65535 blocks) byte for byte, and a Sun client gets its boot file by
 * its hex IP through the directory. Root only: skipped elsewhere, with the reason.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TftpClientsIT {

    /** One appliance for the class: the fixtures (40 MB) and a start cost seconds, and no test changes the server. */
    private TftpBed bed;
    private RuntimeException setupFailure;

    // Per test, not @BeforeAll: an aborted class is reported as "Tests run: 0", which hides the reason.
    @BeforeEach
    void bed() {
        Testbed.requireRootAndNamespaces();
        if (setupFailure != null) {
            throw setupFailure; // do not start (and fail) the bed again for every test
        }
        if (bed == null) {
            try {
                bed = TftpBed.start();
            } catch (RuntimeException e) {
                setupFailure = e;
                throw e;
            }
        }
    }

    @AfterAll
    void close() {
        if (bed != null) {
            bed.close();
        }
    }

    Stream<String> files() {
        return TftpBed.SIZES.keySet().stream();
    }

    @ParameterizedTest(name = "tftp-hpa {0}")
    @MethodSource("files")
    void tftpHpa(String name) {
        bed.assertTftpHpaFetches(name, bed.fixture(name));
    }

    @ParameterizedTest(name = "atftp {0}")
    @MethodSource("files")
    void atftpWithoutOptions(String name) {
        fetch(name, "atftp", "-g", "-r", name, "-l", "%OUT%", TftpBed.SERVER);
    }

    @ParameterizedTest(name = "atftp blksize 1468 windowsize 16 tsize {0}")
    @MethodSource("files")
    void atftpWithWindows(String name) {
        fetch(name, "atftp", "--option", "blksize 1468", "--option", "windowsize 16", "--option", "tsize 0",
                "-g", "-r", name, "-l", "%OUT%", TftpBed.SERVER);
    }

    @ParameterizedTest(name = "curl {0}")
    @MethodSource("files")
    void curl(String name) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "150", "--tftp-blksize", "1468"));
        if (bed.fixture(name).size() == 0) {
            // curl 7.88 always asks tsize and then rejects an OACK carrying tsize=0: its bug, not the server's
            cmd.add("--tftp-no-options");
        }
        cmd.addAll(List.of("-o", "%OUT%", "tftp://" + TftpBed.SERVER + "/" + name));
        fetch(name, cmd.toArray(String[]::new));
    }

    @ParameterizedTest(name = "busybox tftp -b 1468 {0}")
    @MethodSource("files")
    void busybox(String name) {
        fetch(name, "busybox", "tftp", "-b", "1468", "-g", "-r", name, "-l", "%OUT%", TftpBed.SERVER);
    }

    /** Runs a client whose exit status means something; %OUT% in {@code cmd} is replaced by the output path. */
    private void fetch(String name, String... cmd) {
        TftpBed.Fixture expected = bed.fixture(name);
        Path out = bed.output(cmd[0] + "-" + name);
        String[] args = Stream.of(cmd).map(a -> a.replace("%OUT%", out.toString())).toArray(String[]::new);
        Result r = bed.testbed().execClient(TftpBed.timeoutFor(expected.size()), args);
        assertTrue(r.ok(), () -> String.join(" ", args) + ": " + r + "\nappliance log tail:\n" + bed.logTail());
        bed.assertFile(out, expected, r);
    }

    /**
     * A Sun PROM asks for its own IP in hex (10.99.0.2 = 0A630002), with or without the architecture, as
     * {@code /tftpboot/NAME} too. No such file or link exists: the name is resolved through bootptab {@code bf=}.
     * The {@code /tftpboot/} form must work without the self-link (the bed has none) and with it.
     */
    @ParameterizedTest(name = "Sun hex name {0}")
    @ValueSource(strings = {"0A630002", "0A630002.SUN4U", "/tftpboot/0A630002.SUN4U", "/tftpboot/0A630002"})
    void sunHexNameResolvesThroughTheDirectory(String name) throws IOException {
        bed.assertTftpHpaFetches(name, bed.fixture(TftpBed.SUN_BOOT_FILE));
        Path link = bed.root().resolve("tftpboot");
        try {
            Files.createSymbolicLink(link, Path.of("."));
            bed.assertTftpHpaFetches(name, bed.fixture(TftpBed.SUN_BOOT_FILE));
        } finally {
            Files.deleteIfExists(link);
        }
    }

    /**
     * Another client's hex name is "file not found" even though that client (10.99.0.99) has a boot file: only the
     * owner of an address gets its boot file. From a second client that does have 10.99.0.99, the same name works,
     * so the refusal is about who asks, not a broken lookup.
     */
    @Test
    void anotherClientsHexNameIsNotServed() {
        for (String name : List.of("0A630063", "0A630063.SUN4U", "/tftpboot/0A630063.SUN4U")) {
            Path out = bed.output(name);
            Result r = bed.tftpHpa(name, out, TftpBed.timeoutFor(0));
            assertFalse(r.timedOut(), r::toString);
            assertTrue((r.stdout() + r.stderr()).contains("Error code 1"), () -> name + ": " + r);
            assertEquals(0, Files.exists(out) ? TftpBed.size(out) : 0, () -> name + ": data arrived; " + r);
        }

        String owner = bed.testbed().addClient("c99", "52:54:00:aa:bb:63", "10.99.0.99/24");
        Path out = bed.output("owner-0A630063");
        Result r = bed.testbed().exec(owner, TftpBed.timeoutFor(0), "tftp", "-m", "binary", TftpBed.SERVER,
                "-c", "get", "0A630063.SUN4U", out.toString());
        assertFalse((r.stdout() + r.stderr()).contains("Error code"), r::toString);
        bed.assertFile(out, bed.fixture(TftpBed.SUN_BOOT_FILE), r);
    }
}
