package net.diskless.api.overrides;

import java.nio.file.Path;

/**
 * One entry of a resolved directory: its path relative to that directory, the layer that supplied it
 * ({@code base}, {@code default}, {@code 10.0.0.255}, {@code bcast/10.0.0.255}, {@code 10.0.0.7},
 * {@code ip/10.0.0.7}, a class name, or {@code base (remount)} and the like for a {@code diskless_remount}
 * source) and where it is on this server: a regular file, a symbolic link (never followed: the client
 * resolves it) or an empty directory.
 */
public record OverrideFile(String relativePath, String layer, Path source) {
}
