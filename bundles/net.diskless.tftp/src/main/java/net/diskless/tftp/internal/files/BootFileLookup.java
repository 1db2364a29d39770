package net.diskless.tftp.internal.files;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the directory which file a client boots, so a Sun client's request for its hex IP ({@code 828D0E09},
 * {@code 828D0E09.SUN4U}) works without any symlink in the TFTP root. The server wires it to the directory's
 * {@code BootFiles} service.
 *
 * <p>{@link FileResolver} calls it only for the requesting client's own hex name, and still checks that the answer
 * is a regular file inside the TFTP root. It is called on the server's I/O thread: keep it quick. A runtime
 * exception is answered as "file not found" (the resolver does not log).
 */
@FunctionalInterface
public interface BootFileLookup {

    /** No directory: hex names are only served from real files. */
    BootFileLookup NONE = (client, architecture) -> Optional.empty();

    /**
     * @param client       the requesting client, which is also the address the hex name spells
     * @param architecture what followed the dot ({@code SUN4U}) exactly as the client sent it, {@code ""} when none
     * @return the boot file: an absolute path, or one relative to the TFTP root
     */
    Optional<Path> bootFile(Inet4Address client, String architecture);
}
