package net.diskless.tftp.internal.files;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import net.diskless.tftp.internal.codec.Printable;

/**
 * Remap rules for requested file names, in the spirit of tftp-hpa's {@code -m} file.
 *
 * <h2>Syntax</h2>
 * One rule per line, whitespace-separated tokens: {@code REGEX REPLACEMENT [FLAGS] [client=CIDR]}.
 * <ul>
 * <li>{@code REGEX}: a {@link Pattern java.util.regex} pattern, searched for anywhere in the name (anchor with
 * {@code ^} and {@code $}). Rules see the name after backslashes were turned into {@code /}, before leading
 * slashes are stripped (so {@code ^/?boot/} matches both {@code boot/x} and {@code /boot/x}).</li>
 * <li>{@code REPLACEMENT}: Java replacement syntax: {@code $0} whole match, {@code $1}.. groups, {@code ${name}},
 * {@code \$} a literal dollar, {@code \\} a literal backslash. tftp-hpa's {@code \0}..{@code \9} are accepted and
 * converted to {@code $0}..{@code $9} (so {@code \10} stays "group 1, then 0" as in tftp-hpa). tftp-hpa's
 * {@code \i} (client address) and {@code \x} (client address in hex) are expanded per request. The token
 * {@code ""} stands for an empty replacement.</li>
 * <li>{@code FLAGS}: letters in one token: {@code g} replace every match, {@code i} case-insensitive, {@code e}
 * end: when this rule matched, apply no further rule.</li>
 * <li>{@code client=CIDR}: the rule applies only to clients in that IPv4 or IPv6 network ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}, or a single address).</li>
 * </ul>
 * A backslash escapes the next character inside a token, so {@code a\ b} is one token (a regex matching
 * "a b"). A token starting with {@code #} begins a comment to the end of the line; blank lines are ignored.
 *
 * <p>Rules apply in order, each to the result of the previous one. A line with a problem is reported in
 * {@link #problems()} as {@code "rule N: ..."}, N being the 1-based index of the line in the list given to
 * {@link #parse}, and left out; the other rules still apply.
 *
 * <p>A regular expression with catastrophic backtracking is the administrator's responsibility. The output is
 * bounded: once a rewrite makes the name longer than {@link #MAX_RESULT_LENGTH}, no further rule is applied and
 * {@link FileResolver} denies the request.
 */
public final class RemapRules {

    /** A remapped name longer than this is refused by {@link FileResolver}. */
    public static final int MAX_RESULT_LENGTH = 4096;

    private static final RemapRules NONE = new RemapRules(List.of(), List.of());

    private final List<RemapRule> rules;
    private final List<String> problems;

