package net.diskless.tftp.internal.server;

import java.nio.file.Path;

/**
 * Write requests: refused unless a directory is given, and then only into it, as new files of at most
 * {@code maxBytes}. The TFTP root itself is never written.
 */
public record UploadSettings(Path directory, long maxBytes) {

    public static final UploadSettings DISABLED = new UploadSettings(null, 0);

    public boolean enabled() {
        return directory != null;
    }
}
