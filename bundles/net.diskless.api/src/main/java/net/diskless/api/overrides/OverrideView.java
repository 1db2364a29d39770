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
 * @param layers   the layers that override this directory, in order; empty: not overridden, the client
 *                 sees its root's own directory
 * @param remount  the source tree of the last {@code diskless_remount} applied, as written in its file
 * @param files    by relative path; directories are implied by the paths under them
 * @param removed  what {@code DIR.remove} lists deleted (entries of the list that matched something)
 * @param problems malformed {@code md_size} / {@code diskless_remount} / {@code DIR.remove} files, with
 *                 their paths; the rest of their layer is used
 */
public record OverrideView(String directory, List<String> layers, Optional<String> remount, long sizeLimitBytes,
                           Map<String, OverrideFile> files, Set<String> removed, List<String> problems) {

    /** The seed's default memory disk: 2 MB. */
    public static final long DEFAULT_SIZE_LIMIT = 2L * 1024 * 1024;

    public OverrideView {
        layers = List.copyOf(layers);
        files = Map.copyOf(files);
        removed = Set.copyOf(removed);
        problems = List.copyOf(problems);
    }

    /** Whether any layer overrides this directory. */
    public boolean overridden() {
        return !layers.isEmpty();
    }
}