    private RemapRules(List<RemapRule> rules, List<String> problems) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
    }

    /** No rules: names are left as they are. */
    public static RemapRules none() {
        return NONE;
    }

    /** Rules built in code. */
    public static RemapRules of(List<RemapRule> rules) {
        return new RemapRules(rules, List.of());
    }

    /** Parses rule lines (see the class comment); never throws for bad content. */
    public static RemapRules parse(List<String> lines) {
        Objects.requireNonNull(lines, "lines");
        List<RemapRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null) {
                continue;
            }
            try {
                parseLine(line).ifPresent(rules::add);
            } catch (IllegalArgumentException e) {
                problems.add("rule " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new RemapRules(rules, problems);
    }

    public List<RemapRule> rules() {
        return rules;
    }

    /** What was wrong with the lines given to {@link #parse}, one entry per left-out line; empty when all is well. */
    public List<String> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** {@code name} after every applicable rule (see {@link #remap}). */
    public String apply(String name, InetAddress client) {
        return remap(name, client).name();
    }

    /** The outcome of remapping a name, with the rules that matched. */
    public record Remapped(String name, List<RemapRule> matched) {
        public Remapped {
            Objects.requireNonNull(name, "name");
            matched = List.copyOf(matched);
        }

        /** Whether the result exceeds {@link #MAX_RESULT_LENGTH} (the request must then be refused). */
        public boolean tooLong() {
            return name.length() > MAX_RESULT_LENGTH;
        }
    }

    /**
     * Applies the rules in order to {@code name} for {@code client} (which may be null: then only rules without a
     * client restriction apply, and {@code \i}/{@code \x} expand to nothing). Stops after a matching {@code e} rule,
     * or as soon as the name grows beyond {@link #MAX_RESULT_LENGTH}.
     */
    public Remapped remap(String name, InetAddress client) {
        Objects.requireNonNull(name, "name");
        String current = name;
        List<RemapRule> matched = new ArrayList<>(2);
        for (RemapRule rule : rules) {
            Optional<String> rewritten = rule.rewrite(current, client);
            if (rewritten.isEmpty()) {
                continue;
            }
            current = rewritten.get();
            matched.add(rule);
            if (rule.stop() || current.length() > MAX_RESULT_LENGTH) {
                break;
            }
        }
        return new Remapped(current, matched);
    }

    @Override
    public String toString() {
        return "RemapRules" + rules;
    }

    // ---- parsing

    private static Optional<RemapRule> parseLine(String line) {
        List<String> tokens = tokens(line);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        if (tokens.size() < 2) {
            throw new IllegalArgumentException("missing replacement (want: REGEX REPLACEMENT [flags] [client=CIDR])");
        }
        String flags = null;
        ClientNetwork client = null;
        for (String t : tokens.subList(2, tokens.size())) {
            if (t.startsWith("client=")) {
                if (client != null) {
                    throw new IllegalArgumentException("more than one client=");
                }
                String cidr = t.substring("client=".length());
                try {
                    client = ClientNetwork.parse(cidr);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad client network \"" + show(cidr) + "\": " + e.getMessage());
                }
            } else if (flags == null) {
                for (int i = 0; i < t.length(); i++) {
                    if ("gie".indexOf(t.charAt(i)) < 0) {
                        throw new IllegalArgumentException("unknown flag '" + show(String.valueOf(t.charAt(i)))
                                + "' in \"" + show(t) + "\" (known: g, i, e)");
                    }
                }
                flags = t;
            } else {
                throw new IllegalArgumentException("unexpected \"" + show(t) + "\" after the flags");
            }
        }
        String f = flags == null ? "" : flags;
        Pattern pattern;
        try {
            pattern = Pattern.compile(tokens.get(0), f.indexOf('i') >= 0 ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex \"" + show(tokens.get(0)) + "\": " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        String replacement = tokens.get(1).equals("\"\"") ? "" : convertReplacement(tokens.get(1));
        checkReplacement(replacement, pattern);
        return Optional.of(new RemapRule(pattern, replacement, f.indexOf('g') >= 0, f.indexOf('e') >= 0,
                Optional.ofNullable(client)));
    }

    /** Splits on unescaped whitespace; a backslash and the character after it stay in the token as they are. */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                current.append(c);
                if (i + 1 < line.length()) {
                    current.append(line.charAt(++i));
                }
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else if (c == '#' && !inToken) {
                break; // comment to the end of the line
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /**
     * tftp-hpa's {@code \N} becomes {@code $N}; a digit right after it is escaped so Java does not read a
     * two-digit group number. Every other {@code \c} is kept: Java reads it as a literal {@code c}, as tftp-hpa
     * does ({@code \i} and {@code \x} are expanded later by {@link RemapRule}).
     */
    static String convertReplacement(String r) {
        StringBuilder b = new StringBuilder(r.length());
        boolean afterGroup = false;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length()) {
                char next = r.charAt(++i);
                if (next >= '0' && next <= '9') {
                    b.append('$').append(next);
                    afterGroup = true;
                    continue;
                }
                b.append(c).append(next);
            } else if (afterGroup && c >= '0' && c <= '9') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
            afterGroup = false;
        }
        return b.toString();
    }

    /** Rejects what {@link java.util.regex.Matcher#replaceAll(String)} would only reject at the first match. */
    private static void checkReplacement(String r, Pattern pattern) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                if (++i >= r.length()) {
                    throw new IllegalArgumentException("bad replacement \"" + show(r) + "\": ends with a backslash");
                }
            } else if (c == '$') {
                if (++i >= r.length()) {
                    throw new IllegalArgumentException("bad replacement \"" + show(r)
                            + "\": ends with '$' (write \\$ for a dollar)");
                }
                char next = r.charAt(i);
                if (next >= '0' && next <= '9') {
                    if (next - '0' > groups) {
                        throw new IllegalArgumentException("bad replacement \"" + show(r) + "\": no group " + next
                                + " (the regex has " + groups + ")");
                    }
                    // Java reads further digits only while they name an existing group: always valid
                } else if (next == '{') {
                    int close = r.indexOf('}', i);
                    String name = close < 0 ? "" : r.substring(i + 1, close);
                    if (!name.matches("[A-Za-z][A-Za-z0-9]*") || !pattern.pattern().contains("(?<" + name + ">")) {
                        throw new IllegalArgumentException("bad replacement \"" + show(r) + "\": no group named \""
                                + show(name) + "\"");
                    }
                    i = close;
                } else {
                    throw new IllegalArgumentException("bad replacement \"" + show(r)
                            + "\": '$' must be followed by a group number or {name} (write \\$ for a dollar)");
                }
            }
        }
    }

    private static String show(String s) {
        return Printable.escape(s, 60);
    }
}
