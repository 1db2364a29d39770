package net.diskless.tftp.internal.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link FileResolver#resolve} decided about a read request: the file to send, or the TFTP error to answer.
 */
public sealed interface Resolution permits Resolution.Found, Resolution.Denied {

    /** TFTP error code 1 (RFC 1350). */
    int FILE_NOT_FOUND = 1;
    /** TFTP error code 2 (RFC 1350). */
    int ACCESS_VIOLATION = 2;

    /**
     * The file to send.
     *
     * @param file the real path (symlinks resolved, absolute), inside the real path of the TFTP root; open it with
     *             {@link FileResolver#open} so a symlink swapped in at the last component is not followed
     * @param size its size when it was resolved (it may change before it is read: use the channel's size)
     * @param rule how the name was mapped, for logs and events: {@code "file"}, {@code "unique-root"},
     *             {@code "tftpboot/ prefix"}, {@code "hex-ip boot file"}, {@code "remapped: <rule>"}; several
     *             are joined with {@code "; "} (e.g. {@code "remapped: ^x y; unique-root"})
     */
    record Found(Path file, long size, String rule) implements Resolution {
        public Found {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * A refusal.
     *
     * @param errorCode {@link #FILE_NOT_FOUND} or {@link #ACCESS_VIOLATION}
     * @param reason    short printable ASCII text, safe to send to the client and to log; it never quotes the
     *                  requested name
     */
    record Denied(int errorCode, String reason) implements Resolution {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
