package net.diskless.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands with a bounded wait and kills whole process trees. */
final class Exec {

    private Exec() {
    }

    /**
     * Runs {@code cmd} with stdin from /dev/null. Output goes to temp files rather than pipes: a command that
     * leaves a daemon behind holding its stdout open must not hang the reader.
     */
    static Result run(Duration timeout, List<String> cmd) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("dl-exec-", ".out");
            err = Files.createTempFile("dl-exec-", ".err");
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p.toHandle());
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + cmd, e);
            }
            if (!done) {
                killTree(p.toHandle());
            }
            return new Result(done ? p.exitValue() : Result.TIMED_OUT, read(out), read(err), !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** SIGKILLs a process and every descendant, then waits (bounded) for them to be gone. */
    static void killTree(ProcessHandle root) {
        // Snapshot first: once the root dies its children are re-parented and no longer its descendants.
        List<ProcessHandle> all = new java.util.ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, Duration.ofSeconds(10));
    }

    /** Waits (polling, bounded) until none of {@code handles} is {@link #running}; true if all are gone. */
    static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handles.stream().anyMatch(h -> running(h.pid()))) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20); // bounded by the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * True while {@code pid} exists and is not a zombie. A killed orphan stays a zombie until PID 1 reaps it,
     * which on some machines takes seconds (and ProcessHandle.isAlive() counts zombies as alive).
     */
    static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try { // /proc/PID/stat: "pid (comm) S ...", comm may contain spaces and parentheses
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return false; // gone between the two checks
            }
        }
        return false;
    }

    /** Reads a file that may still be being written: malformed trailing UTF-8 is replaced, not thrown. */
    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e + ">";
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** Deletes a tree without following symlinks (the home has tftpboot/tftpboot -> .). */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) { // Files.walk does not follow links by default
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
