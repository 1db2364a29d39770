package net.diskless.appliance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * Lays out a home directory on first run: the boot-server tree of the seeds with a working example
 * (one client in ethers, hosts, bootparams and bootptab), so {@code java -jar appliance.jar} shows
 * something real at once. Existing files are never overwritten: a home that has an {@code etc/} is
 * only completed with the directories it lacks.
 */
final class ExampleHome {

    static final String RESOURCE_ROOT = "example-home";
    static final List<String> DIRECTORIES = List.of("etc", "tftpboot", "conf/base/etc", "conf/default/etc", "var",
            "config", "deploy");

    private final Bundle bundle;

    ExampleHome(Bundle bundle) {
        this.bundle = bundle;
    }

    /** @return true when the example was written (a new home) */
    boolean prepare(Path home) throws IOException {
        boolean fresh = !Files.isDirectory(home.resolve("etc"));
        for (String d : DIRECTORIES) {
            Files.createDirectories(home.resolve(d));
        }
        if (!fresh) {
            return false;
        }
        for (URL entry : Collections.list(bundle.findEntries(RESOURCE_ROOT, "*", true))) {
            String relative = entry.getPath().substring(entry.getPath().indexOf(RESOURCE_ROOT) + RESOURCE_ROOT.length() + 1);
            if (relative.isEmpty() || relative.endsWith("/")) {
                continue;
            }
            Path target = home.resolve(relative).normalize();
            if (!target.startsWith(home) || Files.exists(target)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = entry.openStream()) {
                Files.copy(in, target);
            }
        }
        // The Solaris self-link: old PROMs ask for /tftpboot/C009C801.SUN4U; tftpboot -> . makes that name work.
        Path selfLink = home.resolve("tftpboot/tftpboot");
        if (!Files.exists(selfLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createSymbolicLink(selfLink, Path.of("."));
            } catch (UnsupportedOperationException | IOException e) {
                // a filesystem without symlinks: the TFTP server resolves the name without the link anyway
            }
        }
        return true;
    }
}
