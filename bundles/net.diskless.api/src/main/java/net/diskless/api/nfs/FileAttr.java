package net.diskless.api.nfs;

import java.time.Instant;
import java.util.Objects;

/**
 * The attributes of one file (fattr3 without the file system id, which the server fills in).
 *
 * @param mode      permission bits (07777), without the file type
 * @param used      bytes of storage the file takes
 * @param rdevMajor major device number of a device node, else 0
 * @param fileId    the file's stable number inside its file system (its inode number for a local export)
 */
public record FileAttr(FileType type, int mode, int nlink, int uid, int gid, long size, long used, int rdevMajor,
                       int rdevMinor, long fileId, Instant atime, Instant mtime, Instant ctime) {

    public FileAttr {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(ctime, "ctime");
        mode &= 07777;
    }
}
