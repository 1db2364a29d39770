package net.diskless.nfs.internal.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** User and group names of {@code -maproot=user:group}, from the host's passwd and group files. */
public final class HostIds {

    private HostIds() {
    }

    public static ExportsParser.Ids fromHost() {
        return from(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    public static ExportsParser.Ids from(Path passwd, Path group) {
        Map<String, Integer> users = read(passwd);
        Map<String, Integer> groups = read(group);
        return ExportsParser.ids(users::get, groups::get);
    }

    /** name:x:number:... lines; unreadable files know no names (numbers still work). */
    private static Map<String, Integer> read(Path file) {
        Map<String, Integer> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(":");
                if (f.length >= 3) {
                    try {
                        out.putIfAbsent(f[0], Integer.parseInt(f[2]));
                    } catch (NumberFormatException e) {
                        // not a passwd/group line
                    }
                }
            }
        } catch (IOException e) {
            // no names
        }
        return out;
    }
}
