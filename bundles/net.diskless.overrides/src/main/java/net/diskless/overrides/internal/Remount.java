package net.diskless.overrides.internal;

import java.nio.file.Path;

/**
 * A {@code diskless_remount} file: {@code server:/path} names a tree on this server (the appliance is the
 * boot server the seed's example mounts from), {@code /path} a tree under the client's root.
 */
sealed interface Remount {

    /** The source tree and how the file wrote it. */
    record Source(Path tree, String written) implements Remount {
    }

    /** Why the file cannot be used. */
    record Malformed(String reason) implements Remount {
    }

    static Remount parse(String content, String clientRoot) {
        String line = content.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            return new Malformed("more than one line");
        }
        if (line.isEmpty()) {
            return new Malformed("empty");
        }
        if (line.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new Malformed("control characters");
        }
        if (line.startsWith("/")) {
            if (clientRoot.isEmpty()) {
                return new Malformed("'" + line + "' is relative to the client's root, which is not known");
            }
            Path root = Path.of(clientRoot).normalize();
            Path tree = Path.of(clientRoot, line.substring(1)).normalize();
            if (!tree.startsWith(root)) {
                return new Malformed("'" + line + "' leaves the client's root " + root);
            }
            return new Source(tree, line);
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || colon + 1 >= line.length() || line.charAt(colon + 1) != '/') {
            return new Malformed("'" + line + "' is neither server:/path nor /path");
        }
        return new Source(Path.of(line.substring(colon + 1)).normalize(), line);
    }
}
