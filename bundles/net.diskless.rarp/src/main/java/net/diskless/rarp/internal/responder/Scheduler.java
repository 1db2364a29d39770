package net.diskless.rarp.internal.responder;

/**
 * Runs delayed replies. The component uses one thread (Solaris' "delayed responder"); tests use a manual
 * clock, so delays are tested without sleeping.
 */
public interface Scheduler {

    /** A scheduled task that may still be cancelled. */
    interface Task {
        /** True when it was cancelled before it ran. */
        boolean cancel();
    }

    Task schedule(Runnable task, long delayMillis);
}
