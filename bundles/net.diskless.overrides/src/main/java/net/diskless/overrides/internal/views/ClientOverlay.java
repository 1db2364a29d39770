package net.diskless.overrides.internal.views;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.DirEntry;
import net.diskless.api.nfs.DirPage;
import net.diskless.api.nfs.FileAttr;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.FsStat;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.nfs.ReadResult;
import net.diskless.api.nfs.SetAttr;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.api.overrides.OverrideView;

/**
 * One client's view of one export: the plain export, except that each top-level directory the
 * {@code /conf} layers override ({@code /etc}) is replaced by a {@link DirOverlay}. Ids of override
 * entries are negative ({@link OverlayIds}); everything else is the plain file system's. The overridden
 * directories are resolved again at most every {@code refreshMillis}, so a change to {@code /conf} shows
 * within that time. Override calls are serialised on this object; plain calls are not.
 */
public final class ClientOverlay implements VirtualFileSystem {

    private final VirtualFileSystem plain;
    /** Resolves one top-level directory for this client; the view says whether it is overridden. */
    private final Function<String, OverrideView> resolver;
    /** Names of top-level directories that some layer of this client might override. */
    private final java.util.function.Supplier<Set<String>> candidates;
    private final long refreshMillis;
    private final Clock clock;
    private final Map<String, DirOverlay> overlays = new LinkedHashMap<>();
    private final LayerStore store;
    /** This client's part of the store: {@code <export>/<client>}; each directory is a layer below it. */
    private final String storeKey;
    private long refreshedAt = Long.MIN_VALUE;

    /** A view whose writable layers live in memory only. */
    public ClientOverlay(VirtualFileSystem plain, Function<String, OverrideView> resolver,
                  java.util.function.Supplier<Set<String>> candidates, long refreshMillis, Clock clock) {
        this(plain, resolver, candidates, refreshMillis, clock, LayerStore.MEMORY, "");
    }

    ClientOverlay(VirtualFileSystem plain, Function<String, OverrideView> resolver,
                  java.util.function.Supplier<Set<String>> candidates, long refreshMillis, Clock clock,
                  LayerStore store, String storeKey) {
        this.plain = plain;
        this.resolver = resolver;
        this.candidates = candidates;
        this.refreshMillis = refreshMillis;
        this.clock = clock;
        this.store = store;
        this.storeKey = storeKey;
    }

    private String layerKey(DirOverlay o) {
        return storeKey + "/" + o.dir;
    }

    /** A directory overridden for the first time in this view: what the store kept for it comes back. */
    private DirOverlay fresh(String d) {
        DirOverlay o = new DirOverlay(d, clock.instant());
        try {
            store.load(layerKey(o)).ifPresent(o::restore);
        } catch (java.io.UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(ClientOverlay.class).warn("overrides: {}", e.getMessage());
        }
        return o;
    }

    /** Keeps an override's layer after a change; a store that fails makes the call fail (IO), memory has it. */
    private void persist(DirOverlay o, MemNode changed) throws NfsException {
        try {
            store.save(layerKey(o), o.snapshot(), changed);
        } catch (java.io.UncheckedIOException e) {
            throw new NfsException(NfsStatus.IO, e.getMessage());
        }
    }

    // --- which directories are overridden ---

    private synchronized void refresh() {
        long now = clock.millis();
        if (refreshedAt != Long.MIN_VALUE && now - refreshedAt < refreshMillis) {
            return;
        }
        refreshedAt = now;
        Map<String, DirOverlay> next = new LinkedHashMap<>();
        for (String d : candidates.get()) {
            OverrideView view = resolver.apply(d);
            if (view.overridden() && existsInPlainRoot(d)) {
                DirOverlay o = overlays.containsKey(d) ? overlays.get(d) : fresh(d);
                o.refresh(view);
                next.put(d, o);
            }
        }
        overlays.clear(); // a directory no longer overridden loses its memory layer with it
        overlays.putAll(next);
    }

