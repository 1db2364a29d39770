package net.diskless.api.overrides;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The effective contents of one directory ({@code /etc}, or any other) for one client, as the
 * {@code /conf} hierarchy resolves it: which file comes from which layer, what {@code DIR.remove} deleted,
 * what {@code diskless_remount} started from, and the {@code md_size} bound on writable space.
 *
 * @param problems malformed {@code md_size} / {@code diskless_remount} files, with their paths
 */
public record OverrideView(String directory, Optional<String> remount, long sizeLimitBytes,
                           Map<String, OverrideFile> files, Set<String> removed, List<String> problems) {

    /** The seed's default memory disk: 2 MB. */
    public static final long DEFAULT_SIZE_LIMIT = 2L * 1024 * 1024;

    public OverrideView {
        files = Map.copyOf(files);
        removed = Set.copyOf(removed);
        problems = List.copyOf(problems);
    }
}
