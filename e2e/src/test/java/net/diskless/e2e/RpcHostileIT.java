package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile ONC RPC traffic from the client namespace (a python script: raw UDP and TCP) against the appliance's
 * portmapper and bootparamd: wrong programs, versions and procedures get the RFC 5531 replies, junk gets nothing,
 * a 2 GB record mark closes its connection, CALLIT never loops to the portmapper, and both still answer after a
 * flood. Root only.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RpcHostileIT {

    @Test
    void hostileTrafficIsAnsweredCorrectlyOrDroppedAndTheServersKeepAnswering() throws IOException {
        Testbed.requireRootAndNamespaces();
        try (RpcBed bed = RpcBed.start()) {
            Path script = bed.testbed().tempDir().resolve("hostile.py");
            try (InputStream in = RpcHostileIT.class.getResourceAsStream("/rpc/hostile.py")) {
                Files.copy(in, script);
            }
            Result r = bed.testbed().execClient(Duration.ofSeconds(120), "python3", script.toString(), RpcBed.SERVER,
                    "111", String.valueOf(bed.bootparamsUdpPort()));
            assertTrue(r.ok(), r::toString);
            Map<String, String> results = new LinkedHashMap<>();
            r.stdout().lines().map(l -> l.split(" ", 2)).filter(p -> p.length == 2).forEach(p -> results.put(p[0], p[1]));
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("null", "SUCCESS");
            expected.put("rpcbind-v4", "PROG_MISMATCH(2,2)");
            expected.put("rpcbind-v3", "PROG_MISMATCH(2,2)");
            expected.put("unknown-program", "PROG_UNAVAIL");
            expected.put("unknown-procedure", "PROC_UNAVAIL");
            expected.put("rpc-version-3", "denied-0"); // RPC_MISMATCH
            expected.put("two-bytes", "silent");
            expected.put("a-reply", "silent");
            expected.put("truncated-getport", "GARBAGE_ARGS");
            expected.put("callit-huge-length", "GARBAGE_ARGS");
            expected.put("callit-to-portmapper", "silent");
            expected.put("callit-unregistered", "silent");
            expected.put("bootparams-v2", "PROG_MISMATCH(1,1)");
            expected.put("bootparams-unknown-procedure", "PROC_UNAVAIL");
            expected.put("bootparams-huge-name", "GARBAGE_ARGS");
            expected.put("bootparams-address-type-2", "GARBAGE_ARGS");
            expected.put("bootparams-name-256", "GARBAGE_ARGS");
            expected.put("tcp-2GB-record", "closed");
            expected.put("tcp-empty-fragments", "closed");
            expected.put("tcp-two-fragments", "SUCCESS");
            expected.put("alive-after-flood", "portmap=True bootparams=True");
            assertEquals(expected, results, r::toString);
            String log = bed.appliance().log();
            assertTrue(log.contains("CALLIT to the portmapper itself") || log.contains("not answered"), log);
            assertTrue(bed.appliance().isAlive(), log);
            assertEquals(java.util.List.of(), ApplianceProcess.suspiciousLines(log, false), log);
        }
    }
}
