package net.diskless.names.files.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootptabEntry;

/**
 * bootptab(5): {@code name:tag=value:tag=value:...}, as the CMU/FreeBSD {@code bootpd} reads it
 * ({@code readfile.c}), with its {@code tc=} templates resolved.
 *
 * <p>Reading, as bootpd does:
 * <ul>
 *   <li>Blank lines and lines whose first non-blank is {@code #} are skipped; a {@code #} inside an
 *       entry is data. A line starting with white space starts a new entry, it does not continue one.</li>
 *   <li>A line ending in {@code \} continues the entry on the next line; blank and comment lines in
 *       between are skipped and the next line's leading white space is dropped. Unlike bootpd, white
 *       space after the final backslash is forgiven.</li>
 *   <li>Fields are separated by {@code :}; a colon inside double quotes is not a separator
 *       ({@code rp="10.0.0.1:/export/root"}). A backslash takes the next character literally. Values
 *       are trimmed and unquoted. Quotes do not run over a line end that has no backslash (bootpd would
 *       read on to the next quote in the file): an unterminated quote is reported and the rest of the
 *       entry dropped.</li>
 *   <li>Tags are bootpd's two-letter tags or generic {@code T1}..{@code T254}. {@code tag=value} sets,
 *       {@code tag@} removes, {@code hn} and {@code bs} may stand alone (value {@code ""}). Unknown tags,
 *       bad syntax, empty values and bad addresses are reported and that one field is left out; bootpd
 *       throws away the whole entry instead.</li>
 * </ul>
 *
 * <p>Values:
 * <ul>
 *   <li>{@code ha} must be a MAC address ({@code 0x} prefix and separators optional); it is stored in
 *       the canonical form {@code 01:23:45:67:89:ab} so {@link BootptabEntry#hardwareAddress()} always
 *       works. Unlike bootpd, {@code ha=01:23:45:67:89:ab} may be written without quotes.</li>
 *   <li>A value with a control character (NUL, tab, escape...) is reported and left out.</li>
 *   <li>Address tags ({@code ip sm sa sw ra}, and the lists {@code gw ds ts lg ns nt cs im lp rl ys}):
 *       a value that starts with a digit must be a dotted quad. A host name is let through, as bootpd
 *       lets it through to its resolver.</li>
 *   <li>Generic tags keep their quotes ({@code T129="foo"} gives {@code "foo"} with the quotes): the
 *       quotes are what tells a string from hex bytes ({@code T130=0x0102}).</li>
 *   <li>Within one entry a later tag overrides an earlier one.</li>
 * </ul>
 *
 * <p>Templates ({@code tc=name}):
 * <ul>
 *   <li>An entry gets every tag of its template that it neither sets nor removes ({@code tag@}), wherever
 *       {@code tc=} and {@code tag@} stand in the entry (bootpd applies {@code tc=} where it stands, so a
 *       {@code tag@} before it does not hold there). Several {@code tc=}: the first one named wins.</li>
 *   <li>{@code ha} and {@code ip} are never inherited, as in bootpd: they belong to one host.</li>
 *   <li>A template may use {@code tc=} itself and may be defined later in the file (bootpd needs it
 *       earlier). Chains are resolved without recursion, so any depth works.</li>
 *   <li>A loop ({@code a -> b -> a}, or {@code a -> a}) is reported and the {@code tc=} that closes it
 *       ignored. A {@code tc=} naming no entry is reported; the entry keeps its own tags.</li>
 *   <li>Entries whose name starts with {@code .} are templates: used by {@code tc=}, not returned.</li>
 * </ul>
 *
 * <p>Duplicates: the first entry with a name wins, a later one is reported and dropped (also as a
 * template). The first entry with a hardware address wins, a later one is reported and dropped, as
 * bootpd drops it.
 */
public final class BootptabFile {

