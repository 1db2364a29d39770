package net.diskless.dhcp.internal.leases;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import net.diskless.api.MacAddress;
import net.diskless.api.leases.Lease;

/**
 * One journal line per lease record, checksummed so a line torn by a crash is recognised:
 * {@code L1 <ip> <state> <expires-epoch-ms> <client-id-hex> <mac|-> <hostname|-> <crc32-hex>}.
 */
final class JournalFormat {

    private JournalFormat() {
    }

    static String line(Lease l) {
        String body = "L1 " + l.address().getHostAddress() + " " + l.state() + " " + l.expires().toEpochMilli() + " "
                + (l.clientId().isEmpty() ? "-" : l.clientId()) + " " + (l.mac() == null ? "-" : l.mac().toString())
                + " " + (l.hostname().isEmpty() ? "-" : safe(l.hostname()));
        return body + " " + crc(body) + "\n";
    }

    /** The lease on a line, or empty when the line is torn, corrupt or not ours. */
    static Optional<Lease> parse(String line) {
        int last = line.lastIndexOf(' ');
        if (last < 0 || !line.substring(last + 1).equals(crc(line.substring(0, last)))) {
            return Optional.empty();
        }
        String[] f = line.substring(0, last).split(" ");
        if (f.length != 7 || !f[0].equals("L1")) {
            return Optional.empty();
        }
        try {
            InetAddress ip = InetAddress.getByAddress(ipBytes(f[1]));
            Lease.State state = Lease.State.valueOf(f[2]);
            Instant expires = Instant.ofEpochMilli(Long.parseLong(f[3]));
            String client = f[4].equals("-") ? "" : f[4];
            MacAddress mac = f[5].equals("-") ? null : MacAddress.parse(f[5]);
            String host = f[6].equals("-") ? "" : f[6];
            return Optional.of(new Lease((Inet4Address) ip, client, mac, host, expires, state));
        } catch (IllegalArgumentException | UnknownHostException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static byte[] ipBytes(String dotted) {
        String[] p = dotted.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(p[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /** Host names come from clients: keep only what cannot break the line format. */
    static String safe(String hostname) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hostname.length() && sb.length() < 63; i++) {
            char c = hostname.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
