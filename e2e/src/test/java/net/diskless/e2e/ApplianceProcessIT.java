package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The exported jar as an operator runs it: no namespaces, no root. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ApplianceProcessIT {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void startsOnAFreshHomeAndStopsOnSigterm() {
        Path home = tmp.resolve("home");
        try (ApplianceProcess app = start(home)) {
            assertTrue(app.readyMillis() >= 0, app::log); // parsed from "Diskless ready in N ms"
            assertTrue(Files.isRegularFile(home.resolve("etc/ethers")), app::log);
            stopCleanly(app);
        }
    }

    @Test
    void restartKeepsAnExistingHome() throws IOException {
        Path home = tmp.resolve("home");
        try (ApplianceProcess first = start(home)) {
            stopCleanly(first);
        }
        // An operator's edit: a second start must use the home as it is, not lay it out again.
        Path ethers = home.resolve("etc/ethers");
        String edited = Files.readString(ethers) + "# edited by ApplianceProcessIT\n";
        Files.writeString(ethers, edited);
        try (ApplianceProcess second = start(home)) {
            assertTrue(second.readyMillis() >= 0, second::log);
            stopCleanly(second);
        }
        assertEquals(edited, Files.readString(ethers), "etc/ethers was overwritten on restart");
    }

    private ApplianceProcess start(Path home) {
        return ApplianceProcess.start(List.of(), home, tmp.resolve("logs"), READY);
    }

    private static void stopCleanly(ApplianceProcess app) {
        int exit = app.stop(STOP);
        assertFalse(app.killed(), () -> "still running " + STOP + " after SIGTERM; log:\n" + app.log());
        assertEquals(0, exit, () -> "exit status after SIGTERM; log:\n" + app.log());
        assertEquals(List.of(), ApplianceProcess.suspiciousLines(app.log(), true), app::log);
    }
}
