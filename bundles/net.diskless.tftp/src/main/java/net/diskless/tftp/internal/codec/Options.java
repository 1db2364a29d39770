package net.diskless.tftp.internal.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The one way option maps are copied, so every packet and negotiation result has the same guarantees. */
final class Options {

    private Options() {
    }

    /**
     * An unmodifiable copy with lower-cased names in the order given. RFC 2347 option names are
     * case-insensitive, so two spellings of one name are one option: the first wins, as in decoding.
     */
    static Map<String, String> copy(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        if (options.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            requireNoNul(Objects.requireNonNull(name, "option name"), "option name");
            requireNoNul(Objects.requireNonNull(value, "option value"), "option value");
            copy.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A NUL inside a string would end it early on the wire and change the packet's meaning. */
    static String requireNoNul(String s, String what) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains NUL");
        }
        return s;
    }
}
