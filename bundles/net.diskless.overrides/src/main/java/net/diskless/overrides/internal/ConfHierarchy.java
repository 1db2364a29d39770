package net.diskless.overrides.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideFile;
import net.diskless.api.overrides.OverrideView;

/**
 * The {@code /conf} hierarchy of one server, resolved the way FreeBSD's rc.initdiskless would build a
 * client's memory file systems, but on the server and without copying anything: the result describes
 * where every file of the directory comes from.
 *
 * <p>For each layer in order ({@link Layers}): {@code LAYER/DIR/} adds its tree (replacing same-named
 * entries), or, when it holds {@code diskless_remount}, the tree that file names instead (the remount covers
 * the layer's own files, as the NFS mount does on FreeBSD); {@code LAYER/DIR/md_size} sets the size bound
 * (the last one wins, as rc.initdiskless evaluates them all before creating the disks); then
 * {@code LAYER/DIR.remove} deletes what it lists. The control files {@code diskless_remount} and
 * {@code md_size} are not part of the result.
 *
 * <p>Nothing is followed out of a tree: symbolic links are entries of their own (the client resolves
 * them), so every source is inside {@code /conf} or inside a remount tree.
 */
final class ConfHierarchy {

    static final String REMOUNT = "diskless_remount";
    static final String MD_SIZE = "md_size";
    /** Bounds on one resolution, so a remount of {@code /} cannot exhaust the server. */
    static final int MAX_ENTRIES = 100_000;
    static final int MAX_DEPTH = 64;
    static final int MAX_CONTROL_FILE_BYTES = 64 * 1024;

    private final Path conf;
    private final int maxEntries;

    ConfHierarchy(Path conf) {
        this(conf, MAX_ENTRIES);
    }

    ConfHierarchy(Path conf, int maxEntries) {
        this.conf = conf;
        this.maxEntries = maxEntries;
    }

    Path conf() {
        return conf;
    }

