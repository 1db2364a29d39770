package net.diskless.overrides.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideFile;
import net.diskless.api.overrides.OverrideView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever /conf holds (random trees, links pointing anywhere, hostile remove lists and remounts), every
 * source of a resolution is inside /conf or inside the remount tree named: never reached through a link.
 */
class ConfinementPropertyTest {

    private static final List<String> LAYERS = List.of("base", "default", "10.0.0.255", "bcast/10.0.0.255", "10.0.0.7", "ip/10.0.0.7");
    private static final List<String> NAMES = List.of("a", "b", "rc.conf", "..x", ".hidden", "sub", "md_size", "diskless_remount");

    @TempDir
    Path tmp;

    @Test
    void sourcesStayInsideConfOrTheRemountTree() throws IOException {
        OverrideClient client = new OverrideClient(InetAddress.getByName("10.0.0.7"), InetAddress.getByName("10.0.0.255"),
                "", tmp.resolve("root").toString());
        for (long seed = 1; seed <= 60; seed++) {
            Random r = new Random(seed);
            Path run = Files.createDirectories(tmp.resolve("run" + seed));
            Path conf = run.resolve("conf");
            Path outside = Files.createDirectories(run.resolve("outside"));
            Files.writeString(outside.resolve("secret"), "never");
            Path remountTree = Files.createDirectories(run.resolve("exported/etc"));
            randomTree(r, remountTree, outside, 2);
            boolean[] namedOutside = {false};
            for (String layer : LAYERS) {
                if (r.nextInt(3) > 0) {
                    Path dir = Files.createDirectories(conf.resolve(layer).resolve("etc"));
                    randomTree(r, dir, outside, 3);
                    if (r.nextInt(4) == 0 && !Files.exists(dir.resolve("diskless_remount"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        boolean toOutside = r.nextBoolean();
                        namedOutside[0] |= toOutside;
                        Files.writeString(dir.resolve("diskless_remount"), toOutside
                                ? "srv:" + outside + "/../outside" : "srv:" + remountTree);
                    }
                }
                if (r.nextInt(3) == 0) {
                    Files.createDirectories(conf.resolve(layer));
                    Files.writeString(conf.resolve(layer).resolve("etc.remove"), "a\n../outside\n* sub/b\n/..\n");
                }
            }
            OverrideView view = new ConfHierarchy(conf).resolve(client, "/etc");
            for (OverrideFile f : view.files().values()) {
                Path source = f.source();
                boolean allowed = source.startsWith(conf) || source.startsWith(remountTree)
                        || namedOutside[0] && source.startsWith(outside);
                assertTrue(allowed, () -> f + " is outside /conf and every remount tree named");
                // the entry itself may be a link; the directories leading to it never are
                assertTrue(source.getParent().toRealPath().equals(source.getParent()), () -> f + " was reached through a link");
                assertTrue(List.of(f.relativePath().split("/")).stream().noneMatch(".."::equals), () -> f + " has a parent reference");
            }
        }
    }

    private static void randomTree(Random r, Path dir, Path outside, int depth) throws IOException {
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve(NAMES.get(r.nextInt(NAMES.size())));
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            switch (r.nextInt(4)) {
                case 0 -> Files.writeString(p, "x");
                case 1 -> Files.createSymbolicLink(p, r.nextBoolean() ? outside : outside.resolve("secret"));
                case 2 -> Files.createSymbolicLink(p, Path.of("../../../../outside"));
                default -> {
                    if (depth > 0) {
                        Files.createDirectories(p);
                        randomTree(r, p, outside, depth - 1);
                    }
                }
            }
        }
    }
}
