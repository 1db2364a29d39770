package net.diskless.overrides.internal;

import java.nio.file.Path;
import java.time.Clock;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.overrides.internal.views.ClientOverlay;

/** Builds a client's overlay over a real /conf tree, as the views component does, for tests in other packages. */
public final class ConfHierarchyAccess {

    private ConfHierarchyAccess() {
    }

    public static ClientOverlay overlay(Path conf, VirtualFileSystem plain, OverrideClient client, long refreshMs, Clock clock) {
        ConfHierarchy h = new ConfHierarchy(conf);
        return new ClientOverlay(plain, dir -> h.resolve(client, "/" + dir), () -> h.directories(client), refreshMs, clock);
    }
}
