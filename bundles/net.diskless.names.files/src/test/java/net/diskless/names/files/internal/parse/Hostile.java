package net.diskless.names.files.internal.parse;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** Hostile inputs shared by the parser tests, and the checks every parser must pass on them. */
final class Hostile {

    static final int MEGABYTE = 1 << 20;

    /**
     * A guard against hangs and runaway (quadratic) work, not a speed test: quadratic work on 1 MB costs
     * many minutes, while a linear parse takes well under a second even on a loaded 2-core machine.
     */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private Hostile() {
    }

    /** Random bytes decoded as UTF-8, as a file read with the wrong expectations: replacement chars, NULs, control chars. */
    static String junk(long seed, int bytes) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static String repeat(String s, int totalLength) {
        return s.repeat(Math.max(1, totalLength / s.length()));
    }

    /** Parses within {@link #HANG_GUARD}, and checks the result is well-formed: file names, line numbers, short printable reasons. */
    static <T> Parsed<T> parseBounded(BiFunction<String, String, Parsed<T>> parser, String file, String content) {
        Parsed<T> parsed = assertTimeoutPreemptively(HANG_GUARD, () -> parser.apply(file, content));
        long lines = content.chars().filter(c -> c == '\n').count() + 1;
        checkProblems(parsed.problems(), file, lines);
        return parsed;
    }

    static void checkProblems(List<Problem> problems, String file, long lines) {
        assertTrue(problems.size() <= Problems.LIMIT + 1, "problems are capped: " + problems.size());
        assertAll(problems.stream().map(p -> () -> {
            assertEquals(file, p.file());
            assertTrue(p.line() >= 1 && p.line() <= lines, "line in range: " + p);
            assertTrue(p.reason().length() < 200, "short reason: " + p.reason().length());
            assertTrue(p.reason().chars().noneMatch(c -> c < 0x20 || c == 0x7f), "printable reason: " + p);
            assertTrue(!p.reason().contains("Exception"), "no exception text: " + p);
        }));
    }
}
