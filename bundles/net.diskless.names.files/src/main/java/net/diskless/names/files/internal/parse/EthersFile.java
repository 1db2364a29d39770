package net.diskless.names.files.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.diskless.api.MacAddress;
import net.diskless.api.names.EthersEntry;

/**
 * ethers(5): one {@code MAC hostname} per line, as glibc's {@code ether_ntohost()} reads it.
 *
 * <ul>
 *   <li>{@code #} starts a comment anywhere on a line; blank lines are skipped; fields are separated
 *       by spaces or tabs. There is no line continuation.</li>
 *   <li>Fields after the host name are ignored, as glibc ignores them.</li>
 *   <li>The MAC may be written in any form {@link MacAddress#parse} takes ({@code 8:0:20:1:2:3},
 *       {@code 08-00-20-01-02-03}, {@code 0800.2001.0203}, {@code 080020010203}); glibc only takes
 *       the colon form, so we read a superset.</li>
 *   <li>A bad MAC, a missing or invalid host name: the line is reported and skipped.</li>
 *   <li>The same MAC twice: the first line wins, as {@code ether_ntohost()} stops at the first match;
 *       the later line is reported. The same host name with several MACs is fine (a host with
 *       several interfaces).</li>
 * </ul>
 */
public final class EthersFile {

    private EthersFile() {
    }

    public static Parsed<EthersEntry> parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Problems problems = new Problems(fileName);
        List<EthersEntry> entries = new ArrayList<>();
        Map<MacAddress, Integer> firstLine = new HashMap<>();
        for (Lines lines = new Lines(content); lines.next();) {
            int line = lines.number();
            List<String> fields = Text.fields(Text.stripComment(lines.line()), 2);
            if (fields.isEmpty()) {
                continue;
            }
            MacAddress mac = Text.mac(fields.get(0));
            if (mac == null) {
                problems.add(line, () -> "bad MAC address " + Text.quote(fields.get(0)));
                continue;
            }
            if (fields.size() < 2) {
                problems.add(line, () -> "missing host name after " + mac);
                continue;
            }
            String host = fields.get(1);
            if (!Text.isHostName(host)) {
                problems.add(line, () -> "bad host name " + Text.quote(host));
                continue;
            }
            Integer first = firstLine.putIfAbsent(mac, line);
            if (first != null) {
                problems.add(line, () -> "duplicate ethers entry for " + mac + ", first at line " + first + " wins");
                continue;
            }
            entries.add(new EthersEntry(mac, host));
        }
        return new Parsed<>(entries, problems.list());
    }
}
