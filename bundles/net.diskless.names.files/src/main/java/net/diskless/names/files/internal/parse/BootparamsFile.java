package net.diskless.names.files.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;

/**
 * bootparams(5): {@code client key=value key=value ...}, as Solaris' and netkit's
 * {@code rpc.bootparamd} read it.
 *
 * <ul>
 *   <li>A line ending in {@code \} continues on the next line (white space after the backslash is
 *       forgiven). The backslash and the line break become one space, so {@code root=a:/b\} followed
 *       by {@code swap=...} is two parameters. Solaris glues the lines together and netkit keeps the
 *       backslash in the value; neither is what anyone means.</li>
 *   <li>Continued lines are joined first, then {@code #} cuts to the end of the joined entry (Solaris'
 *       order). So a comment ending in a backslash swallows the next line; that is reported, it is
 *       almost never meant.</li>
 *   <li>The client is a host name or {@code *}, the wildcard entry. A NIS {@code +} line is reported
 *       and skipped: which sources to ask is nsswitch's business.</li>
 *   <li>Values are anything without white space ({@code domain=foo}, Solaris'
 *       {@code ns=server:nis(255.255.255.0)}); {@code root}, {@code swap} and {@code dump} must be
 *       {@code server:path}, as {@code rpc.bootparamd} splits them.</li>
 *   <li>A parameter without {@code =}, with an empty or odd key (keys are name-like: letters, digits,
 *       {@code . _ -}), an empty value, a control character in the value, or a bad file value: that
 *       parameter is reported and left out, the entry stands.</li>
 *   <li>A client with no parameters is an entry (netkit answers that the client is known).</li>
 *   <li>The same key twice in an entry: the first wins, as {@code rpc.bootparamd} stops at the first
 *       match; the later one is reported and left out.</li>
 *   <li>The same client twice: the first entry wins, the later one is reported and skipped.</li>
 * </ul>
 */
public final class BootparamsFile {

    /** Keys {@code rpc.bootparamd} hands out as files, split into server and path at the first colon. */
    private static final Set<String> FILE_KEYS = Set.of("root", "swap", "dump");

    private BootparamsFile() {
    }

    public static Parsed<BootParams> parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Problems problems = new Problems(fileName);
        List<BootParams> entries = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        Lines lines = new Lines(content);
        while (lines.next()) {
            int start = lines.number();
            String text = Text.stripComment(joinContinued(lines, start, problems));
            List<String> fields = Text.fields(text, Integer.MAX_VALUE);
            if (fields.isEmpty()) {
                continue;
            }
            String client = fields.get(0);
            if (client.startsWith("+")) {
                problems.add(start, () -> "NIS entry " + Text.quote(client) + " not supported here; list nis in nsswitch");
                continue;
            }
            if (!client.equals(BootParams.WILDCARD) && !Text.isHostName(client)) {
                problems.add(start, () -> "bad client name " + Text.quote(client));
                continue;
            }
            Integer first = firstLine.putIfAbsent(client, start);
            if (first != null) {
                problems.add(start, () -> "duplicate bootparams entry for " + client + ", first at line " + first + " wins");
                continue;
            }
            entries.add(new BootParams(client, params(client, fields.subList(1, fields.size()), start, problems)));
        }
        return new Parsed<>(entries, problems.list());
    }

    private static List<BootParam> params(String client, List<String> tokens, int line, Problems problems) {
        List<BootParam> params = new ArrayList<>(tokens.size());
        Set<String> keys = new HashSet<>();
        for (String token : tokens) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                problems.add(line, () -> "missing '=' in " + Text.quote(token) + " for " + client);
                continue;
            }
            if (eq == 0) {
                problems.add(line, () -> "empty key in " + Text.quote(token) + " for " + client);
                continue;
            }
            String key = token.substring(0, eq);
            String value = token.substring(eq + 1);
            if (!Text.isHostName(key)) {
                problems.add(line, () -> "bad key " + Text.quote(key) + " for " + client);
                continue;
            }
            if (Text.hasControl(value)) {
                problems.add(line, () -> "control character in " + key + " for " + client + ": " + Text.quote(value));
                continue;
            }
            if (value.isEmpty()) {
                problems.add(line, () -> "empty value for " + Text.quote(key) + " for " + client);
                continue;
            }
            if (FILE_KEYS.contains(key) && value.indexOf(':') <= 0) {
                problems.add(line, () -> key + " for " + client + " needs server:path, not " + Text.quote(value));
                continue;
            }
            if (!keys.add(key)) {
                problems.add(line, () -> "duplicate key " + Text.quote(key) + " for " + client + ", the first wins");
                continue;
            }
            params.add(new BootParam(key, value));
        }
        return params;
    }

    /**
     * The current line and every line it continues onto, backslashes replaced by spaces. Advances
     * {@code lines} to the last line of the entry.
     */
    private static String joinContinued(Lines lines, int start, Problems problems) {
        String line = lines.line();
        if (!continues(line)) {
            return line; // the common case, no copying
        }
        StringBuilder text = new StringBuilder();
        boolean inComment = false;
        int swallowed = 0;
        while (true) {
            boolean continued = continues(line);
            String segment = continued ? Text.strip(line) : line;
            if (continued) {
                segment = segment.substring(0, segment.length() - 1);
            }
            if (inComment && swallowed == 0) {
                swallowed = lines.number();
            }
            inComment |= segment.indexOf('#') >= 0;
            text.append(segment);
            if (!continued) {
                break;
            }
            text.append(' ');
            if (!lines.next()) {
                problems.add(start, () -> "backslash at end of file continues into nothing");
                break;
            }
            line = lines.line();
        }
        if (swallowed > 0) {
            int lost = swallowed;
            problems.add(start, () -> "comment ending in a backslash swallows line " + lost);
        }
        return text.toString();
    }

    private static boolean continues(String line) {
        int end = line.length();
        while (end > 0 && Text.isSpace(line.charAt(end - 1))) {
            end--;
        }
        return end > 0 && line.charAt(end - 1) == '\\';
    }
}
