package net.diskless.api.names;

import java.util.Objects;
import java.util.Optional;

/**
 * What one source says about one key, in the three states nsswitch.conf distinguishes:
 * the entry, "no such entry" (NOTFOUND) and "cannot tell right now" (UNAVAIL / TRYAGAIN).
 */
public sealed interface LookupResult<T> {

    record Found<T>(T value) implements LookupResult<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    record NotFound<T>() implements LookupResult<T> {
    }

    record Unavailable<T>(String reason) implements LookupResult<T> {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> LookupResult<T> found(T value) {
        return new Found<>(value);
    }

    static <T> LookupResult<T> notFound() {
        return new NotFound<>();
    }

    static <T> LookupResult<T> unavailable(String reason) {
        return new Unavailable<>(reason);
    }

    static <T> LookupResult<T> ofOptional(Optional<T> value) {
        return value.<LookupResult<T>>map(Found::new).orElseGet(NotFound::new);
    }

    default Optional<T> asOptional() {
        return this instanceof Found<T> f ? Optional.of(f.value()) : Optional.empty();
    }
}
