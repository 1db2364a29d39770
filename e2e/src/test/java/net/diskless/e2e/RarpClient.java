package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The RARP client of the tests: scapy ({@code rarp_client.py}, Debian's python3-scapy run by /usr/bin/python3)
 * in a namespace of a {@link Testbed}, sending reverse requests and capturing the reverse replies.
 */
final class RarpClient {

    static final String PYTHON = "/usr/bin/python3";

    /** One reverse reply as captured, with the capture's timestamp (seconds). */
    record Reply(double time, String etherSource, String etherDestination, int op, int hardwareType, int protocolType,
                 int hardwareLength, int protocolLength, String senderMac, String senderIp, String targetMac,
                 String targetIp, int length) {

        /** The RARP answer without who sent it and how long the frame was: what two servers must agree on. */
        String answer() {
            return "op " + op + " htype " + hardwareType + " ptype " + protocolType + " hlen " + hardwareLength
                    + " plen " + protocolLength + " tha " + targetMac + " tpa " + targetIp + " to " + etherDestination;
        }
    }

    /** What one run saw: frames sent, our good requests as they left, and the replies to our address. */
    record Exchange(int sent, List<Double> requests, List<Reply> replies, Result raw) {
        /** Milliseconds from the first request to reply {@code i}. */
        double replyAfterMs(int i) {
            return (replies.get(i).time() - requests.get(0)) * 1000;
        }
    }

    private final Testbed tb;
    private final Path script;

    private RarpClient(Testbed tb, Path script) {
        this.tb = tb;
        this.script = script;
    }

    /** Skips the calling test unless /usr/bin/python3 imports scapy (python3-scapy with libpcap0.8). */
    static RarpClient in(Testbed tb) {
        Result probe = Exec.run(Duration.ofSeconds(30), List.of(PYTHON, "-c", "import scapy.all"));
        if (!probe.ok()) {
            System.err.println("[e2e] RARP test skipped: " + PYTHON + " cannot import scapy (apt-get install python3-scapy"
                    + " libpcap0.8): " + probe.stderr().strip());
        }
        Assumptions.assumeTrue(probe.ok(), () -> PYTHON + " cannot import scapy: " + probe);
        try (InputStream in = RarpClient.class.getResourceAsStream("/rarp/rarp_client.py")) {
            Path script = tb.tempDir().resolve("rarp_client.py");
            Files.write(script, in.readAllBytes());
            return new RarpClient(tb, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} requests for {@code mac}, {@code intervalS} apart, from {@code ns}'s eth0; listens {@code listenS}. */
    Exchange ask(String ns, String mac, int count, double intervalS, double listenS) {
        return run(ns, listenS, "ask", "eth0", mac, "--count", Integer.toString(count),
                "--interval", Double.toString(intervalS), "--listen", Double.toString(listenS));
    }

    /** {@code count} hostile frames with one good request for {@code mac} in the middle; listens {@code listenS}. */
    Exchange flood(String ns, String mac, int count, double listenS) {
        return run(ns, listenS + 60, "flood", "eth0", mac, "--count", Integer.toString(count),
                "--listen", Double.toString(listenS));
    }

    private Exchange run(String ns, double listenS, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        // Generous: on a loaded machine starting Python and scapy alone has taken tens of seconds
        Result r = tb.exec(ns, Duration.ofSeconds((long) listenS + 120), cmd.toArray(String[]::new));
        assertFalse(r.timedOut(), r::toString);
        if (!r.ok()) {
            fail("rarp_client.py failed: " + r);
        }
        int sent = -1;
        List<Double> requests = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "SENT" -> sent = Integer.parseInt(f[1]);
                case "REQUEST" -> requests.add(Double.parseDouble(f[1]));
                case "REPLY" -> replies.add(new Reply(Double.parseDouble(f[1]), f[2], f[3], Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]),
                        f[9], f[10], f[11], f[12], Integer.parseInt(f[13])));
                default -> { }
            }
        }
        if (requests.isEmpty()) {
            fail("the client's own request was not captured: " + r);
        }
        return new Exchange(sent, requests, replies, r);
    }

    /** The Ethernet address of {@code dev} in namespace {@code ns}. */
    static String macOf(Testbed tb, String ns, String dev) {
        Result r = tb.exec(ns, Duration.ofSeconds(10), "cat", "/sys/class/net/" + dev + "/address");
        if (!r.ok()) {
            fail("cannot read the address of " + dev + " in " + ns + ": " + r);
        }
        return r.stdout().strip();
    }
}
