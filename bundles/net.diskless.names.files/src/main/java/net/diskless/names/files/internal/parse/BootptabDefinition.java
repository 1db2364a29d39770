package net.diskless.names.files.internal.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bootptab entry as written, before templates: its own tags (an empty value marks {@code tag@},
 * which also keeps a template from supplying the tag) and the templates it names, in order.
 * Mutable while its entry is being read; only the bootptab parser sees it.
 */
record BootptabDefinition(String name, int line, Map<String, Optional<String>> own, List<String> templates) {

    /** Templates ({@code .default}) serve {@code tc=} and are not entries of the map. */
    boolean isTemplate() {
        return name.startsWith(".");
    }
}
