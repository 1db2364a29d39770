package net.diskless.api.nfs;

/** FSSTAT figures, in bytes and file slots. */
public record FsStat(long totalBytes, long freeBytes, long availableBytes, long totalFiles, long freeFiles,
                     long availableFiles) {
}