    /** bootpd's {@code symbol_list}. */
    private static final Set<String> TAGS = Set.of("bf", "bs", "cs", "df", "dn", "ds", "ef", "ex", "gw", "ha",
            "hd", "hn", "ht", "im", "ip", "lg", "lp", "ms", "mw", "ns", "nt", "ra", "rl", "rp", "sa", "sm", "sw",
            "tc", "td", "to", "ts", "vm", "yd", "ys");

    /** Tags that may stand alone: {@code hn} (send the host name) and {@code bs} (boot size: auto). */
    private static final Set<String> BOOLEAN_TAGS = Set.of("hn", "bs");

    private static final Set<String> ADDRESS_TAGS = Set.of("ip", "sm", "sa", "sw", "ra");

    private static final Set<String> ADDRESS_LIST_TAGS = Set.of("gw", "ds", "ts", "lg", "ns", "nt", "cs", "im",
            "lp", "rl", "ys");

    /** bootpd's {@code htnamemap}; {@code ht} may also be a number. */
    private static final Set<String> HARDWARE_TYPES = Set.of("ethernet", "ethernet3", "ether", "ether3", "ieee802",
            "tr", "token-ring", "pronet", "chaos", "arcnet", "ax.25", "direct", "serial", "slip", "ppp");

    private static final int MAX_GENERIC_TAG = 254;

    private BootptabFile() {
    }

