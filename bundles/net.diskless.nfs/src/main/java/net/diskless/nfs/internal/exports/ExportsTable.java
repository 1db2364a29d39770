package net.diskless.nfs.internal.exports;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import net.diskless.nfs.internal.handle.HandleKey;

/**
 * The exports file, read again when its modification time or size changed (checked at most once per interval,
 * when a client asks: no watcher thread). A file that is missing means no exports; one that cannot be read
 * keeps the last good table.
 */
public final class ExportsTable {

    /** The outcome of a MOUNT question. */
    public sealed interface Decision {
        /** Allowed: the export line and the directory asked for (the export's path or, with -alldirs, below it). */
        record Allowed(Export export, String path) implements Decision {
        }

        record Denied(String reason) implements Decision {
        }

        record NotExported(String reason) implements Decision {
        }
    }

    private final Path file;
    private final ExportsParser parser;
    private final long checkNanos;
    private final Consumer<String> warn;
    private volatile List<Export> exports = List.of();
    private long checkedAt;
    private Object stamp = "never read";

    public ExportsTable(Path file, ExportsParser parser, long checkNanos, Consumer<String> warn) {
        this.file = file;
        this.parser = parser;
        this.checkNanos = checkNanos;
        this.warn = warn;
        this.checkedAt = System.nanoTime() - checkNanos - 1;
    }

    public Path file() {
        return file;
    }

    /** The current exports, re-read if the file changed. */
    public synchronized List<Export> exports() {
        long now = System.nanoTime();
        if (now - checkedAt >= checkNanos) {
            checkedAt = now;
            reloadIfChanged();
        }
        return exports;
    }

    private void reloadIfChanged() {
        Object current;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            current = a.lastModifiedTime() + "/" + a.size() + "/" + a.fileKey();
        } catch (NoSuchFileException e) {
            current = "missing";
        } catch (IOException e) {
            current = "unreadable";
        }
        if (Objects.equals(current, stamp)) {
            return;
        }
        stamp = current;
        if (current.equals("missing")) {
            if (!exports.isEmpty()) {
                warn.accept(file + " is gone: nothing is exported");
            }
            exports = List.of();
            return;
        }
        try {
            ExportsParser.Result r = parser.parse(Files.readString(file, StandardCharsets.UTF_8));
            r.problems().forEach(p -> warn.accept(file + ": " + p));
            exports = r.exports();
            warn.accept(file + ": " + r.exports().size() + " export(s) loaded" + (r.problems().isEmpty() ? ""
                    : ", " + r.problems().size() + " line(s) skipped"));
        } catch (IOException | RuntimeException e) {
            warn.accept(file + ": cannot read (" + e.getMessage() + "), keeping the previous exports");
        }
    }

    /** Who may mount what: the longest exported path covering {@code dirpath}, for this client. */
    public Decision mount(String dirpath, InetAddress client, Function<String, List<InetAddress>> resolver) {
        String path;
        try {
            path = ExportsParser.normalize(dirpath);
        } catch (IllegalArgumentException e) {
            return new Decision.NotExported(e.getMessage());
        }
        List<Export> candidates = new ArrayList<>();
        int best = -1;
        for (Export e : exports()) {
            boolean covers = e.path().equals(path) || (e.alldirs() && under(path, e.path()));
            if (!covers) {
                continue;
            }
            if (e.path().length() > best) {
                best = e.path().length();
                candidates.clear();
            }
            if (e.path().length() == best) {
                candidates.add(e);
            }
        }
        if (candidates.isEmpty()) {
            return new Decision.NotExported(path + " is not exported");
        }
        for (Export e : candidates) {
            if (e.allows(client, resolver)) {
                return new Decision.Allowed(e, path);
            }
        }
        return new Decision.Denied(path + " is not exported to " + client.getHostAddress());
    }

    private static boolean under(String path, String dir) {
        return dir.equals("/") || path.startsWith(dir + "/");
    }

    /** The export line a file handle's export id names, for this client. */
    public Access access(int exportId, InetAddress client, Function<String, List<InetAddress>> resolver) {
        boolean known = false;
        for (Export e : exports()) {
            if (HandleKey.exportId(e.path()) != exportId) {
                continue;
            }
            known = true;
            if (e.allows(client, resolver)) {
                return new Access.Granted(e);
            }
        }
        return known ? new Access.Refused() : new Access.Unknown();
    }

    /** Whether an NFS call on a handle of an export may proceed. */
    public sealed interface Access {
        record Granted(Export export) implements Access {
        }

        /** The export exists but not for this client. */
        record Refused() implements Access {
        }

        /** No export has this id (any more). */
        record Unknown() implements Access {
        }
    }

    public Optional<Export> byPath(String path) {
        return exports().stream().filter(e -> e.path().equals(path)).findFirst();
    }
}
