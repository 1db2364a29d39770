package net.diskless.bootparams.internal.logic;

import java.util.Objects;

/** An answer to send, or why there is none (bootparamd stays silent then: the client asks elsewhere). */
public sealed interface Outcome<T> {

    record Answer<T>(T value, String hostname) implements Outcome<T> {
        public Answer {
            Objects.requireNonNull(value, "value");
        }
    }

    record Silent<T>(String reason, String hostname) implements Outcome<T> {
        public Silent {
            Objects.requireNonNull(reason, "reason");
            hostname = hostname == null ? "" : hostname;
        }
    }
}
