package net.diskless.api.names;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code key=value} of a bootparams(5) entry. For file keys ({@code root}, {@code swap},
 * {@code dump}, …) the value is {@code server:path}; other keys (Solaris' {@code ns=}, {@code domain=})
 * carry other values, so the split into server and path is offered, not imposed.
 */
public record BootParam(String key, String value) {

    public BootParam {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The server of a {@code server:path} value. */
    public Optional<String> server() {
        int colon = value.indexOf(':');
        return colon > 0 ? Optional.of(value.substring(0, colon)) : Optional.empty();
    }

    /** The path of a {@code server:path} value (empty path for {@code server:}). */
    public Optional<String> path() {
        int colon = value.indexOf(':');
        return colon > 0 ? Optional.of(value.substring(colon + 1)) : Optional.empty();
    }
}
