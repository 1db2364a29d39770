package net.diskless.api.nfs;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Per-client views of an export (provided by the override resolver): the NFS server asks for every call whether a
 * client sees something other than the plain export. File ids of a view must be stable across restarts too.
 */
@ConsumerType
public interface ClientViews {

    /**
     * The view {@code client} gets of the export at {@code exportRoot}, built over {@code plain}; empty to serve the
     * plain export.
     */
    Optional<VirtualFileSystem> view(Path exportRoot, VirtualFileSystem plain, Caller client);
}
