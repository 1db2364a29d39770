package net.diskless.api.nfs;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A tree of files the NFS server exports, addressed by 64-bit file ids that stay the same across restarts of the
 * appliance (the server puts them into file handles). An implementation serves nothing outside its tree whatever
 * the id or name: an unknown id is {@link NfsStatus#STALE}; {@code ..} of the root is the root; symbolic links are
 * files of type {@link FileType#LNK}, never followed.
 *
 * <p>Names handed in are single path components already checked by the server (not empty, no {@code /}, no NUL,
 * at most 255 bytes); {@code .} and {@code ..} reach only {@link #lookup}. Permission checks are the server's:
 * the file system does what it is told, with {@link Caller} as the owner of what it creates.
 */
@ConsumerType
public interface VirtualFileSystem {

    /** The id of the tree's top directory. */
    long root();

    /**
     * Whether {@code id} lies in a per-client writable layer (an override view's memory file system), which
     * takes modifications even when the export is read-only: the shared root stays read-only, the client's
     * own {@code /etc} does not.
     */
    default boolean privatelyWritable(long id) {
        return false;
    }

    long lookup(long dir, String name) throws NfsException;

    FileAttr getattr(long id) throws NfsException;

    void setattr(long id, SetAttr attr) throws NfsException;

    String readlink(long id) throws NfsException;

    /** At most {@code count} bytes from {@code offset}. */
    ReadResult read(long id, long offset, int count) throws NfsException;

    /** Writes all of {@code data}; {@code sync} asks for the data to be on stable storage before returning. */
    void write(long id, long offset, ByteBuffer data, boolean sync) throws NfsException;

    /** Flushes earlier unstable writes of the file to stable storage. */
    void commit(long id) throws NfsException;

    /** A new regular file; {@link NfsStatus#EXIST} if the name is taken. */
    long create(long dir, String name, SetAttr attr, Caller caller) throws NfsException;

    long mkdir(long dir, String name, SetAttr attr, Caller caller) throws NfsException;

    long symlink(long dir, String name, String target, SetAttr attr, Caller caller) throws NfsException;

    /** A device node, FIFO or socket. */
    long mknod(long dir, String name, FileType type, int major, int minor, SetAttr attr, Caller caller)
            throws NfsException;

    /** Removes a non-directory. */
    void remove(long dir, String name) throws NfsException;

    void rmdir(long dir, String name) throws NfsException;

    void rename(long fromDir, String fromName, long toDir, String toName) throws NfsException;

    void link(long file, long dir, String name) throws NfsException;

    /**
     * Entries after {@code cookie} (0: from the start; {@code .} and {@code ..} included), at most
     * {@code maxEntries}. A cookie that cannot be continued is {@link NfsStatus#BAD_COOKIE}.
     */
    DirPage list(long dir, long cookie, long verifier, int maxEntries) throws NfsException;

    FsStat fsstat() throws NfsException;
}
