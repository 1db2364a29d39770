package net.diskless.overrides.internal.views;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * File ids of override entries: negative (the sign bit set), so they never meet the inode numbers of the
 * plain export, and derived from the entry's path so a handle stays valid across appliance restarts.
 */
final class OverlayIds {

    private OverlayIds() {
    }

    static boolean isOverlay(long id) {
        return id < 0;
    }

    /** The id of {@code relative} ({@code ""} for the directory itself) in overridden directory {@code dir}. */
    static long of(String dir, String relative) {
        return hash(dir + "\0" + relative);
    }

    /** A file the client created: named by its directory, path and a creation number, so a new file never reuses an old handle. */
    static long created(String dir, String relative, long serial) {
        return hash(dir + "\0" + relative + "\0" + serial);
    }

    private static long hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (d[i] & 0xff);
            }
            return v | Long.MIN_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
