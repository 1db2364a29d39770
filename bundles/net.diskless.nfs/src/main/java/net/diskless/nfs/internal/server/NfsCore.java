package net.diskless.nfs.internal.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.ClientViews;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.nfs.internal.exports.Cred;
import net.diskless.nfs.internal.exports.Export;
import net.diskless.nfs.internal.exports.ExportsTable;
import net.diskless.nfs.internal.handle.FileHandle;
import net.diskless.nfs.internal.handle.HandleKey;
import net.diskless.nfs.internal.vfs.LocalFileSystem;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.dcache.oncrpc4j.rpc.RpcCall;

/**
 * What MOUNT and NFS share: the handle key, the exports, one file system per exported path, and turning a call's
 * handle and credentials into the file, export and caller it acts on.
 */
public final class NfsCore implements AutoCloseable {

    /** The file a call is about, in the export and the file system that serve this client. */
    record Target(Export export, VirtualFileSystem fs, long fileId, Caller caller, long fsid) {
    }

    private final HandleKey key;
    private final ExportsTable exports;
    private final Function<String, List<InetAddress>> resolver;
    private final Supplier<ClientViews> views;
    private final int indexMaxEntries;
    private final int rewalkSeconds;
    private final Map<String, LocalFileSystem> plain = new ConcurrentHashMap<>();

    public NfsCore(HandleKey key, ExportsTable exports, Function<String, List<InetAddress>> resolver,
                   Supplier<ClientViews> views, int indexMaxEntries, int rewalkSeconds) {
        this.key = key;
        this.exports = exports;
        this.resolver = resolver;
        this.views = views;
        this.indexMaxEntries = indexMaxEntries;
        this.rewalkSeconds = rewalkSeconds;
    }

    ExportsTable exports() {
        return exports;
    }

    Function<String, List<InetAddress>> resolver() {
        return resolver;
    }

    static InetSocketAddress peer(RpcCall call) {
        return call.getTransport().getRemoteSocketAddress();
    }

    /** AUTH_SYS credentials through the export's mapping; anything else (AUTH_NONE) is nobody. */
    static Caller caller(RpcCall call, Export export) {
        InetAddress client = peer(call).getAddress();
        RpcAuth auth = call.getCredential();
        Cred c = auth instanceof RpcAuthTypeUnix u ? export.map(u.uid(), u.gid(), u.gids())
                : export.mapAll() != null ? export.mapAll() : Cred.NOBODY;
        return new Caller(c.uid(), c.gid(), c.groups(), client);
    }

    /** The plain file system of an exported path (made on first use). */
    VirtualFileSystem plainFs(String exportPath) throws NfsException {
        LocalFileSystem fs = plain.get(exportPath);
        if (fs != null) {
            return fs;
        }
        try {
            LocalFileSystem made = new LocalFileSystem(Path.of(exportPath), indexMaxEntries, rewalkSeconds);
            LocalFileSystem raced = plain.putIfAbsent(exportPath, made);
            return raced != null ? raced : made;
        } catch (IOException e) {
            throw new NfsException(NfsStatus.NOENT, exportPath + ": " + e.getMessage());
        }
    }

    /** The file system this caller sees of the export: a per-client view when one is offered, else the plain one. */
    VirtualFileSystem fsFor(Export export, Caller caller) throws NfsException {
        VirtualFileSystem fs = plainFs(export.path());
        ClientViews v = views.get();
        if (v == null) {
            return fs;
        }
        Optional<VirtualFileSystem> view = v.view(Path.of(export.path()), fs, caller);
        return view.orElse(fs);
    }

    byte[] handle(Export export, long fileId) {
        return key.encode(new FileHandle(HandleKey.exportId(export.path()), fileId));
    }

    /** A call's handle as a target: BADHANDLE when not ours or tampered with, STALE for an export gone, ACCES when not this client's. */
    Target target(RpcCall call, byte[] handle) throws NfsException {
        FileHandle h = key.decode(handle).orElseThrow(() -> new NfsException(NfsStatus.BADHANDLE,
                "not a handle of this server"));
        InetAddress client = peer(call).getAddress();
        ExportsTable.Access access = exports.access(h.exportId(), client, resolver);
        if (access instanceof ExportsTable.Access.Granted g) {
            Caller caller = caller(call, g.export());
            return new Target(g.export(), fsFor(g.export(), caller), h.fileId(), caller, Integer.toUnsignedLong(h.exportId()));
        }
        if (access instanceof ExportsTable.Access.Refused) {
            throw new NfsException(NfsStatus.ACCES, "export not exported to " + client.getHostAddress());
        }
        throw new NfsException(NfsStatus.STALE, "export no longer exported");
    }

    @Override
    public void close() {
        plain.values().forEach(LocalFileSystem::close);
        plain.clear();
    }
}
