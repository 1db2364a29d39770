package net.diskless.overrides.internal.views;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.overrides.OverrideFile;
import net.diskless.api.overrides.OverrideView;

/**
 * One overridden directory ({@code /etc}) as one client sees it: the resolved tree of the {@code /conf}
 * layers (read-only, on the server's disk) under the client's writable layer in memory, as a union: the
 * memory layer's entries win, whiteouts hide what the client removed. Writes to a resolved file copy it up
 * first. The memory layer is held to the directory's {@code md_size} bound. Not thread-safe: its
 * {@link ClientOverlay} serialises calls.
 */
final class DirOverlay {

    /** A resolved (lower) entry: a file, link or directory on the server, or a directory implied by paths below it. */
    record Lower(long id, FileType type, Path source) {
    }

    final String dir;
    private final Instant created;
    private NavigableMap<String, Lower> lower = new TreeMap<>();
    private final NavigableMap<String, MemNode> upper = new TreeMap<>();
    private final Set<String> whiteouts = new HashSet<>();
    private final Map<Long, String> index = new HashMap<>();
    private long limit = OverrideView.DEFAULT_SIZE_LIMIT;
    private long used;
    private long serial;

    DirOverlay(String dir, Instant created) {
        this.dir = dir;
        this.created = created;
    }

    long rootId() {
        return OverlayIds.of(dir, "");
    }

    Instant created() {
        return created;
    }

    long used() {
        return used;
    }

    long limit() {
        return limit;
    }

    /** A new resolution of the layers; the memory layer stays. */
    void refresh(OverrideView view) {
        NavigableMap<String, Lower> l = new TreeMap<>();
        for (OverrideFile f : view.files().values()) {
            Path p = f.source();
            FileType type = Files.isSymbolicLink(p) ? FileType.LNK
                    : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? FileType.DIR : FileType.REG;
            l.put(f.relativePath(), new Lower(OverlayIds.of(dir, f.relativePath()), type, p));
            for (String parent = parentOf(f.relativePath()); !parent.isEmpty(); parent = parentOf(parent)) {
                l.putIfAbsent(parent, new Lower(OverlayIds.of(dir, parent), FileType.DIR, null));
            }
        }
        lower = l;
        limit = view.sizeLimitBytes();
        reindex();
    }

    static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    static String child(String dirRel, String name) {
        return dirRel.isEmpty() ? name : dirRel + "/" + name;
    }

    /** The relative path of an id of this overlay, or null. */
    String relOf(long id) {
        return index.get(id);
    }

    private void reindex() {
        index.clear();
        index.put(rootId(), "");
        addChildren("");
    }

    private void addChildren(String rel) {
        for (String name : children(rel)) {
            String c = child(rel, name);
            Object e = entry(c);
            index.put(idOf(e), c);
            if (isDir(e)) {
                addChildren(c);
            }
        }
    }

    // --- the union ---

    /** The effective entry at {@code rel}: a {@link MemNode}, a {@link Lower}, or null; "" is the root. */
    Object entry(String rel) {
        if (rel.isEmpty()) {
            return this;
        }
        MemNode m = upper.get(rel);
        if (m != null) {
            return m;
        }
        for (String p = rel; !p.isEmpty(); p = parentOf(p)) {
            if (whiteouts.contains(p)) {
                return null;
            }
            MemNode above = p.equals(rel) ? null : upper.get(p);
            if (above != null) {
                return null; // a directory the client made (or a file) stands where the layers had one: nothing shows through
            }
        }
        return lower.get(rel);
    }

    static long idOf(Object e) {
        if (e instanceof MemNode m) {
            return m.id;
        }
        if (e instanceof Lower l) {
            return l.id();
        }
        return ((DirOverlay) e).rootId();
    }

    static FileType typeOf(Object e) {
        if (e instanceof MemNode m) {
            return m.type;
        }
        if (e instanceof Lower l) {
            return l.type();
        }
        return FileType.DIR;
    }

