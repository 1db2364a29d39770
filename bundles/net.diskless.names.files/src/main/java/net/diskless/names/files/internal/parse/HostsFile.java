package net.diskless.names.files.internal.parse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.diskless.api.names.HostEntry;

/**
 * hosts(5): {@code address canonical_name [aliases...]} per line, as glibc's files backend reads it,
 * but never asking DNS about anything.
 *
 * <ul>
 *   <li>{@code #} starts a comment anywhere on a line; blank lines are skipped; no line continuation.</li>
 *   <li>IPv4 must be a dotted quad of four decimal octets 0-255. The shorthands {@code inet_aton()}
 *       also takes ({@code 127.1}, {@code 0x7f.1}) and leading zeros (octal to the C library) are
 *       reported, not guessed at.</li>
 *   <li>IPv6 literals are accepted; one with a zone ({@code fe80::1%eth0}) is reported and the line
 *       skipped, as glibc's {@code inet_pton()} rejects it too. An IPv4-mapped literal
 *       ({@code ::ffff:10.0.0.1}) comes back as the IPv4 address, Java's usual reading.</li>
 *   <li>A bad address, a missing or invalid canonical name: the line is reported and skipped. An
 *       invalid alias is reported and left out; the rest of the line stands.</li>
 *   <li>One {@link HostEntry} per line, duplicates included: merging the lines of one name is the
 *       caller's business.</li>
 * </ul>
 */
public final class HostsFile {

    /** The longest IPv6 text there is: eight groups, or six and a dotted quad ({@code ffff:...:255.255.255.255}). */
    private static final int MAX_IPV6_TEXT = 45;

    private HostsFile() {
    }

    public static Parsed<HostEntry> parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Problems problems = new Problems(fileName);
        List<HostEntry> entries = new ArrayList<>();
        for (Lines lines = new Lines(content); lines.next();) {
            int line = lines.number();
            List<String> fields = Text.fields(Text.stripComment(lines.line()), Integer.MAX_VALUE);
            if (fields.isEmpty()) {
                continue;
            }
            String literal = fields.get(0);
            InetAddress address;
            if (literal.indexOf('%') >= 0) {
                problems.add(line, () -> "scoped IPv6 address " + Text.quote(literal) + " not supported");
                continue;
            } else if (literal.indexOf(':') >= 0) {
                address = ipv6(literal);
                if (address == null) {
                    problems.add(line, () -> "bad address " + Text.quote(literal));
                    continue;
                }
            } else {
                address = Text.ipv4(literal);
                if (address == null) {
                    problems.add(line, () -> Text.ipv4Problem(literal));
                    continue;
                }
            }
            if (fields.size() < 2) {
                problems.add(line, () -> "missing host name after " + Text.quote(literal));
                continue;
            }
            String canonical = fields.get(1);
            if (!Text.isHostName(canonical)) {
                problems.add(line, () -> "bad host name " + Text.quote(canonical));
                continue;
            }
            List<String> aliases = new ArrayList<>(fields.size() - 2);
            for (String alias : fields.subList(2, fields.size())) {
                if (Text.isHostName(alias)) {
                    aliases.add(alias);
                } else {
                    problems.add(line, () -> "bad alias " + Text.quote(alias) + " left out");
                }
            }
            entries.add(new HostEntry(canonical, aliases, List.of(address)));
        }
        return new Parsed<>(entries, problems.list());
    }

    /**
     * Parses an IPv6 literal, or returns null. Only text that contains a colon, starts with a hex
     * digit or a colon and holds nothing but hex digits, colons and dots reaches
     * {@link InetAddress#getByName}: the JDK then parses it as a literal or throws, it never asks
     * the resolver (it only resolves text that cannot be a literal).
     */
    private static InetAddress ipv6(String text) {
        if (text.length() > MAX_IPV6_TEXT || text.indexOf(':') < 0) {
            return null;
        }
        char first = text.charAt(0);
        if (!Text.isAsciiHex(first) && first != ':') {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Text.isAsciiHex(c) && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
