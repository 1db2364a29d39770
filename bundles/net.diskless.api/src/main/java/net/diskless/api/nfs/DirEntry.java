package net.diskless.api.nfs;

import java.util.Objects;

/**
 * One directory entry: its name, its file id, the cookie that continues the listing after it, and its attributes
 * when the file system has them at hand (null otherwise: READDIRPLUS then asks {@link VirtualFileSystem#getattr}).
 */
public record DirEntry(String name, long fileId, long cookie, FileAttr attr) {

    public DirEntry {
        Objects.requireNonNull(name, "name");
    }

    public DirEntry(String name, long fileId, long cookie) {
        this(name, fileId, cookie, null);
    }
}
