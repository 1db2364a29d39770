package net.diskless.nfs.internal.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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

/**
 * A local directory as a {@link VirtualFileSystem}. File ids are inode numbers, so they survive restarts; an index
 * maps them to paths relative to the root, filled by every lookup and listing and, for an id it has not seen (after
 * a restart), by one bounded walk of the tree.
 *
 * <p>Confinement: paths are only ever built from the root and names of single components; every operation uses
 * the file's last component without following symbolic links and first checks that the directories above it
 * still resolve, without symbolic links, to where the index says (so a directory swapped for a link after it was
 * indexed is refused, not followed). Directories on another file system (mount points inside the export) are not
 * crossed: their inode numbers could collide with ours.
 */
public final class LocalFileSystem implements VirtualFileSystem {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String STAT = "unix:dev,ino,mode,nlink,uid,gid,size,rdev,lastAccessTime,lastModifiedTime,ctime";

    private final Path root;
    private final long rootId;
    private final long rootDev;
    private final boolean chown;
    private final int maxIndexEntries;
    private final long rewalkNanos;
    private final Map<Long, String> paths = new ConcurrentHashMap<>();
    private final ListingCache listings = new ListingCache(64);
    private final ChannelCache channels = new ChannelCache(32);
    private long lastWalk;

    /**
     * @param maxIndexEntries bound of a walk looking for an unknown id
     * @param rewalkSeconds   an unknown id seen again within this time after a walk is stale without another walk
     */
    public LocalFileSystem(Path root, int maxIndexEntries, int rewalkSeconds) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root, NOFOLLOW)) {
            throw new IOException(root + " is not a directory");
        }
        Map<String, Object> a = Files.readAttributes(this.root, "unix:dev,ino", NOFOLLOW);
        this.rootId = (Long) a.get("ino");
        this.rootDev = (Long) a.get("dev");
        this.paths.put(rootId, "");
        this.chown = "root".equals(System.getProperty("user.name"));
        this.maxIndexEntries = maxIndexEntries;
        this.rewalkNanos = TimeUnit.SECONDS.toNanos(rewalkSeconds);
        this.lastWalk = System.nanoTime() - rewalkNanos - 1;
    }

    public Path rootPath() {
        return root;
    }

    @Override
    public long root() {
        return rootId;
    }

    // ---- resolution ---------------------------------------------------------------------------------------

    private record Located(long id, String rel, Path path, Map<String, Object> stat) {
    }

    /** The file with this id, checked against the disk; STALE when it is gone or moved out of reach. */
    private Located locate(long id) throws NfsException {
        String rel = paths.get(id);
        if (rel != null) {
            Located l = check(id, rel);
            if (l != null) {
                return l;
            }
            paths.remove(id, rel);
        }
        rel = reindexFor(id);
        if (rel != null) {
            Located l = check(id, rel);
            if (l != null) {
                return l;
            }
        }
        throw new NfsException(NfsStatus.STALE, "file " + id + " is not in " + root);
    }

    private Located check(long id, String rel) throws NfsException {
        Path p = rel.isEmpty() ? root : root.resolve(rel);
        try {
            if (!rel.isEmpty()) {
                Path parent = p.getParent();
                if (!parent.toRealPath().equals(parent)) {
                    return null; // a directory on the way is a symbolic link now: never followed
                }
            }
            Map<String, Object> stat = Files.readAttributes(p, STAT, NOFOLLOW);
            if ((Long) stat.get("ino") != id || (Long) stat.get("dev") != rootDev) {
                return null;
            }
            return new Located(id, rel, p, stat);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    /** One bounded walk of the tree recording every id, unless one was done a moment ago. */
    private synchronized String reindexFor(long id) {
        String known = paths.get(id);
        if (known != null) {
            return known;
        }
        long now = System.nanoTime();
        if (now - lastWalk < rewalkNanos) {
            return null;
        }
        lastWalk = now;
        int[] seen = {0};
        try {
            Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return record(dir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    record(file);
                    return ++seen[0] > maxIndexEntries ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                private boolean record(Path p) {
                    try {
                        Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino", NOFOLLOW);
                        if ((Long) a.get("dev") != rootDev) {
                            return false;
                        }
                        paths.put((Long) a.get("ino"), relative(p));
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                }
            });
        } catch (IOException e) {
            // what was walked is recorded; the id is stale if it was not among it
        }
        return paths.get(id);
    }

    private String relative(Path p) {
        return root.relativize(p).toString();
    }

    private Located dir(long id) throws NfsException {
        Located d = locate(id);
        if (type(d.stat) != FileType.DIR) {
            throw new NfsException(NfsStatus.NOTDIR, "file " + id + " is not a directory");
        }
        return d;
    }

    private static String child(String rel, String name) {
        return rel.isEmpty() ? name : rel + "/" + name;
    }

    /** Stat of a directory's entry without following a link; records its id. */
    private long enter(Located dir, String name) throws NfsException {
        String rel = child(dir.rel, name);
        try {
            Map<String, Object> a = Files.readAttributes(root.resolve(rel), "unix:dev,ino", NOFOLLOW);
            if ((Long) a.get("dev") != rootDev) {
                throw new NfsException(NfsStatus.NOENT, rel + " is on another file system");
            }
            long id = (Long) a.get("ino");
            paths.put(id, rel);
            return id;
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    // ---- attributes ---------------------------------------------------------------------------------------

    static FileType type(Map<String, Object> stat) {
        int mode = (Integer) stat.get("mode");
        return switch (mode & 0170000) {
            case 0040000 -> FileType.DIR;
            case 0120000 -> FileType.LNK;
            case 0060000 -> FileType.BLK;
            case 0020000 -> FileType.CHR;
            case 0010000 -> FileType.FIFO;
            case 0140000 -> FileType.SOCK;
            default -> FileType.REG;
        };
    }

    private static FileAttr attr(Map<String, Object> s) {
        long rdev = (Long) s.get("rdev");
        long size = (Long) s.get("size");
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        return new FileAttr(type(s), (Integer) s.get("mode"), (Integer) s.get("nlink"), (Integer) s.get("uid"),
                (Integer) s.get("gid"), size, (size + 4095) & ~4095L, major, minor, (Long) s.get("ino"),
                ((FileTime) s.get("lastAccessTime")).toInstant(), ((FileTime) s.get("lastModifiedTime")).toInstant(),
                ((FileTime) s.get("ctime")).toInstant());
    }

    @Override
    public long lookup(long dir, String name) throws NfsException {
        Located d = dir(dir);
        if (name.equals(".")) {
            return d.id;
        }
        if (name.equals("..")) {
            if (d.rel.isEmpty()) {
                return rootId; // the root's parent is the root: nothing above the export is reachable
            }
            int slash = d.rel.lastIndexOf('/');
            String parent = slash < 0 ? "" : d.rel.substring(0, slash);
            if (parent.isEmpty()) {
                return rootId;
            }
            try {
                long id = (Long) Files.getAttribute(root.resolve(parent), "unix:ino", NOFOLLOW);
                paths.put(id, parent);
                return id;
            } catch (IOException e) {
                throw Errors.map(e);
            }
        }
        return enter(d, name);
    }

    @Override
    public FileAttr getattr(long id) throws NfsException {
        return attr(locate(id).stat);
    }

    @Override
    public void setattr(long id, SetAttr a) throws NfsException {
        Located l = locate(id);
        FileType type = type(l.stat);
        try {
            if (a.uid() != null || a.gid() != null) {
                if (a.uid() != null) {
                    Files.setAttribute(l.path, "unix:uid", a.uid(), NOFOLLOW);
                }
                if (a.gid() != null) {
                    Files.setAttribute(l.path, "unix:gid", a.gid(), NOFOLLOW);
                }
            }
            if (a.mode() != null && type != FileType.LNK) {
                Files.setAttribute(l.path, "unix:mode", a.mode() & 07777, NOFOLLOW);
            }
            if (a.size() != null) {
                if (type == FileType.DIR) {
                    throw new NfsException(NfsStatus.ISDIR, "size of a directory");
                }
                if (type != FileType.REG) {
                    throw new NfsException(NfsStatus.INVAL, "size of a " + type);
                }
                try (FileChannel ch = FileChannel.open(l.path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    long size = a.size();
                    if (size < ch.size()) {
                        ch.truncate(size);
                    } else if (size > ch.size()) {
                        ch.write(ByteBuffer.allocate(1), size - 1);
                    }
                }
            }
            if (a.atime() != null || a.mtime() != null) {
                Files.getFileAttributeView(l.path, BasicFileAttributeView.class, NOFOLLOW).setTimes(
                        a.mtime() == null ? null : FileTime.from(a.mtime()),
                        a.atime() == null ? null : FileTime.from(a.atime()), null);
            }
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    @Override
    public String readlink(long id) throws NfsException {
        Located l = locate(id);
        if (type(l.stat) != FileType.LNK) {
            throw new NfsException(NfsStatus.INVAL, "not a symbolic link");
        }
        try {
            return Files.readSymbolicLink(l.path).toString();
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    // ---- data ---------------------------------------------------------------------------------------------

    @Override
    public ReadResult read(long id, long offset, int count) throws NfsException {
        Located l = locate(id);
        FileType type = type(l.stat);
        if (type == FileType.DIR) {
            throw new NfsException(NfsStatus.ISDIR, "read of a directory");
        }
        if (type != FileType.REG) {
            throw new NfsException(NfsStatus.INVAL, "read of a " + type);
        }
        long size = (Long) l.stat.get("size");
        if (offset < 0 || offset >= size || count <= 0) {
            return new ReadResult(ByteBuffer.allocate(0), offset >= size || offset < 0);
        }
        int want = (int) Math.min(count, size - offset);
        ByteBuffer buf = ByteBuffer.allocate(want);
        try {
            FileChannel ch = channels.open(id, l.path);
            while (buf.hasRemaining()) {
                int n = ch.read(buf, offset + buf.position());
                if (n < 0) {
                    break;
                }
            }
            buf.flip();
            return new ReadResult(buf, offset + buf.limit() >= ch.size());
        } catch (IOException e) {
            channels.invalidate(id);
            throw Errors.map(e);
        }
    }

    @Override
    public void write(long id, long offset, ByteBuffer data, boolean sync) throws NfsException {
        Located l = locate(id);
        FileType type = type(l.stat);
        if (type == FileType.DIR) {
            throw new NfsException(NfsStatus.ISDIR, "write to a directory");
        }
        if (type != FileType.REG) {
            throw new NfsException(NfsStatus.INVAL, "write to a " + type);
        }
        if (offset < 0 || offset + data.remaining() < 0) {
            throw new NfsException(NfsStatus.FBIG, "offset " + Long.toUnsignedString(offset));
        }
        List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        if (sync) {
            options.add(StandardOpenOption.DSYNC);
        }
        try (FileChannel ch = FileChannel.open(l.path, options.toArray(OpenOption[]::new))) {
            long at = offset;
            while (data.hasRemaining()) {
                at += ch.write(data, at);
            }
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    @Override
    public void commit(long id) throws NfsException {
        Located l = locate(id);
        if (type(l.stat) != FileType.REG) {
            return;
        }
        try (FileChannel ch = FileChannel.open(l.path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.force(true);
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    // ---- namespace ----------------------------------------------------------------------------------------

    private interface Maker {
        void make(Path p) throws IOException, NfsException;
    }

    private long make(long dir, String name, SetAttr attr, Caller caller, Maker maker) throws NfsException {
        Located d = dir(dir);
        Path p = root.resolve(child(d.rel, name));
        try {
            maker.make(p);
        } catch (IOException e) {
            throw Errors.map(e);
        }
        long id = enter(d, name);
        listings.invalidate(dir);
        SetAttr owner = new SetAttr(null, attr.uid() != null ? attr.uid() : chown ? caller.uid() : null,
                attr.gid() != null ? attr.gid() : chown ? caller.gid() : null, null, null, null);
        if (!chown) {
            owner = SetAttr.NONE;
        }
        if (!owner.isEmpty()) {
            setattr(id, owner);
        }
        SetAttr rest = new SetAttr(attr.mode(), null, null, attr.size(), attr.atime(), attr.mtime());
        if (!rest.isEmpty()) {
            setattr(id, rest);
        }
        return id;
    }

    @Override
    public long create(long dir, String name, SetAttr attr, Caller caller) throws NfsException {
        return make(dir, name, attr, caller, Files::createFile);
    }

    @Override
    public long mkdir(long dir, String name, SetAttr attr, Caller caller) throws NfsException {
        return make(dir, name, attr, caller, Files::createDirectory);
    }

    @Override
    public long symlink(long dir, String name, String target, SetAttr attr, Caller caller) throws NfsException {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new NfsException(NfsStatus.INVAL, "symbolic link target");
        }
        // The text is stored as it is: clients resolve it, the server never follows it.
        return make(dir, name, attr.withoutMode(), caller, p -> Files.createSymbolicLink(p, Path.of(target)));
    }

    @Override
    public long mknod(long dir, String name, FileType type, int major, int minor, SetAttr attr, Caller caller)
            throws NfsException {
        String kind = switch (type) {
            case BLK -> "b";
            case CHR -> "c";
            case FIFO -> "p";
            default -> throw new NfsException(NfsStatus.BADTYPE, "mknod of a " + type);
        };
        return make(dir, name, attr, caller, p -> Mknod.make(p, kind, major, minor));
    }

    @Override
    public void remove(long dir, String name) throws NfsException {
        Located d = dir(dir);
        Path p = root.resolve(child(d.rel, name));
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,mode", NOFOLLOW);
            if (type(a) == FileType.DIR) {
                throw new NfsException(NfsStatus.ISDIR, "REMOVE of a directory");
            }
            Files.delete(p);
            long id = (Long) a.get("ino");
            paths.remove(id, child(d.rel, name));
            channels.invalidate(id);
            listings.invalidate(dir);
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    @Override
    public void rmdir(long dir, String name) throws NfsException {
        Located d = dir(dir);
        if (name.equals(".")) {
            throw new NfsException(NfsStatus.INVAL, "RMDIR of .");
        }
        if (name.equals("..")) {
            throw new NfsException(NfsStatus.NOTEMPTY, "RMDIR of ..");
        }
        Path p = root.resolve(child(d.rel, name));
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,mode", NOFOLLOW);
            if (type(a) != FileType.DIR) {
                throw new NfsException(NfsStatus.NOTDIR, "RMDIR of a " + type(a));
            }
            Files.delete(p);
            paths.remove((Long) a.get("ino"));
            listings.invalidate(dir);
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    @Override
    public void rename(long fromDir, String fromName, long toDir, String toName) throws NfsException {
        Located from = dir(fromDir);
        Located to = dir(toDir);
        String fromRel = child(from.rel, fromName);
        String toRel = child(to.rel, toName);
        if ((toRel + "/").startsWith(fromRel + "/")) {
            if (toRel.equals(fromRel)) {
                return;
            }
            throw new NfsException(NfsStatus.INVAL, "rename of a directory into itself");
        }
        try {
            long id = (Long) Files.getAttribute(root.resolve(fromRel), "unix:ino", NOFOLLOW);
            // rename(2): replaces a file or an empty directory at the target atomically.
            Files.move(root.resolve(fromRel), root.resolve(toRel), StandardCopyOption.ATOMIC_MOVE);
            paths.put(id, toRel);
            String prefix = fromRel + "/";
            paths.replaceAll((k, v) -> v.startsWith(prefix) ? toRel + "/" + v.substring(prefix.length()) : v);
            channels.invalidate(id);
            listings.invalidate(fromDir);
            listings.invalidate(toDir);
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    @Override
    public void link(long file, long dir, String name) throws NfsException {
        Located f = locate(file);
        if (type(f.stat) == FileType.DIR) {
            throw new NfsException(NfsStatus.ISDIR, "hard link to a directory");
        }
        Located d = dir(dir);
        try {
            Files.createLink(root.resolve(child(d.rel, name)), f.path);
            listings.invalidate(dir);
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Override
    public DirPage list(long dir, long cookie, long verifier, int maxEntries) throws NfsException {
        Located d = dir(dir);
        ListingCache.Listing listing = listings.get(dir, stamp(d.stat));
        if (listing == null) {
            listing = load(d);
            listings.put(dir, listing);
        }
        List<DirEntry> out = new ArrayList<>();
        if (cookie == 0 && maxEntries > 0) {
            out.add(new DirEntry(".", d.id, 1, attr(d.stat)));
        }
        if (cookie <= 1 && out.size() < maxEntries) {
            out.add(new DirEntry("..", lookup(dir, ".."), 2));
        }
        // Cookies are hashes of the names, listed in cookie order: a cookie stays valid while entries come and go.
        int i = cookie <= 2 ? 0 : upperBound(listing.cookies(), cookie);
        while (i < listing.cookies().length && out.size() < maxEntries) {
            String name = listing.names()[i];
            paths.putIfAbsent(listing.ids()[i], child(d.rel, name));
            out.add(new DirEntry(name, listing.ids()[i], listing.cookies()[i], entryAttr(d, name, listing.ids()[i])));
            i++;
        }
        return new DirPage(out, 0, i >= listing.cookies().length);
    }

    /**
     * Fresh attributes of an entry of a directory that was just checked (so no second check of the path above
     * it), or null when it is gone or is no longer the listed file.
     */
    private FileAttr entryAttr(Located dir, String name, long id) {
        try {
            Map<String, Object> stat = Files.readAttributes(dir.path.resolve(name), STAT, NOFOLLOW);
            return (Long) stat.get("ino") == id && (Long) stat.get("dev") == rootDev ? attr(stat) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Changes whenever the directory's entries may have: its mtime and ctime. */
    private static long stamp(Map<String, Object> stat) {
        return ((FileTime) stat.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) * 31
                + ((FileTime) stat.get("ctime")).to(TimeUnit.NANOSECONDS);
    }

    private static int upperBound(long[] sorted, long cookie) {
        int i = Arrays.binarySearch(sorted, cookie);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private ListingCache.Listing load(Located d) throws NfsException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d.path)) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw Errors.map(e);
        }
        record E(long cookie, String name, long id) {
        }
        List<E> entries = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                Map<String, Object> a = Files.readAttributes(d.path.resolve(name), "unix:dev,ino", NOFOLLOW);
                if ((Long) a.get("dev") != rootDev) {
                    continue; // a mount point: not crossed (see the class comment)
                }
                entries.add(new E(Cookies.of(name), name, (Long) a.get("ino")));
            } catch (IOException e) {
                // gone since the listing: skip it
            }
        }
        entries.sort((a, b) -> Long.compare(a.cookie, b.cookie));
        long[] cookies = new long[entries.size()];
        long[] ids = new long[entries.size()];
        String[] ns = new String[entries.size()];
        for (int i = 0; i < cookies.length; i++) {
            cookies[i] = entries.get(i).cookie;
            ids[i] = entries.get(i).id;
            ns[i] = entries.get(i).name;
        }
        return new ListingCache.Listing(stamp(d.stat), cookies, ns, ids);
    }

    @Override
    public FsStat fsstat() throws NfsException {
        try {
            FileStore store = Files.getFileStore(root);
            long files = 1L << 32;
            return new FsStat(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace(), files,
                    files - paths.size(), files - paths.size());
        } catch (IOException e) {
            throw Errors.map(e);
        }
    }

    /** Closes cached channels. */
    public void close() {
        channels.clear();
    }

    static Instant now() {
        return Instant.now();
    }
}
