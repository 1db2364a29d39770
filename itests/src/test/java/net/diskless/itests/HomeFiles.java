package net.diskless.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes files of the shared test home and puts every one back as it was on {@link #restore()}, so
 * tests that rewrite nsswitch.conf or ethers do not leak into each other.
 */
final class HomeFiles {

    private final Path home;
    private final Map<Path, byte[]> originals = new LinkedHashMap<>();

    HomeFiles(Path home) {
        this.home = home;
    }

    Path write(String relative, String content) throws IOException {
        Path p = home.resolve(relative);
        if (!originals.containsKey(p)) {
            originals.put(p, Files.exists(p) ? Files.readAllBytes(p) : null);
        }
        Files.createDirectories(p.getParent());
        // Written to a temporary name and moved: a reader never sees half a file.
        Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return p;
    }

    void restore() throws IOException {
        for (var e : originals.entrySet()) {
            if (e.getValue() == null) {
                Files.deleteIfExists(e.getKey());
            } else {
                Files.write(e.getKey(), e.getValue());
            }
        }
        originals.clear();
    }
}