    /** An override needs a mount point, as on FreeBSD: the root must have the directory. */
    private boolean existsInPlainRoot(String d) {
        try {
            return plain.getattr(plain.lookup(plain.root(), d)).type() == FileType.DIR;
        } catch (NfsException e) {
            return false;
        }
    }

    synchronized Set<String> overridden() {
        refresh();
        return Set.copyOf(overlays.keySet());
    }

    /** Discards every memory layer (the client boots again). */
    public synchronized void discard() {
        for (DirOverlay o : overlays.values()) {
            o.discard();
            store.clear(layerKey(o));
        }
    }

    /** An overlay id → its directory and relative path; STALE when unknown (e.g. a file made before a restart). */
    private record Where(DirOverlay overlay, String rel) {
    }

    private Where where(long id) throws NfsException {
        refresh();
        for (DirOverlay o : overlays.values()) {
            String rel = o.relOf(id);
            if (rel != null) {
                return new Where(o, rel);
            }
        }
        throw new NfsException(NfsStatus.STALE, "no such override entry (the layers changed, or the appliance restarted)");
    }

    private DirOverlay overlayAtRoot(String name) {
        refresh();
        return overlays.get(name);
    }

    // --- VirtualFileSystem ---

    @Override
    public long root() {
        return plain.root();
    }

    @Override
    public boolean privatelyWritable(long id) {
        return OverlayIds.isOverlay(id);
    }

    @Override
    public long lookup(long dir, String name) throws NfsException {
        if (!OverlayIds.isOverlay(dir)) {
            if (dir == plain.root() && !name.equals(".") && !name.equals("..")) {
                synchronized (this) {
                    DirOverlay o = overlayAtRoot(name);
                    if (o != null) {
                        return o.rootId();
                    }
                }
            }
            return plain.lookup(dir, name);
        }
        synchronized (this) {
            Where w = where(dir);
            if (!DirOverlay.isDir(w.overlay().requireEntry(w.rel()))) {
                throw new NfsException(NfsStatus.NOTDIR, "not a directory");
            }
            if (name.equals(".")) {
                return dir;
            }
            if (name.equals("..")) {
                return w.rel().isEmpty() ? plain.root() : DirOverlay.idOf(w.overlay().entry(DirOverlay.parentOf(w.rel())));
            }
            Object e = w.overlay().entry(DirOverlay.child(w.rel(), name));
            if (e == null) {
                throw new NfsException(NfsStatus.NOENT, name);
            }
            return DirOverlay.idOf(e);
        }
    }

    @Override
    public FileAttr getattr(long id) throws NfsException {
        if (!OverlayIds.isOverlay(id)) {
            return plain.getattr(id);
        }
        synchronized (this) {
            Where w = where(id);
            return attrs(w.overlay(), w.overlay().requireEntry(w.rel()));
        }
    }

    private FileAttr attrs(DirOverlay o, Object e) throws NfsException {
        if (e instanceof MemNode m) {
            long size = m.type == FileType.LNK ? m.linkTarget.length() : m.type == FileType.DIR ? 4096 : m.size;
            return new FileAttr(m.type, m.mode, m.type == FileType.DIR ? 2 : 1, m.uid, m.gid, size, size, 0, 0, m.id,
                    m.atime, m.mtime, m.ctime);
        }
        if (e instanceof DirOverlay.Lower l && l.source() != null) {
            try {
                Map<String, Object> a = Files.readAttributes(l.source(), "unix:mode,uid,gid,size,nlink,lastModifiedTime,lastAccessTime,ctime",
                        LinkOption.NOFOLLOW_LINKS);
                long size = (Long) a.get("size");
                return new FileAttr(l.type(), (Integer) a.get("mode"), (Integer) a.get("nlink"), (Integer) a.get("uid"),
                        (Integer) a.get("gid"), size, size, 0, 0, l.id(), ((FileTime) a.get("lastAccessTime")).toInstant(),
                        ((FileTime) a.get("lastModifiedTime")).toInstant(), ((FileTime) a.get("ctime")).toInstant());
            } catch (NoSuchFileException ex) {
                throw new NfsException(NfsStatus.STALE, l.source() + " is gone");
            } catch (IOException | UnsupportedOperationException ex) {
                throw new NfsException(NfsStatus.IO, l.source() + ": " + ex.getMessage());
            }
        }
        // the overridden directory itself, or one implied by the layers' paths
        Instant t = o.created();
        return new FileAttr(FileType.DIR, 0755, 2, 0, 0, 4096, 4096, 0, 0, DirOverlay.idOf(e), t, t, t);
    }

