package net.diskless.api.nfs;

import java.util.Objects;

/** One directory entry: its name, its file id and the cookie that continues the listing after it. */
public record DirEntry(String name, long fileId, long cookie) {

    public DirEntry {
        Objects.requireNonNull(name, "name");
    }
}