    /** @throws IllegalArgumentException when {@code directory} is not an absolute path below {@code /} */
    OverrideView resolve(OverrideClient client, String directory) {
        String dir = normalizeDirectory(directory);
        List<String> problems = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        NavigableMap<String, OverrideFile> files = new TreeMap<>();
        Set<String> removed = new LinkedHashSet<>();
        Optional<String> remount = Optional.empty();
        long sizeLimit = OverrideView.DEFAULT_SIZE_LIMIT;

        for (String layer : Layers.of(client, problems)) {
            Path layerDir = conf.resolve(layer).resolve(dir);
            if (isRealDirectory(layerDir)) {
                applied.add(layer);
                OptionalLong size = mdSize(layerDir.resolve(MD_SIZE), problems);
                if (size.isPresent()) {
                    sizeLimit = size.getAsLong();
                }
                Path remountFile = layerDir.resolve(REMOUNT);
                if (Files.isRegularFile(remountFile, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<Remount.Source> source = remount(remountFile, client, problems);
                    if (source.isPresent()) {
                        remount = Optional.of(source.get().written());
                        addTree(source.get().tree(), layer + " (remount)", files, false, problems);
                    }
                } else {
                    addTree(layerDir, layer, files, true, problems);
                }
            }
            Path removeList = conf.resolve(layer).resolve(dir + ".remove");
            if (Files.isRegularFile(removeList, LinkOption.NOFOLLOW_LINKS)) {
                if (applied.isEmpty()) {
                    problems.add(removeList + ": no layer so far overrides /" + dir + ", so there is nothing to remove from: ignored");
                } else {
                    remove(removeList, files, removed, problems);
                }
            }
        }
        return new OverrideView("/" + dir, applied, remount, sizeLimit, files, removed, problems);
    }

    /** {@code /etc} → {@code etc}; {@code usr/local/etc/} → {@code usr/local/etc}; no {@code .}, {@code ..} or {@code /}. */
    static String normalizeDirectory(String directory) {
        String d = directory.strip();
        while (d.startsWith("/")) {
            d = d.substring(1);
        }
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("the root itself cannot be overridden, only a directory in it");
        }
        for (String segment : d.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a plain directory path: " + directory);
            }
        }
        return d;
    }

    private static boolean isRealDirectory(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static OptionalLong mdSize(Path file, List<String> problems) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return OptionalLong.empty();
        }
        Optional<String> content = readControlFile(file, problems);
        if (content.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong bytes = MdSize.bytes(content.get());
        if (bytes.isEmpty()) {
            problems.add(file + ": not a number of 512-byte sectors ('" + printable(content.get()) + "'): size bound unchanged");
        }
        return bytes;
    }

    private static Optional<Remount.Source> remount(Path file, OverrideClient client, List<String> problems) {
        Optional<String> content = readControlFile(file, problems);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        Remount parsed = Remount.parse(content.get(), client.root());
        if (parsed instanceof Remount.Malformed m) {
            problems.add(file + ": " + m.reason() + ": remount ignored, the layer adds nothing");
            return Optional.empty();
        }
        Remount.Source source = (Remount.Source) parsed;
        if (!isRealDirectory(source.tree())) {
            problems.add(file + ": " + source.tree() + " is not a directory: remount ignored, the layer adds nothing");
            return Optional.empty();
        }
        return Optional.of(source);
    }

    private static Optional<String> readControlFile(Path file, List<String> problems) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(file + ": not a regular file: ignored");
                return Optional.empty();
            }
            if (Files.size(file) > MAX_CONTROL_FILE_BYTES) {
                problems.add(file + ": larger than " + MAX_CONTROL_FILE_BYTES + " bytes: ignored");
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Adds every entry of {@code tree} (links not followed); empty directories are entries too. */
    private void addTree(Path tree, String layer, NavigableMap<String, OverrideFile> files, boolean skipControlFiles,
                                List<String> problems) {
        try {
            Files.walkFileTree(tree, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (!d.equals(tree)) {
                        try (var entries = Files.list(d)) {
                            if (entries.findAny().isEmpty()) {
                                put(d, attrs);
                            }
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (skipControlFiles && f.getParent().equals(tree)
                            && (f.endsWith(REMOUNT) || f.endsWith(MD_SIZE))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile() || attrs.isSymbolicLink() || attrs.isDirectory()) {
                        put(f, attrs); // a directory here: one at MAX_DEPTH, listed but not entered
                    }
                    return FileVisitResult.CONTINUE; // sockets, fifos, devices: not configuration
                }

                private void put(Path p, BasicFileAttributes attrs) {
                    if (files.size() >= maxEntries) {
                        throw new TooManyEntries();
                    }
                    String relative = tree.relativize(p).toString();
                    replace(files, relative, attrs.isDirectory());
                    files.put(relative, new OverrideFile(relative, layer, p));
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    problems.add(f + ": cannot read: " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (TooManyEntries e) {
            problems.add(tree + ": more than " + maxEntries + " entries: the rest is left out");
        } catch (IOException e) {
            problems.add(tree + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Later layers win, also between a file and a directory of the same name: an entry replaces the entries
     * of its parent paths (now directories, implied by it) and, unless it is a directory, whatever was
     * below its own path.
     */
    private static void replace(NavigableMap<String, OverrideFile> files, String relative, boolean directory) {
        for (int slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) {
            files.remove(relative.substring(0, slash));
        }
        if (!directory) {
            files.subMap(relative + "/", true, relative + "0", false).clear(); // '0' follows '/'
        }
    }

    /**
     * rc.initdiskless runs {@code rm -rf /DIR/ENTRY} for every word of the list, so an entry removes a file or
     * a whole subtree, and shell patterns ({@code *.bak}) work.
     */
    private static void remove(Path list, Map<String, OverrideFile> files, Set<String> removed, List<String> problems) {
        Optional<String> content = readControlFile(list, problems);
        if (content.isEmpty()) {
            return;
        }
        for (String line : content.get().split("\n")) {
            int hash = line.indexOf('#');
            String words = hash >= 0 ? line.substring(0, hash) : line;
            for (String word : words.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String entry = word.startsWith("/") ? word.substring(1) : word;
                if (entry.isEmpty() || List.of(entry.split("/")).contains("..")) {
                    problems.add(list + ": '" + printable(word) + "' is not a path inside the directory: skipped");
                    continue;
                }
                if (removeMatching(entry, files)) {
                    removed.add(entry);
                }
            }
        }
    }

    private static boolean removeMatching(String entry, Map<String, OverrideFile> files) {
        boolean glob = entry.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
        PathMatcher matcher = glob ? FileSystems.getDefault().getPathMatcher("glob:" + entry) : null;
        boolean any = false;
        for (Iterator<String> it = files.keySet().iterator(); it.hasNext(); ) {
            String path = it.next();
            if (glob ? matchesOrIsUnder(matcher, path) : path.equals(entry) || path.startsWith(entry + "/")) {
                it.remove();
                any = true;
            }
        }
        return any;
    }

    /** A pattern matches an entry, or one of its parent directories (then the whole subtree goes). */
    private static boolean matchesOrIsUnder(PathMatcher matcher, String path) {
        Path p = Path.of(path);
        for (Path q = p; q != null; q = q.getParent()) {
            if (matcher.matches(q)) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.strip().codePoints().limit(80).forEach(c -> b.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return b.toString();
    }

    /** Unwinds the tree walk when a resolution grows past {@link #MAX_ENTRIES}. */
    private static final class TooManyEntries extends RuntimeException {
        TooManyEntries() {
            super(null, null, false, false);
        }
    }
}
