package net.diskless.api.overrides;

import java.nio.file.Path;

/**
 * One file of a resolved directory: its path relative to that directory, the layer that supplied it
 * ({@code base}, {@code default}, {@code 10.0.0.255}, {@code 10.0.0.7}, or {@code remount}) and where it is.
 */
public record OverrideFile(String relativePath, String layer, Path source) {
}
