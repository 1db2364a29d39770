package net.diskless.nfs.internal.vfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Device nodes and FIFOs: the JDK has no mknod(2), so coreutils' {@code mknod} makes them (a root file system
 * holds a few in /dev). Only the server's own, already confined path is passed, after {@code --}.
 */
final class Mknod {

    private Mknod() {
    }

    static void make(Path path, String kind, int major, int minor) throws IOException {
        List<String> cmd = kind.equals("p") ? List.of("mknod", "-m", "0600", "--", path.toString(), "p")
                : List.of("mknod", "-m", "0600", "--", path.toString(), kind, Integer.toUnsignedString(major),
                Integer.toUnsignedString(minor));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mknod did not finish");
            }
            String out = new String(p.getInputStream().readNBytes(4096)).trim();
            if (p.exitValue() != 0) {
                throw new IOException(out.isEmpty() ? "mknod failed" : out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
