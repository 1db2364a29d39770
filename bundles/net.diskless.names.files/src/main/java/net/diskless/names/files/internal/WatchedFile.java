package net.diskless.names.files.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import net.diskless.names.files.internal.parse.Parsed;
import net.diskless.names.files.internal.parse.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the files (ethers, hosts, …): parsed when its modification time, size or inode changes.
 * A missing file is an empty map. A file that cannot be read, or is larger than the limit, keeps its
 * last good contents. Problems are logged once per change of the file, at most {@value #MAX_LOGGED}
 * lines of them, so a file of binary junk cannot flood the log.
 */
final class WatchedFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);
    static final int MAX_LOGGED = 20;

    private final Path path;
    private final long maxBytes;
    private final BiFunction<String, String, Parsed<T>> parser;
    /** How soon a file that could not be read is tried again even if it looks unchanged. */
    static final long RETRY_NANOS = 10_000_000_000L;
    private Object stamp = "never read";
    private Object failedStamp;
    private long failedUntil;
    private List<T> entries = List.of();

    WatchedFile(Path path, long maxBytes, BiFunction<String, String, Parsed<T>> parser) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.parser = parser;
    }

    Path path() {
        return path;
    }

    List<T> entries() {
        return entries;
    }

    /** Re-reads the file if it changed; returns whether the entries changed. */
    boolean refresh() {
        Object now;
        long size = 0;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            size = a.size();
            now = a.lastModifiedTime().toMillis() + "/" + size + "/" + a.fileKey();
        } catch (NoSuchFileException e) {
            now = "missing";
        } catch (IOException e) {
            now = "unreadable: " + e;
        }
        if (failedStamp != null && System.nanoTime() - failedUntil > 0) {
            failedStamp = null; // retry: a chmod changes no stamp
        }
        if (Objects.equals(now, stamp) || Objects.equals(now, failedStamp)) {
            return false;
        }
        if (now.equals("missing")) {
            stamp = now;
            LOG.info("{}: not found, map is empty", path);
            entries = List.of();
            return true;
        }
        // A failure is remembered apart from the last good stamp: it is logged once, and the file is read
        // again as soon as anything about it changes, or after a chmod that changes nothing we can see.
        if (now instanceof String s && s.startsWith("unreadable")) {
            failed(now);
            LOG.error("{}: cannot read ({}); keeping the previous contents", path, s);
            return false;
        }
        if (size > maxBytes) {
            failed(now);
            LOG.error("{}: {} bytes is over the limit of {} bytes; keeping the previous contents", path, size, maxBytes);
            return false;
        }
        try {
            // Decoding replaces malformed bytes: a line of junk is reported by the parser, not fatal here.
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            Parsed<T> parsed = parser.apply(path.toString(), text);
            stamp = now;
            failedStamp = null;
            report(parsed.problems());
            entries = parsed.entries();
            LOG.info("{}: {} entries{}", path, entries.size(),
                    parsed.problems().isEmpty() ? "" : ", " + parsed.problems().size() + " problems");
            return true;
        } catch (IOException e) {
            failed(now);
            LOG.error("{}: cannot read ({}); keeping the previous contents", path, e.toString());
            return false;
        }
    }

    /** Remembers a failed stamp until the next check interval, so a permission fix is noticed soon after. */
    private void failed(Object now) {
        failedStamp = now;
        failedUntil = System.nanoTime() + RETRY_NANOS;
    }

    private static void report(List<Problem> problems) {
        problems.stream().limit(MAX_LOGGED).forEach(p -> LOG.warn("{}", p));
        if (problems.size() > MAX_LOGGED) {
            LOG.warn("… and {} more problems in the same file", problems.size() - MAX_LOGGED);
        }
    }
}
