package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RARP cannot work without raw sockets (CAP_NET_RAW) or without libpcap. Then it must say so once, clearly, and
 * the appliance must still become ready and serve everything else (TFTP here), in the server namespace of a
 * {@link Testbed} where RARP's default selection is br0.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RarpStartupIT {

    static final Duration READY = Duration.ofSeconds(90);

    @Test
    void withoutCapNetRawTheApplianceStartsAndSaysWhy() {
        // Root without CAP_NET_RAW: setpriv drops it from the bounding set before java starts
        check(List.of("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw"),
                "rarp: no permission to capture on br0 (RARP needs CAP_NET_RAW");
    }

    @Test
    void withoutLibpcapTheApplianceStartsAndSaysWhy() {
        // pcap4j loads the library named by this property; a name that does not exist is a machine without libpcap
        check(List.of("env", "JAVA_TOOL_OPTIONS=-Dorg.pcap4j.core.pcapLibName=diskless-no-such-libpcap"),
                "rarp: libpcap cannot be loaded (on Debian: apt-get install libpcap0.8)");
    }

    private static void check(List<String> wrapper, String expectedError) {
        try (Testbed tb = Testbed.create()) {
            Path home = tb.tempDir().resolve("home");
            List<String> launcher = new ArrayList<>(List.of("ip", "netns", "exec", tb.serverNs()));
            launcher.addAll(wrapper);
            try (ApplianceProcess app = ApplianceProcess.start(launcher, home, tb.tempDir().resolve("logs"), READY)) {
                String log = app.log();
                assertTrue(app.readyMillis() >= 0, log);
                List<String> errors = log.lines().filter(l -> l.contains("[ERROR]")).toList();
                assertTrue(errors.stream().anyMatch(l -> l.contains(expectedError)), log);
                assertTrue(errors.stream().allMatch(l -> l.contains("RarpComponent - rarp: ")), () -> "errors beyond RARP:\n" + log);
                assertTrue(errors.size() <= 2, () -> "said more than once:\n" + log);
                assertEquals(List.of(), ApplianceProcess.suspiciousLines(log, false), log); // no stack traces
                assertEquals("0.0.0.0", app.endpoint("tftp", "udp").getHostString(), log); // the rest runs
                assertFalse(log.contains("listening: rarp"), log);
                assertEquals(0, app.stop(Duration.ofSeconds(30)), app::log);
            }
        }
    }
}
