package net.diskless.api.directory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory's answer to one lookup: the value, which source gave it, and what every source that
 * was asked said on the way (for the shell's "why" and for logs).
 *
 * @param value   the entry, or {@code null} when no source had it
 * @param source  the name of the source that answered, or {@code ""}
 * @param attempts every source asked, in order
 */
public record Answer<T>(T value, String source, List<Attempt> attempts) {

    /** What one source said. */
    public record Attempt(String source, Status status, String detail) {
        public Attempt {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(status, "status");
            detail = detail == null ? "" : detail;
        }
    }

    /** The nsswitch.conf status names. */
    public enum Status { SUCCESS, NOTFOUND, UNAVAIL }

    public Answer {
        attempts = List.copyOf(attempts);
        source = source == null ? "" : source;
    }

    public static <T> Answer<T> none(List<Attempt> attempts) {
        return new Answer<>(null, "", attempts);
    }

    public boolean found() {
        return value != null;
    }

    public Optional<T> optional() {
        return Optional.ofNullable(value);
    }

    public <U> Answer<U> map(java.util.function.Function<T, U> f) {
        return new Answer<>(value == null ? null : f.apply(value), source, attempts);
    }
}