    @Override
    public void setattr(long id, SetAttr attr) throws NfsException {
        if (!OverlayIds.isOverlay(id)) {
            plain.setattr(id, attr);
            return;
        }
        synchronized (this) {
            Where w = where(id);
            MemNode m = w.overlay().writable(w.rel(), reader);
            if (attr.size() != null) {
                if (m.type != FileType.REG) {
                    throw new NfsException(NfsStatus.INVAL, "only a regular file has a size to set");
                }
                w.overlay().resize(m, attr.size());
            }
            if (attr.mode() != null) {
                m.mode = attr.mode() & 07777;
            }
            if (attr.uid() != null) {
                m.uid = attr.uid();
            }
            if (attr.gid() != null) {
                m.gid = attr.gid();
            }
            if (attr.atime() != null) {
                m.atime = attr.atime();
            }
            if (attr.mtime() != null) {
                m.mtime = attr.mtime();
            }
            m.ctime = clock.instant();
            persist(w.overlay(), m);
        }
    }

    @Override
    public String readlink(long id) throws NfsException {
        if (!OverlayIds.isOverlay(id)) {
            return plain.readlink(id);
        }
        synchronized (this) {
            Where w = where(id);
            Object e = w.overlay().requireEntry(w.rel());
            if (DirOverlay.typeOf(e) != FileType.LNK) {
                throw new NfsException(NfsStatus.INVAL, "not a symbolic link");
            }
            return e instanceof MemNode m ? m.linkTarget : reader.linkTarget((DirOverlay.Lower) e);
        }
    }

