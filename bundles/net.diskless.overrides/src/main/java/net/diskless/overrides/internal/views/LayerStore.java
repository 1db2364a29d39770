package net.diskless.overrides.internal.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.diskless.api.nfs.FileType;

/**
 * Where a client's writable layer is kept: only in memory, or also under the appliance home, so it survives a
 * restart of the appliance. The home store keeps one directory per (export, client, overridden directory): an
 * {@code index} (one line per entry and whiteout, replaced atomically on every change) and one
 * {@code <id>.data} file per regular file, written when the file changed.
 */
interface LayerStore {

    /** What was kept for this layer, if anything. */
    Optional<DirOverlay.Snapshot> load(String layer);

    /** Keeps the layer's current state; {@code changed} is the entry whose bytes changed, or null. */
    void save(String layer, DirOverlay.Snapshot snapshot, MemNode changed);

    /** Forgets the layer (the client booted again). */
    void clear(String layer);

    LayerStore MEMORY = new LayerStore() {
        @Override
        public Optional<DirOverlay.Snapshot> load(String layer) {
            return Optional.empty();
        }

        @Override
        public void save(String layer, DirOverlay.Snapshot snapshot, MemNode changed) {
        }

        @Override
        public void clear(String layer) {
        }
    };

    /** The home store under {@code base}; {@code layer} names are relative paths chosen by the caller. */
    static LayerStore home(Path base) {
        return new HomeStore(base);
    }

    /** See {@link LayerStore}. Calls for one layer are serialised by its {@link ClientOverlay}. */
    final class HomeStore implements LayerStore {

        private static final String INDEX = "index";
        private final Path base;

        HomeStore(Path base) {
            this.base = base;
        }

        private Path dir(String layer) {
            Path d = base.resolve(layer).normalize();
            if (!d.startsWith(base)) {
                throw new IllegalArgumentException("layer name leaves the store: " + layer);
            }
            return d;
        }

        @Override
        public Optional<DirOverlay.Snapshot> load(String layer) {
            Path d = dir(layer);
            Path index = d.resolve(INDEX);
            if (!Files.isRegularFile(index)) {
                return Optional.empty();
            }
            try {
                TreeMap<String, MemNode> upper = new TreeMap<>();
                Set<String> whiteouts = new HashSet<>();
                long serial = 0;
                for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                    String[] f = line.split("\t", -1);
                    switch (f[0]) {
                        case "S" -> serial = Long.parseLong(f[1]);
                        case "W" -> whiteouts.add(decode(f[1]));
                        case "E" -> {
                            MemNode m = new MemNode(Long.parseLong(f[2]), FileType.valueOf(f[3]), Integer.parseInt(f[4]),
                                    Integer.parseInt(f[5]), Integer.parseInt(f[6]), Instant.parse(f[8]));
                            m.atime = Instant.parse(f[7]);
                            m.ctime = Instant.parse(f[9]);
                            m.linkTarget = decode(f[10]);
                            if (m.type == FileType.REG) {
                                byte[] data = Files.readAllBytes(d.resolve(dataName(m.id)));
                                m.data = data;
                                m.size = data.length;
                            }
                            upper.put(decode(f[1]), m);
                        }
                        default -> throw new IOException("unknown record " + f[0]);
                    }
                }
                return Optional.of(new DirOverlay.Snapshot(upper, whiteouts, serial));
            } catch (IOException | RuntimeException e) {
                throw new UncheckedIOException(new IOException(index + ": unusable, the layer starts empty: " + e, e));
            }
        }

        @Override
        public void save(String layer, DirOverlay.Snapshot s, MemNode changed) {
            Path d = dir(layer);
            try {
                Files.createDirectories(d);
                if (changed != null && changed.type == FileType.REG) {
                    Path tmp = d.resolve(dataName(changed.id) + ".tmp");
                    Files.write(tmp, java.util.Arrays.copyOf(changed.data, changed.size));
                    Files.move(tmp, d.resolve(dataName(changed.id)), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
                List<String> lines = new ArrayList<>();
                lines.add("S\t" + s.serial());
                s.whiteouts().stream().sorted().forEach(w -> lines.add("W\t" + encode(w)));
                Set<String> keep = new HashSet<>(Set.of(INDEX));
                for (Map.Entry<String, MemNode> e : s.upper().entrySet()) {
                    MemNode m = e.getValue();
                    lines.add(String.join("\t", "E", encode(e.getKey()), Long.toString(m.id), m.type.name(),
                            Integer.toString(m.mode), Integer.toString(m.uid), Integer.toString(m.gid),
                            m.atime.toString(), m.mtime.toString(), m.ctime.toString(), encode(m.linkTarget)));
                    if (m.type == FileType.REG) {
                        keep.add(dataName(m.id));
                        if (!Files.exists(d.resolve(dataName(m.id)))) { // a copy-up or rename: bytes not yet kept
                            Files.write(d.resolve(dataName(m.id)), java.util.Arrays.copyOf(m.data, m.size));
                        }
                    }
                }
                Path tmp = d.resolve(INDEX + ".tmp");
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, d.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                    for (Path f : files) {
                        if (!keep.contains(f.getFileName().toString())) {
                            Files.deleteIfExists(f); // bytes of removed files
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(d + ": cannot keep the writable layer: " + e.getMessage(), e);
            }
        }

        @Override
        public void clear(String layer) {
            Path d = dir(layer);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(d);
            } catch (java.nio.file.NoSuchFileException e) {
                // nothing kept
            } catch (IOException e) {
                throw new UncheckedIOException(d + ": cannot clear the writable layer: " + e.getMessage(), e);
            }
        }

        private static String dataName(long id) {
            return Long.toHexString(id) + ".data";
        }

        private static String encode(String s) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        private static String decode(String s) {
            return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
        }
    }
}