    public static Parsed<BootptabEntry> parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Problems problems = new Problems(fileName);
        Map<String, BootptabDefinition> definitions = new LinkedHashMap<>();
        Lines lines = new Lines(content);
        while (lines.next()) {
            String first = Text.stripLeading(lines.line());
            if (first.isEmpty() || first.charAt(0) == '#') {
                continue;
            }
            int start = lines.number();
            BootptabDefinition definition = define(start, readEntry(first, lines, start, problems), definitions, problems);
            if (definition != null) {
                definitions.put(definition.name(), definition);
            }
        }
        Map<String, Map<String, String>> resolved = BootptabTemplates.resolve(definitions, problems);
        List<BootptabEntry> entries = new ArrayList<>();
        Map<String, Integer> firstByAddress = new HashMap<>();
        for (BootptabDefinition definition : definitions.values()) {
            if (definition.isTemplate()) {
                continue;
            }
            Map<String, String> tags = resolved.get(definition.name());
            String ha = tags.get("ha");
            if (ha != null) {
                Integer first = firstByAddress.putIfAbsent(ha, definition.line());
                if (first != null) {
                    problems.add(definition.line(), () -> "duplicate hardware address " + ha + " in "
                            + Text.quote(definition.name()) + ", first at line " + first + " wins");
                    continue;
                }
            }
            entries.add(new BootptabEntry(definition.name(), tags));
        }
        return new Parsed<>(entries, problems.list());
    }

    /**
     * The text of one entry, from its first line through every line a trailing backslash continues
     * it onto. Advances {@code lines} to the entry's last line.
     */
    private static String readEntry(String first, Lines lines, int start, Problems problems) {
        String line = first;
        if (!continues(line)) {
            return line;
        }
        StringBuilder entry = new StringBuilder();
        while (true) {
            if (!continues(line)) {
                entry.append(line);
                return entry.toString();
            }
            String kept = Text.strip(line);
            entry.append(kept, 0, kept.length() - 1);
            do { // bootpd skips blank and comment lines inside a continued entry
                if (!lines.next()) {
                    problems.add(start, () -> "backslash at end of file continues into nothing");
                    return entry.toString();
                }
                line = Text.stripLeading(lines.line());
            } while (line.isEmpty() || line.charAt(0) == '#');
        }
    }

    /** Ends in an odd number of backslashes (an even number is escaped backslashes), white space aside. */
    private static boolean continues(String line) {
        int end = line.length();
        while (end > 0 && Text.isSpace(line.charAt(end - 1))) {
            end--;
        }
        int backslashes = 0;
        while (end - backslashes > 0 && line.charAt(end - backslashes - 1) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The entry, or null when it has no usable name or repeats an earlier one (reported, its fields unread). */
    private static BootptabDefinition define(int line, String text, Map<String, BootptabDefinition> earlier, Problems problems) {
        Fields fields = Fields.split(text);
        List<String> raw = fields.fields();
        if (fields.unterminatedQuote() && raw.size() == 1) {
            problems.add(line, () -> "unterminated quote in entry name " + Text.quote(Text.strip(text)));
            return null;
        }
        String name = Fields.unquote(Text.strip(raw.get(0)));
        if (name.isEmpty()) {
            problems.add(line, () -> "entry without a name: " + Text.quote(Text.strip(text)));
            return null;
        }
        if (!Text.isHostName(name)) {
            problems.add(line, () -> "bad entry name " + Text.quote(name));
            return null;
        }
        BootptabDefinition first = earlier.get(name);
        if (first != null) {
            problems.add(line, () -> "duplicate entry " + Text.quote(name) + ", first at line " + first.line() + " wins");
            return null;
        }
        BootptabDefinition definition = new BootptabDefinition(name, line, new LinkedHashMap<>(), new ArrayList<>());
        for (int i = 1; i < raw.size(); i++) {
            String field = Text.strip(raw.get(i));
            if (field.isEmpty()) {
                continue; // "::" and the colon ending a continued line
            }
            if (fields.unterminatedQuote() && i == raw.size() - 1) {
                problems.add(line, () -> "unterminated quote in " + Text.quote(field) + " of " + name
                        + ", rest of the entry ignored");
                break;
            }
            int more = macOctetsAfter(field, raw, i);
            if (more > 0) {
                tag(definition, field + ":" + String.join(":", raw.subList(i + 1, i + 1 + more).stream().map(Text::strip).toList()),
                        problems);
                i += more;
            } else {
                tag(definition, field, problems);
            }
        }
        return definition;
    }

    /**
     * 5 when {@code field} is {@code ha=} with one octet and the next five fields are octets too:
     * {@code ha=01:23:45:67:89:ab} written without quotes. bootpd would stop at the first colon
     * (it wants quotes or dots); no tag looks like a lone hex octet, so taking the colons as part of
     * the address is safe.
     */
    private static int macOctetsAfter(String field, List<String> raw, int i) {
        if (!field.startsWith("ha") || i + 5 >= raw.size()) {
            return 0;
        }
        String rest = Text.stripLeading(field.substring(2));
        if (rest.isEmpty() || rest.charAt(0) != '=' || !isOctet(Text.strip(rest.substring(1)))) {
            return 0;
        }
        for (int k = i + 1; k <= i + 5; k++) {
            if (!isOctet(Text.strip(raw.get(k)))) {
                return 0;
            }
        }
        return 5;
    }

    private static boolean isOctet(String s) {
        return (s.length() == 1 || s.length() == 2) && Text.isAsciiHex(s.charAt(0)) && Text.isAsciiHex(s.charAt(s.length() - 1));
    }

    /** Reads one {@code tag}, {@code tag=value} or {@code tag@} field into the definition. */
    private static void tag(BootptabDefinition d, String field, Problems problems) {
        String key;
        String rest;
        if (field.length() > 1 && field.charAt(0) == 'T' && Text.isAsciiDigit(field.charAt(1))) {
            int end = 1;
            while (end < field.length() && Text.isAsciiDigit(field.charAt(end))) {
                end++;
            }
            int significant = 1;
            while (significant < end - 1 && field.charAt(significant) == '0') {
                significant++;
            }
            // count digits first: T followed by a million digits must not overflow into a valid number
            int number = end - significant > 3 ? Integer.MAX_VALUE : Integer.parseInt(field, significant, end, 10);
            if (number < 1 || number > MAX_GENERIC_TAG) {
                String written = field.substring(0, end);
                problems.add(d.line(), () -> "generic tag " + Text.quote(written) + " of " + d.name()
                        + " out of range T1..T" + MAX_GENERIC_TAG);
                return;
            }
            key = "T" + number;
            rest = Text.stripLeading(field.substring(end));
            if (rest.isEmpty()) {
                problems.add(d.line(), () -> "generic tag " + key + " of " + d.name() + " needs a value");
                return;
            }
        } else {
            key = field.length() < 2 ? field : field.substring(0, 2);
            if (!TAGS.contains(key)) {
                problems.add(d.line(), () -> "unknown tag " + Text.quote(key) + " in " + d.name());
                return;
            }
            rest = Text.stripLeading(field.substring(2));
        }

        if (rest.isEmpty()) {
            if (!BOOLEAN_TAGS.contains(key)) {
                problems.add(d.line(), () -> "tag " + key + " of " + d.name() + " needs a value");
                return;
            }
            d.own().put(key, Optional.of(""));
            return;
        }
        char op = rest.charAt(0);
        if (op == '@') {
            if (key.equals("tc")) {
                problems.add(d.line(), () -> "tc@ in " + d.name() + " means nothing, ignored");
                return;
            }
            d.own().put(key, Optional.empty());
            return;
        }
        if (op != '=') {
            problems.add(d.line(), () -> "bad field " + Text.quote(field) + " in " + d.name());
            return;
        }
        String written = Text.strip(rest.substring(1));
        String value = Fields.unquote(written);
        if (key.equals("hn")) {
            problems.add(d.line(), () -> "hn of " + d.name() + " takes no value, write hn alone");
            return;
        }
        if (value.isEmpty()) {
            problems.add(d.line(), () -> "empty value for " + key + " of " + d.name());
            return;
        }
        if (key.equals("tc")) {
            d.templates().add(value);
            return;
        }
        String checked = check(d, key, value, problems);
        if (checked == null) {
            d.own().put(key, Optional.empty()); // what was written is wrong: do not inherit a value in its place
            return;
        }
        if (key.startsWith("T") && written.startsWith("\"")) {
            checked = "\"" + checked + "\"";
        }
        d.own().put(key, Optional.of(checked));
    }

    /** The value to store, or null after reporting why it is bad. */
    private static String check(BootptabDefinition d, String key, String value, Problems problems) {
        if (Text.hasControl(value)) {
            problems.add(d.line(), () -> "control character in " + key + " of " + d.name() + ": " + Text.quote(value));
            return null;
        }
        if (key.equals("ha")) {
            String hex = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
            MacAddress mac = Text.mac(hex);
            if (mac == null) {
                problems.add(d.line(), () -> "bad hardware address " + Text.quote(value) + " for " + d.name());
                return null;
            }
            return mac.toString();
        }
        if (key.equals("ht")) {
            boolean number = value.length() <= 3 && Text.isAsciiDigits(value);
            if (!number && !HARDWARE_TYPES.contains(value.toLowerCase(Locale.ROOT))) {
                problems.add(d.line(), () -> "unknown hardware type " + Text.quote(value) + " for " + d.name());
                return null;
            }
            return value;
        }
        boolean single = ADDRESS_TAGS.contains(key);
        if (single || ADDRESS_LIST_TAGS.contains(key)) {
            List<String> addresses = Text.fields(value, Integer.MAX_VALUE);
            if (single && addresses.size() > 1) {
                problems.add(d.line(), () -> key + " of " + d.name() + " takes one address, not " + Text.quote(value));
                return null;
            }
            for (String address : addresses) {
                // bootpd sends a name (not starting with a digit) to the resolver; a number must be a dotted quad
                if (Text.isAsciiDigit(address.charAt(0)) && Text.ipv4(address) == null) {
                    problems.add(d.line(), () -> key + " of " + d.name() + ": " + Text.ipv4Problem(address));
                    return null;
                }
            }
        }
        return value;
    }
}
