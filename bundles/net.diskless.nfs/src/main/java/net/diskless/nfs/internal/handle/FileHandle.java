package net.diskless.nfs.internal.handle;

/** What a file handle names: a file of an export. {@code exportId} is {@link HandleKey#exportId(String)}. */
public record FileHandle(int exportId, long fileId) {
}
