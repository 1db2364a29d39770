package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Raw TFTP datagrams from the client namespace, for what no real client sends: a small Python script (Debian's
 * {@code /usr/bin/python3}, standard library only) run with {@link Testbed#execClient}. Every receive is bounded.
 *
 * <p>{@code send} sends one datagram from a fresh socket (a fresh source port) and prints every reply until the
 * server goes quiet, one line each: {@code MS SRCPORT ERROR CODE MESSAGE}, {@code MS SRCPORT DATA BLOCK LENGTH},
 * {@code MS SRCPORT OACK OPTIONS} or {@code MS SRCPORT OTHER OPCODE LENGTH} (MS since the send). It never ACKs,
 * so a granted read request shows the server's retransmissions and its final ERROR.
 *
 * <p>{@code flood} sends N bogus datagrams (junk, unknown opcodes, truncated and malformed requests, stray
 * DATA/ACK, WRQs, RRQs for missing files) round-robin from many sockets at once, then counts the replies:
 * {@code SENT n REPLIES r ERRORS e DATA d}.
 */
final class TftpProbe {

    static final String PYTHON = "/usr/bin/python3"; // Debian's, not a pyenv one on PATH

    private static final String SCRIPT = """
            import random, select, socket, sys, time

            def fmt(pkt):
                op = int.from_bytes(pkt[:2], 'big') if len(pkt) >= 2 else -1
                if op == 5 and len(pkt) >= 4:
                    msg = pkt[4:].split(b'\\0')[0].decode('latin-1').encode('unicode_escape').decode()
                    return 'ERROR %d %s' % (int.from_bytes(pkt[2:4], 'big'), msg)
                if op == 3 and len(pkt) >= 4:
                    return 'DATA %d %d' % (int.from_bytes(pkt[2:4], 'big'), len(pkt) - 4)
                if op == 6:
                    return 'OACK ' + pkt[2:].replace(b'\\0', b' ').decode('latin-1').strip()
                return 'OTHER %d %d' % (op, len(pkt))

            def send(host, port, payload, quiet, total):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(('', 0))
                start = time.monotonic()
                s.sendto(payload, (host, port))
                last = start
                while True:
                    left = min(last + quiet, start + total) - time.monotonic()
                    if left <= 0:
                        break
                    s.settimeout(left)
                    try:
                        pkt, src = s.recvfrom(70000)
                    except socket.timeout:
                        break
                    last = time.monotonic()
                    line = fmt(pkt)
                    print('%d %d %s' % ((last - start) * 1000, src[1], line), flush=True)
                    if line.startswith('ERROR'):
                        quiet = min(quiet, 0.3)  # anything after an ERROR would be a leak: look a little longer

            def junk(rnd, i):
                kind = i % 8
                if kind == 0:
                    return bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 100)))
                if kind == 1:
                    return rnd.randint(7, 65535).to_bytes(2, 'big') + b'junk'
                if kind == 2:
                    return b'\\0\\1missing-%d\\0octet\\0' % i
                if kind == 3:
                    return b'\\0\\1no-terminator-%d' % i
                if kind == 4:
                    return b'\\0\\3' + (i & 0xFFFF).to_bytes(2, 'big') + b'stray data'
                if kind == 5:
                    return b'\\0\\4' + (i & 0xFFFF).to_bytes(2, 'big')
                if kind == 6:
                    return b'\\0\\1small.bin\\0bogus-mode\\0'
                return b'\\0\\2upload-%d\\0octet\\0' % i

            def flood(host, port, n, nsock, seed):
                rnd = random.Random(seed)
                socks = []
                for _ in range(nsock):
                    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    s.bind(('', 0))
                    s.setblocking(False)
                    socks.append(s)
                sent = 0
                for i in range(n):
                    try:
                        socks[i % nsock].sendto(junk(rnd, i), (host, port))
                        sent += 1
                    except BlockingIOError:
                        pass
                replies = errors = data = 0
                deadline = time.monotonic() + 10
                last = time.monotonic()
                while time.monotonic() < deadline and time.monotonic() - last < 1.0:
                    ready, _, _ = select.select(socks, [], [], 0.2)
                    for s in ready:
                        try:
                            pkt, _ = s.recvfrom(70000)
                        except BlockingIOError:
                            continue
                        last = time.monotonic()
                        replies += 1
                        op = int.from_bytes(pkt[:2], 'big') if len(pkt) >= 2 else -1
                        errors += op == 5
                        data += op in (3, 6)
                print('SENT %d REPLIES %d ERRORS %d DATA %d' % (sent, replies, errors, data), flush=True)

            cmd = sys.argv[1]
            if cmd == 'send':
                send(sys.argv[2], int(sys.argv[3]), bytes.fromhex(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]))
            elif cmd == 'flood':
                flood(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
            else:
                sys.exit('unknown command ' + cmd)
            """;

    /** One datagram the probe received. {@code number} is the ERROR code, DATA block or OTHER opcode. */
    record Reply(long millis, int sourcePort, String type, int number, String rest) {
        static Reply parse(String line) {
            String[] w = line.split(" ", 5);
            int number = w.length > 3 && w[3].matches("-?\\d+") ? Integer.parseInt(w[3]) : -1;
            String rest = w[2].equals("OACK") ? line.substring(line.indexOf("OACK") + 4).strip()
                    : w.length > 4 ? w[4] : "";
            return new Reply(Long.parseLong(w[0]), Integer.parseInt(w[1]), w[2], number, rest);
        }

        boolean isError() {
            return type.equals("ERROR");
        }
    }

    private final Testbed tb;
    private final Path script;

    TftpProbe(Testbed tb) {
        this.tb = tb;
        try {
            script = tb.tempDir().resolve("tftp_probe.py");
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code datagram} to {@code host:port} from the client namespace and returns every reply until
     * {@code quiet} passes without one (or {@code total} in all).
     */
    List<Reply> send(String host, int port, byte[] datagram, Duration quiet, Duration total) {
        Result r = tb.execClient(total.plusSeconds(20), PYTHON, script.toString(), "send", host, Integer.toString(port),
                HexFormat.of().formatHex(datagram), seconds(quiet), seconds(total));
        assertTrue(r.ok(), () -> "probe failed: " + r);
        return r.stdout().lines().filter(l -> !l.isBlank()).map(Reply::parse).toList();
    }

    /** Floods {@code host:port} with {@code count} bogus datagrams from {@code sockets} source ports; its summary. */
    String flood(String host, int port, int count, int sockets) {
        Result r = tb.execClient(Duration.ofSeconds(60), PYTHON, script.toString(), "flood", host, Integer.toString(port),
                Integer.toString(count), Integer.toString(sockets), "1350");
        assertTrue(r.ok(), () -> "flood failed: " + r);
        return r.stdout().strip();
    }

    private static String seconds(Duration d) {
        return Double.toString(d.toMillis() / 1000.0);
    }

    /** An RRQ (opcode 1) or WRQ (2): name, mode, then option name/value pairs, each NUL-terminated. */
    static byte[] request(int opcode, String name, String mode, String... options) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        out.write(opcode);
        for (String s : concat(name, mode, options)) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static List<String> concat(String name, String mode, String... options) {
        List<String> all = new java.util.ArrayList<>(List.of(name, mode));
        all.addAll(List.of(options));
        return all;
    }

    /** Raw bytes: the opcode (two bytes, big-endian) followed by {@code rest} as ISO-8859-1. */
    static byte[] raw(int opcode, String rest) {
        byte[] tail = rest.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[2 + tail.length];
        all[0] = (byte) (opcode >> 8);
        all[1] = (byte) opcode;
        System.arraycopy(tail, 0, all, 2, tail.length);
        return all;
    }
}
