package net.diskless.nfs.internal.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.DirEntry;
import net.diskless.api.nfs.DirPage;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.nfs.SetAttr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSystemTest {

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    LocalFileSystem fs;
    final Caller caller = new Caller(0, 0, new int[0], InetAddress.getLoopbackAddress());

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(tmp.resolve("export"));
        outside = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(outside.resolve("key"), "outside");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/motd"), "hello");
        Files.createSymbolicLink(root.resolve("up"), Path.of("../secret"));
        Files.createSymbolicLink(root.resolve("abs"), outside.resolve("key"));
        fs = new LocalFileSystem(root, 100_000, 0);
    }

    private static NfsStatus status(Executable e) {
        return assertThrows(NfsException.class, e::run).status();
    }

    interface Executable {
        void run() throws Exception;
    }

    @Test
    void dotDotAtTheRootIsTheRoot() throws Exception {
        assertEquals(fs.root(), fs.lookup(fs.root(), ".."));
        assertEquals(fs.root(), fs.lookup(fs.root(), "."));
        long etc = fs.lookup(fs.root(), "etc");
        assertEquals(fs.root(), fs.lookup(etc, ".."));
        assertEquals(fs.root(), fs.lookup(fs.lookup(etc, ".."), ".."));
    }

    @Test
    void symlinksAreServedAsLinksNeverFollowed() throws Exception {
        long up = fs.lookup(fs.root(), "up");
        assertEquals(FileType.LNK, fs.getattr(up).type());
        assertEquals("../secret", fs.readlink(up));
        assertEquals(NfsStatus.NOTDIR, status(() -> fs.lookup(up, "key")));
        long abs = fs.lookup(fs.root(), "abs");
        assertEquals(NfsStatus.INVAL, status(() -> fs.read(abs, 0, 100)));
        assertEquals(NfsStatus.INVAL, status(() -> fs.write(abs, 0, ByteBuffer.wrap(new byte[1]), false)));
        assertEquals("outside", Files.readString(outside.resolve("key")), "not written through the link");
        assertEquals(NfsStatus.NOTDIR, status(() -> fs.list(up, 0, 0, 10)));
    }

    @Test
    void aDirectorySwappedForALinkIsStaleNotFollowed() throws Exception {
        long etc = fs.lookup(fs.root(), "etc");
        long motd = fs.lookup(etc, "motd");
        Files.move(root.resolve("etc"), root.resolve("etc.old"));
        Files.createDirectories(outside.resolve("etc"));
        Files.writeString(outside.resolve("etc/motd"), "stolen");
        Files.createSymbolicLink(root.resolve("etc"), outside.resolve("etc"));
        // the file still exists (moved), so a walk finds it at its new place; through the link never
        assertEquals("hello", new String(fs.read(motd, 0, 100).data().array(), 0, 5, StandardCharsets.UTF_8));
        Files.delete(root.resolve("etc.old/motd"));
        assertEquals(NfsStatus.STALE, status(() -> fs.read(motd, 0, 100)));
    }

    @Test
    void unknownIdsAreStale() {
        assertEquals(NfsStatus.STALE, status(() -> fs.getattr(Long.MAX_VALUE)));
        assertEquals(NfsStatus.STALE, status(() -> fs.getattr(-1)));
    }

    @Test
    void idsOfFilesOutsideTheExportAreStale() throws Exception {
        long outsideIno = (Long) Files.getAttribute(outside.resolve("key"), "unix:ino");
        assertEquals(NfsStatus.STALE, status(() -> fs.read(outsideIno, 0, 10)));
        long secretIno = (Long) Files.getAttribute(outside, "unix:ino");
        assertEquals(NfsStatus.STALE, status(() -> fs.list(secretIno, 0, 0, 10)));
    }

    @Test
    void idsStayTheSameForANewInstance() throws Exception {
        long motd = fs.lookup(fs.lookup(fs.root(), "etc"), "motd");
        LocalFileSystem restarted = new LocalFileSystem(root, 100_000, 0);
        assertEquals(5, restarted.getattr(motd).size(), "found by walking the tree");
        assertEquals(fs.root(), restarted.root());
    }

    @Test
    void readsBeyondTheEndAndHugeCounts() throws Exception {
        long motd = fs.lookup(fs.lookup(fs.root(), "etc"), "motd");
        assertEquals(0, fs.read(motd, 1L << 40, 100).data().remaining());
        assertTrue(fs.read(motd, 1L << 40, 100).eof());
        var all = fs.read(motd, 0, Integer.MAX_VALUE);
        assertEquals(5, all.data().remaining(), "the buffer is the file's size, not the count");
        assertTrue(all.eof());
        var part = fs.read(motd, 1, 2);
        assertEquals(2, part.data().remaining());
        assertFalse(part.eof());
    }

    @Test
    void namespaceOperations() throws Exception {
        long dir = fs.mkdir(fs.root(), "d", new SetAttr(0750, null, null, null, null, null), caller);
        assertEquals(0750, fs.getattr(dir).mode());
        long f = fs.create(dir, "f", SetAttr.NONE, caller);
        fs.write(f, 3, ByteBuffer.wrap("abc".getBytes()), true);
        assertEquals(6, fs.getattr(f).size());
        assertEquals(NfsStatus.EXIST, status(() -> fs.create(dir, "f", SetAttr.NONE, caller)));
        fs.setattr(f, new SetAttr(null, null, null, 4L, null, null));
        assertEquals(4, Files.size(root.resolve("d/f")));
        long l = fs.symlink(dir, "l", "../../etc/passwd", SetAttr.NONE, caller);
        assertEquals("../../etc/passwd", fs.readlink(l));
        fs.link(f, fs.root(), "hard");
        assertEquals(2, fs.getattr(f).nlink());
        fs.rename(fs.root(), "d", fs.root(), "e");
        assertEquals(4, fs.getattr(f).size(), "the renamed directory's files keep their ids");
        assertEquals(NfsStatus.INVAL, status(() -> fs.rename(fs.root(), "e", fs.lookup(fs.root(), "e"), "x")));
        assertEquals(NfsStatus.NOTEMPTY, status(() -> fs.rmdir(fs.root(), "e")));
        assertEquals(NfsStatus.ISDIR, status(() -> fs.remove(fs.root(), "e")));
        assertEquals(NfsStatus.NOTDIR, status(() -> fs.rmdir(fs.root(), "hard")));
        fs.remove(fs.lookup(fs.root(), "e"), "f");
        fs.remove(fs.lookup(fs.root(), "e"), "l");
        fs.rmdir(fs.root(), "e");
        assertEquals(NfsStatus.NOENT, status(() -> fs.lookup(fs.root(), "e")));
        long fifo = fs.mknod(fs.root(), "fifo", FileType.FIFO, 0, 0, SetAttr.NONE, caller);
        assertEquals(FileType.FIFO, fs.getattr(fifo).type());
    }

    @Test
    void listingsContinueAfterAnyCookieWhileEntriesChange() throws Exception {
        Path big = Files.createDirectories(root.resolve("big"));
        for (int i = 0; i < 500; i++) {
            Files.writeString(big.resolve("f" + i), "");
        }
        long dir = fs.lookup(fs.root(), "big");
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        long cookie = 0;
        int pages = 0;
        boolean removed = false;
        while (true) {
            DirPage page = fs.list(dir, cookie, 0, 37);
            for (DirEntry e : page.entries()) {
                assertTrue(seen.add(e.name()), "listed twice: " + e.name());
                order.add(e.name());
                cookie = e.cookie();
            }
            if (!removed) {
                Files.delete(big.resolve(order.get(order.size() - 1).startsWith("f") ? order.get(order.size() - 1)
                        : "f0"));
                removed = true;
            }
            pages++;
            if (page.eof()) {
                break;
            }
            assertTrue(pages < 100);
        }
        assertEquals(502, seen.size(), ". and .. and 500 files, each once");
        assertTrue(order.containsAll(List.of(".", "..")));
        // a made-up cookie continues somewhere, never fails
        assertTrue(fs.list(dir, 0x123456789abcL, 0, 10).entries().size() <= 10);
        assertEquals(0, fs.list(dir, Long.MAX_VALUE, 0, 10).entries().size());
    }
}
