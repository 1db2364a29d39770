package net.diskless.rarp.internal.responder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler on a manual clock: tasks run only when the test advances time past their deadline. */
final class ManualScheduler implements Scheduler {

    private final class Entry implements Task {
        final long due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            boolean was = queue.remove(this);
            cancelled = true;
            return was;
        }
    }

    private final List<Entry> queue = new ArrayList<>();
    private long now;
    private long scheduled;

    @Override
    public Task schedule(Runnable task, long delayMillis) {
        Entry e = new Entry(now + delayMillis, scheduled++, task);
        queue.add(e);
        return e;
    }

    /** Moves the clock forward, running every task that falls due on the way, in deadline order. */
    void advance(long millis) {
        long target = now + millis;
        while (true) {
            Entry next = queue.stream().filter(e -> e.due <= target)
                    .min(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.order)).orElse(null);
            if (next == null) {
                break;
            }
            queue.remove(next);
            now = next.due;
            next.task.run();
        }
        now = target;
    }

    int waiting() {
        return queue.size();
    }

    long now() {
        return now;
    }
}
