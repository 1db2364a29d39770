package net.diskless.directory.internal;

import java.nio.file.Path;
import java.util.Set;

/** What the shell shows about the directory itself; registered by {@link DirectoryComponent} inside this bundle. */
public interface DirectoryStatus {

    Set<String> runningSources();

    Path nsswitchFile();

    /** The chain of every map, nsswitch.conf style. */
    String chains();
}
