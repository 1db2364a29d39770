package net.diskless.tftp.internal.files;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rewrite of a requested file name, in the spirit of tftp-hpa's {@code -m} rules: where {@code pattern} is
 * found in the name (a search, not a whole match: anchor with {@code ^}/{@code $}), the match is replaced.
 *
 * @param pattern     the regular expression (case-insensitive when the rule had the {@code i} flag)
 * @param replacement in {@link Matcher#replaceAll(String) java.util.regex} syntax: {@code $0} the whole match,
 *                    {@code $1}..{@code $9} groups, {@code ${name}} named groups, {@code \} escapes the next
 *                    character; plus two tftp-hpa escapes expanded per request: {@code \i} the client's address
 *                    ({@code 10.1.2.3}) and {@code \x} its upper-case hex ({@code 0A010203}, 32 digits for IPv6).
 *                    {@link RemapRules#parse} converts tftp-hpa's {@code \1} to {@code $1} before it gets here
 * @param global      replace every match ({@code g}), not only the first
 * @param stop        when this rule matched, apply no further rules ({@code e})
 * @param client      when present, the rule applies only to clients in that network
 */
public record RemapRule(Pattern pattern, String replacement, boolean global, boolean stop,
        Optional<ClientNetwork> client) {

    public RemapRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(client, "client");
    }

    /** Whether the rule's client restriction admits {@code address} (always, when it has none). */
    public boolean appliesTo(InetAddress address) {
        return client.isEmpty() || client.get().contains(address);
    }

    /**
     * The rewritten name, or empty when the rule does not apply to this client or its pattern is not found in
     * {@code name}. A match that leaves the name unchanged still counts as a match (for {@link #stop}).
     */
    public Optional<String> rewrite(String name, InetAddress address) {
        if (!appliesTo(address)) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(name);
        if (!m.find()) {
            return Optional.empty();
        }
        m.reset();
        String r = expandClientEscapes(replacement, address);
        return Optional.of(global ? m.replaceAll(r) : m.replaceFirst(r));
    }

    /** The rule as it would be written in a rules file: {@code REGEX REPLACEMENT [flags] [client=CIDR]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(pattern.pattern()).append(' ')
                .append(replacement.isEmpty() ? "\"\"" : replacement);
        String flags = (global ? "g" : "") + ((pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 ? "i" : "")
                + (stop ? "e" : "");
        if (!flags.isEmpty()) {
            b.append(' ').append(flags);
        }
        client.ifPresent(c -> b.append(" client=").append(c));
        return b.toString();
    }

    private static String expandClientEscapes(String replacement, InetAddress address) {
        if (replacement.indexOf('\\') < 0) {
            return replacement;
        }
        StringBuilder b = new StringBuilder(replacement.length() + 16);
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(++i);
                if (next == 'i') {
                    b.append(address == null ? "" : ClientNetwork.hostText(ClientNetwork.unmapped(address)));
                } else if (next == 'x') {
                    b.append(address == null ? ""
                            : HexFormat.of().withUpperCase().formatHex(ClientNetwork.unmapped(address).getAddress()));
                } else {
                    b.append(c).append(next);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString(); // addresses are digits, hex, '.' and ':' only: nothing to quote
    }
}
