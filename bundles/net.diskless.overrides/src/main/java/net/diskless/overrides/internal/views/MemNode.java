package net.diskless.overrides.internal.views;

import java.time.Instant;
import java.util.Arrays;
import net.diskless.api.nfs.FileType;

/**
 * An entry of a client's writable layer, in memory: a file with its bytes, a directory or a symbolic link,
 * with the attributes a client can set. Guarded by the overlay's lock.
 */
final class MemNode {

    final long id;
    final FileType type;
    int mode;
    int uid;
    int gid;
    Instant atime;
    Instant mtime;
    Instant ctime;
    byte[] data = new byte[0];
    int size;
    String linkTarget = "";

    MemNode(long id, FileType type, int mode, int uid, int gid, Instant now) {
        this.id = id;
        this.type = type;
        this.mode = mode & 07777;
        this.uid = uid;
        this.gid = gid;
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
    }

    /** Bytes of the memory disk this entry takes: its contents plus one 512-byte block of metadata. */
    long charge() {
        return 512L + size + linkTarget.length();
    }

    void truncate(int newSize) {
        if (newSize > data.length) {
            data = Arrays.copyOf(data, Math.max(newSize, data.length * 2));
        } else if (newSize < size) {
            Arrays.fill(data, newSize, size, (byte) 0);
        }
        size = newSize;
    }
}
