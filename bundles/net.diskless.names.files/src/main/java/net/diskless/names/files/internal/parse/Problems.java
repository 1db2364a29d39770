package net.diskless.names.files.internal.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the problems of one file. Keeps at most {@link #LIMIT} of them: a binary file read by
 * mistake has a "bad line" every few hundred bytes, and thousands of log lines help nobody. The
 * rest are counted in one last problem.
 */
final class Problems {

    static final int LIMIT = 500;

    private final String file;
    private final List<Problem> kept = new ArrayList<>();
    private int dropped;
    private int firstDroppedLine;

    Problems(String file) {
        this.file = file;
    }

    /** The reason is only built for a problem that is kept: a flood of thousands costs no string work. */
    void add(int line, Supplier<String> reason) {
        if (kept.size() < LIMIT) {
            kept.add(new Problem(file, line, reason.get()));
        } else if (dropped++ == 0) {
            firstDroppedLine = line;
        }
    }

    /** In line order (a stable sort: problems of one line stay in the order found), then the overflow count. */
    List<Problem> list() {
        List<Problem> all = new ArrayList<>(kept);
        all.sort(Comparator.comparingInt(Problem::line));
        if (dropped > 0) {
            all.add(new Problem(file, firstDroppedLine, dropped + " more problems not listed"));
        }
        return all;
    }
}
