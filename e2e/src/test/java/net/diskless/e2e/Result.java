package net.diskless.e2e;

/**
 * What a bounded command left behind. {@code timedOut} is true when the command was still running at its
 * deadline and its process tree was killed; {@code exit} is then {@link #TIMED_OUT}.
 */
public record Result(int exit, String stdout, String stderr, boolean timedOut) {

    public static final int TIMED_OUT = -1;

    public boolean ok() {
        return exit == 0 && !timedOut;
    }

    /** Meant for assertion messages: everything a failure needs, in one string. */
    @Override
    public String toString() {
        return (timedOut ? "TIMED OUT" : "exit " + exit) + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