    static boolean isDir(Object e) {
        return typeOf(e) == FileType.DIR;
    }

    /** Names directly in {@code rel}, sorted. */
    List<String> children(String rel) {
        String prefix = rel.isEmpty() ? "" : rel + "/";
        Set<String> names = new TreeSet<>();
        collect(lower, prefix, names);
        collect(upper, prefix, names);
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (entry(prefix + n) != null) {
                out.add(n);
            }
        }
        return out;
    }

    private static void collect(NavigableMap<String, ?> map, String prefix, Set<String> names) {
        for (String k : map.tailMap(prefix, true).keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            String rest = k.substring(prefix.length());
            if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                names.add(rest);
            }
        }
    }

    // --- the writable layer ---

    private void charge(long delta) throws NfsException {
        if (delta > 0 && used + delta > limit) {
            throw new NfsException(NfsStatus.NOSPC, "/" + dir + " is held to " + limit + " bytes (md_size) and " + used + " are used");
        }
        used += delta;
    }

    /** The memory node for {@code rel}, copying a resolved file up first (its id stays, so handles do). */
    MemNode writable(String rel, ContentReader reader) throws NfsException {
        Object e = requireEntry(rel);
        if (e instanceof MemNode m) {
            return m;
        }
        if (!(e instanceof Lower l) || l.source() == null && l.type() != FileType.DIR) {
            throw new NfsException(NfsStatus.ACCES, "/" + dir + " itself cannot be changed");
        }
        if (l.type() == FileType.DIR) {
            throw new NfsException(NfsStatus.NOTSUPP, "the attributes of an override directory cannot be changed");
        }
        BasicAttrs a = reader.attrs(l);
        MemNode m = new MemNode(l.id(), l.type(), a.mode(), a.uid(), a.gid(), a.mtime());
        if (l.type() == FileType.LNK) {
            m.linkTarget = reader.linkTarget(l);
        } else {
            byte[] content = reader.content(l, limit - used);
            m.data = content;
            m.size = content.length;
        }
        charge(m.charge());
        upper.put(rel, m);
        return m;
    }

    Object requireEntry(String rel) throws NfsException {
        Object e = entry(rel);
        if (e == null) {
            throw new NfsException(NfsStatus.STALE, "/" + dir + "/" + rel + " is gone");
        }
        return e;
    }

    MemNode create(String parentRel, String name, FileType type, int mode, int uid, int gid, String linkTarget, Instant now)
            throws NfsException {
        if (!isDir(requireEntry(parentRel))) {
            throw new NfsException(NfsStatus.NOTDIR, "/" + dir + "/" + parentRel + " is not a directory");
        }
        String rel = child(parentRel, name);
        if (entry(rel) != null) {
            throw new NfsException(NfsStatus.EXIST, "/" + dir + "/" + rel + " exists");
        }
        MemNode m = new MemNode(OverlayIds.created(dir, rel, ++serial), type, mode, uid, gid, now);
        m.linkTarget = linkTarget == null ? "" : linkTarget;
        charge(m.charge());
        upper.put(rel, m);
        whiteouts.remove(rel); // what the layers had here was removed before; their children stay hidden by their own whiteouts
        reindex();
        return m;
    }

    void remove(String parentRel, String name, boolean directory) throws NfsException {
        String rel = child(parentRel, name);
        Object e = entry(rel);
        if (e == null || e == this) {
            throw new NfsException(NfsStatus.NOENT, "/" + dir + "/" + rel + " does not exist");
        }
        if (directory != isDir(e)) {
            throw new NfsException(directory ? NfsStatus.NOTDIR : NfsStatus.ISDIR, "/" + dir + "/" + rel);
        }
        if (directory && !children(rel).isEmpty()) {
            throw new NfsException(NfsStatus.NOTEMPTY, "/" + dir + "/" + rel + " is not empty");
        }
        MemNode m = upper.remove(rel);
        if (m != null) {
            used -= m.charge();
        }
        if (lower.containsKey(rel)) {
            whiteouts.add(rel);
        }
        reindex();
    }

    void rename(String fromParent, String fromName, String toParent, String toName, ContentReader reader, Instant now)
            throws NfsException {
        String from = child(fromParent, fromName);
        String to = child(toParent, toName);
        Object e = entry(from);
        if (e == null) {
            throw new NfsException(NfsStatus.NOENT, "/" + dir + "/" + from + " does not exist");
        }
        if (!isDir(requireEntry(toParent))) {
            throw new NfsException(NfsStatus.NOTDIR, "/" + dir + "/" + toParent);
        }
        if (from.equals(to)) {
            return;
        }
        if (to.startsWith(from + "/")) {
            throw new NfsException(NfsStatus.INVAL, "a directory cannot move into itself");
        }
        if (isDir(e) && (!(e instanceof MemNode) || hasLowerBelow(from))) {
            throw new NfsException(NfsStatus.NOTSUPP, "directories of the override layers cannot be renamed");
        }
        Object target = entry(to);
        if (target != null) {
            if (isDir(target) != isDir(e)) {
                throw new NfsException(isDir(target) ? NfsStatus.ISDIR : NfsStatus.NOTDIR, "/" + dir + "/" + to);
            }
            if (isDir(target) && !children(to).isEmpty()) {
                throw new NfsException(NfsStatus.NOTEMPTY, "/" + dir + "/" + to);
            }
        }
        MemNode moving = writable(from, reader);
        if (target != null) {
            remove(toParent, toName, isDir(target));
        }
        // move the node and, for a directory, everything the client made below it
        NavigableMap<String, MemNode> below = new TreeMap<>(upper.subMap(from + "/", true, from + "0", false));
        upper.remove(from);
        below.keySet().forEach(upper::remove);
        upper.put(to, moving);
        below.forEach((k, v) -> upper.put(to + k.substring(from.length()), v));
        whiteouts.remove(to);
        if (lower.containsKey(from)) {
            whiteouts.add(from);
        }
        moving.ctime = now;
        reindex();
    }

    private boolean hasLowerBelow(String rel) {
        String k = lower.ceilingKey(rel + "/");
        return k != null && k.startsWith(rel + "/");
    }

    void resize(MemNode m, long newSize) throws NfsException {
        if (newSize > Integer.MAX_VALUE - 8) {
            throw new NfsException(NfsStatus.FBIG, "files of the memory layer stay below 2 GB");
        }
        charge(newSize - m.size);
        m.truncate((int) newSize);
    }

    /** The client's layer as it stands, for a {@link LayerStore} to keep. */
    Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(upper), Set.copyOf(whiteouts), serial);
    }

    /** Puts back what a {@link LayerStore} kept (before any call of the client). */
    void restore(Snapshot s) {
        upper.clear();
        upper.putAll(s.upper());
        whiteouts.clear();
        whiteouts.addAll(s.whiteouts());
        serial = s.serial();
        used = upper.values().stream().mapToLong(MemNode::charge).sum();
        reindex();
    }

    /** The writable layer: entries by relative path, whiteouts, and the creation counter of new ids. */
    record Snapshot(NavigableMap<String, MemNode> upper, Set<String> whiteouts, long serial) {
    }

    /** Discards what the client wrote: its next boot starts from the layers again. */
    void discard() {
        upper.clear();
        whiteouts.clear();
        used = 0;
        reindex();
    }

    /** What a copy-up needs from the server's disk. */
    interface ContentReader {
        BasicAttrs attrs(Lower l) throws NfsException;

        String linkTarget(Lower l) throws NfsException;

        /** The file's bytes; NOSPC when they exceed {@code room}. */
        byte[] content(Lower l, long room) throws NfsException;
    }

    record BasicAttrs(int mode, int uid, int gid, Instant mtime) {
    }
}