    @Override
    public ReadResult read(long id, long offset, int count) throws NfsException {
        if (!OverlayIds.isOverlay(id)) {
            return plain.read(id, offset, count);
        }
        synchronized (this) {
            Where w = where(id);
            Object e = w.overlay().requireEntry(w.rel());
            if (DirOverlay.typeOf(e) != FileType.REG) {
                throw new NfsException(DirOverlay.isDir(e) ? NfsStatus.ISDIR : NfsStatus.INVAL, "not a regular file");
            }
            if (e instanceof MemNode m) {
                int from = (int) Math.min(offset, m.size);
                int n = Math.min(count, m.size - from);
                ByteBuffer b = ByteBuffer.allocate(n).put(m.data, from, n).flip();
                return new ReadResult(b, from + n >= m.size);
            }
            Path source = ((DirOverlay.Lower) e).source();
            try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                long size = ch.size();
                int n = (int) Math.max(0, Math.min(count, size - offset));
                ByteBuffer b = ByteBuffer.allocate(n);
                while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                    // positional reads until full or end of file
                }
                b.flip();
                return new ReadResult(b, offset + b.limit() >= size);
            } catch (IOException ex) {
                throw new NfsException(NfsStatus.IO, source + ": " + ex.getMessage());
            }
        }
    }

    @Override
    public void write(long id, long offset, ByteBuffer data, boolean sync) throws NfsException {
        if (!OverlayIds.isOverlay(id)) {
            plain.write(id, offset, data, sync);
            return;
        }
        synchronized (this) {
            Where w = where(id);
            MemNode m = w.overlay().writable(w.rel(), reader);
            if (m.type != FileType.REG) {
                throw new NfsException(m.type == FileType.DIR ? NfsStatus.ISDIR : NfsStatus.INVAL, "not a regular file");
            }
            long end = offset + data.remaining();
            if (end > m.size) {
                w.overlay().resize(m, end);
            }
            data.get(m.data, (int) offset, data.remaining());
            m.mtime = m.ctime = clock.instant();
            persist(w.overlay(), m);
        }
    }

    @Override
    public void commit(long id) throws NfsException {
        if (!OverlayIds.isOverlay(id)) {
            plain.commit(id);
        }
        // the memory layer is as stable as it gets: nothing to flush
    }

    private long make(long dir, String name, FileType type, SetAttr attr, Caller caller, String target) throws NfsException {
        synchronized (this) {
            Where w = where(dir);
            int mode = attr.mode() != null ? attr.mode() : type == FileType.DIR ? 0755 : type == FileType.LNK ? 0777 : 0644;
            MemNode m = w.overlay().create(w.rel(), name, type, mode, caller.uid(), caller.gid(), target, clock.instant());
            if (attr.size() != null && type == FileType.REG) {
                w.overlay().resize(m, attr.size());
            }
            persist(w.overlay(), m);
            return m.id;
        }
    }

    @Override
    public long create(long dir, String name, SetAttr attr, Caller caller) throws NfsException {
        return OverlayIds.isOverlay(dir) ? make(dir, name, FileType.REG, attr, caller, null) : plain.create(dir, name, attr, caller);
    }

    @Override
    public long mkdir(long dir, String name, SetAttr attr, Caller caller) throws NfsException {
        return OverlayIds.isOverlay(dir) ? make(dir, name, FileType.DIR, attr, caller, null) : plain.mkdir(dir, name, attr, caller);
    }

    @Override
    public long symlink(long dir, String name, String target, SetAttr attr, Caller caller) throws NfsException {
        return OverlayIds.isOverlay(dir) ? make(dir, name, FileType.LNK, attr, caller, target)
                : plain.symlink(dir, name, target, attr, caller);
    }

    @Override
    public long mknod(long dir, String name, FileType type, int major, int minor, SetAttr attr, Caller caller)
            throws NfsException {
        if (OverlayIds.isOverlay(dir)) {
            throw new NfsException(NfsStatus.NOTSUPP, "device nodes are not kept in the memory layer");
        }
        return plain.mknod(dir, name, type, major, minor, attr, caller);
    }

    @Override
    public void remove(long dir, String name) throws NfsException {
        removeEntry(dir, name, false);
    }

    @Override
    public void rmdir(long dir, String name) throws NfsException {
        removeEntry(dir, name, true);
    }

    private void removeEntry(long dir, String name, boolean directory) throws NfsException {
        if (!OverlayIds.isOverlay(dir)) {
            if (dir == plain.root() && overridden().contains(name)) {
                throw new NfsException(NfsStatus.ACCES, "/" + name + " is an override mount point");
            }
            if (directory) {
                plain.rmdir(dir, name);
            } else {
                plain.remove(dir, name);
            }
            return;
        }
        synchronized (this) {
            Where w = where(dir);
            w.overlay().remove(w.rel(), name, directory);
            persist(w.overlay(), null);
        }
    }

    @Override
    public void rename(long fromDir, String fromName, long toDir, String toName) throws NfsException {
        boolean from = OverlayIds.isOverlay(fromDir);
        boolean to = OverlayIds.isOverlay(toDir);
        if (!from && !to) {
            if ((fromDir == plain.root() && overridden().contains(fromName)) || (toDir == plain.root() && overridden().contains(toName))) {
                throw new NfsException(NfsStatus.ACCES, "an override mount point cannot be renamed or replaced");
            }
            plain.rename(fromDir, fromName, toDir, toName);
            return;
        }
        synchronized (this) {
            Where a = from ? where(fromDir) : null;
            Where b = to ? where(toDir) : null;
            if (a == null || b == null || a.overlay() != b.overlay()) {
                throw new NfsException(NfsStatus.XDEV, "the override layer is a file system of its own");
            }
            a.overlay().rename(a.rel(), fromName, b.rel(), toName, reader, clock.instant());
            persist(a.overlay(), null);
        }
    }

    @Override
    public void link(long file, long dir, String name) throws NfsException {
        if (OverlayIds.isOverlay(file) || OverlayIds.isOverlay(dir)) {
            throw new NfsException(NfsStatus.XDEV, "no hard links into or inside the override layer");
        }
        plain.link(file, dir, name);
    }

    @Override
    public DirPage list(long dir, long cookie, long verifier, int maxEntries) throws NfsException {
        if (!OverlayIds.isOverlay(dir)) {
            DirPage page = plain.list(dir, cookie, verifier, maxEntries);
            if (dir != plain.root()) {
                return page;
            }
            Set<String> over = overridden();
            if (over.isEmpty()) {
                return page;
            }
            // the mount points show with the override's id, so READDIRPLUS hands out the view's handle
            List<DirEntry> entries = new ArrayList<>();
            synchronized (this) {
                for (DirEntry e : page.entries()) {
                    DirOverlay o = over.contains(e.name()) ? overlays.get(e.name()) : null;
                    entries.add(o == null ? e : new DirEntry(e.name(), o.rootId(), e.cookie()));
                }
            }
            return new DirPage(entries, page.verifier(), page.eof());
        }
        synchronized (this) {
            Where w = where(dir);
            if (!DirOverlay.isDir(w.overlay().requireEntry(w.rel()))) {
                throw new NfsException(NfsStatus.NOTDIR, "not a directory");
            }
            List<String> names = w.overlay().children(w.rel());
            long verf = names.hashCode() & 0x7fffffffffffffffL;
            if (cookie != 0 && verifier != 0 && verifier != verf) {
                throw new NfsException(NfsStatus.BAD_COOKIE, "the directory changed since the listing began");
            }
            long parent = w.rel().isEmpty() ? plain.root() : DirOverlay.idOf(w.overlay().entry(DirOverlay.parentOf(w.rel())));
            List<DirEntry> all = new ArrayList<>();
            all.add(new DirEntry(".", dir, 1));
            all.add(new DirEntry("..", parent, 2));
            for (int i = 0; i < names.size(); i++) {
                Object e = w.overlay().entry(DirOverlay.child(w.rel(), names.get(i)));
                all.add(new DirEntry(names.get(i), DirOverlay.idOf(e), i + 3L));
            }
            if (cookie > all.size()) {
                throw new NfsException(NfsStatus.BAD_COOKIE, "cookie past the end");
            }
            int from = (int) cookie;
            int to = (int) Math.min(all.size(), from + (long) Math.max(1, maxEntries));
            return new DirPage(all.subList(from, to), verf, to == all.size());
        }
    }

    @Override
    public FsStat fsstat() throws NfsException {
        return plain.fsstat();
    }

    /** Reads resolved files from the server's disk for a copy-up: never through a link. */
    private final DirOverlay.ContentReader reader = new DirOverlay.ContentReader() {
        @Override
        public DirOverlay.BasicAttrs attrs(DirOverlay.Lower l) throws NfsException {
            try {
                Map<String, Object> a = Files.readAttributes(l.source(), "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
                return new DirOverlay.BasicAttrs((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                        ((FileTime) a.get("lastModifiedTime")).toInstant());
            } catch (IOException | UnsupportedOperationException e) {
                throw new NfsException(NfsStatus.IO, l.source() + ": " + e.getMessage());
            }
        }

        @Override
        public String linkTarget(DirOverlay.Lower l) throws NfsException {
            try {
                return Files.readSymbolicLink(l.source()).toString();
            } catch (IOException e) {
                throw new NfsException(NfsStatus.IO, l.source() + ": " + e.getMessage());
            }
        }

        @Override
        public byte[] content(DirOverlay.Lower l, long room) throws NfsException {
            try (FileChannel ch = FileChannel.open(l.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                if (ch.size() + 512 > room) {
                    throw new NfsException(NfsStatus.NOSPC, l.source() + " does not fit the memory layer (md_size)");
                }
                ByteBuffer b = ByteBuffer.allocate((int) ch.size());
                while (b.hasRemaining() && ch.read(b) > 0) {
                    // read it all
                }
                return b.array();
            } catch (IOException e) {
                throw new NfsException(NfsStatus.IO, l.source() + ": " + e.getMessage());
            }
        }
    };
}
