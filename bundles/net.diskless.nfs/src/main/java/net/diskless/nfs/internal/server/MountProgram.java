package net.diskless.nfs.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.nfs.internal.codec.Decoded;
import net.diskless.nfs.internal.codec.MountArgs;
import net.diskless.nfs.internal.codec.Nfs3;
import net.diskless.nfs.internal.codec.Reply;
import net.diskless.nfs.internal.exports.ClientSpec;
import net.diskless.nfs.internal.exports.Export;
import net.diskless.nfs.internal.exports.ExportsTable;
import net.diskless.rpc.server.PeerLog;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrVoid;

/**
 * MOUNT versions 1 to 3: MNT hands out the root handle of an exported directory (or, with {@code -alldirs}, of a
 * directory below it, walked without following symbolic links), UMNT/UMNTALL/DUMP keep the list showmount shows,
 * EXPORT lists the exports and their clients.
 */
public final class MountProgram implements RpcDispatchable {

    /** Told about every MNT and UMNT: logs and boot events. */
    public interface Listener {
        void mounted(InetSocketAddress peer, String path, Export export);

        void refused(InetSocketAddress peer, String path, String reason);

        void unmounted(InetSocketAddress peer, String path);
    }

    /** A flood of MNT calls must not grow the mount list without bound. */
    static final int MAX_MOUNTS = 4096;

    private final NfsCore core;
    private final Listener listener;
    private final PeerLog peerLog;
    private final Set<MountArgs.Mounted> mounts = ConcurrentHashMap.newKeySet();

    public MountProgram(NfsCore core, Listener listener, PeerLog peerLog) {
        this.core = core;
        this.listener = listener;
        this.peerLog = peerLog;
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws IOException {
        int version = call.getProgramVersion();
        InetSocketAddress peer = NfsCore.peer(call);
        String host = peer.getAddress().getHostAddress();
        switch (call.getProcedure()) {
            case Nfs3.MOUNTPROC_NULL -> call.reply(XdrVoid.XDR_VOID);
            case Nfs3.MOUNTPROC_MNT -> {
                Decoded<String> path = new Decoded<>(MountArgs::decodeDirpath);
                call.retrieveCall(path);
                mnt(call, version, peer, path.value());
            }
            case Nfs3.MOUNTPROC_DUMP -> {
                call.retrieveCall(XdrVoid.XDR_VOID);
                List<MountArgs.Mounted> list = new ArrayList<>(mounts);
                call.reply(new Reply(x -> MountArgs.encodeMountList(x, list)));
            }
            case Nfs3.MOUNTPROC_UMNT -> {
                Decoded<String> path = new Decoded<>(MountArgs::decodeDirpath);
                call.retrieveCall(path);
                if (mounts.remove(new MountArgs.Mounted(host, path.value()))) {
                    listener.unmounted(peer, path.value());
                }
                call.reply(XdrVoid.XDR_VOID);
            }
            case Nfs3.MOUNTPROC_UMNTALL -> {
                call.retrieveCall(XdrVoid.XDR_VOID);
                mounts.removeIf(m -> {
                    if (m.host().equals(host)) {
                        listener.unmounted(peer, m.dir());
                        return true;
                    }
                    return false;
                });
                call.reply(XdrVoid.XDR_VOID);
            }
            case Nfs3.MOUNTPROC_EXPORT -> {
                call.retrieveCall(XdrVoid.XDR_VOID);
                List<MountArgs.Exported> list = exportList(core.exports().exports());
                call.reply(new Reply(x -> MountArgs.encodeExports(x, list)));
            }
            default -> call.failProcedureUnavailable();
        }
    }

    /** One entry per path, the clients of all its lines; a path exported to everyone has no groups. */
    static List<MountArgs.Exported> exportList(List<Export> exports) {
        Map<String, List<String>> byPath = new LinkedHashMap<>();
        Set<String> everyone = new java.util.HashSet<>();
        for (Export e : exports) {
            List<String> groups = byPath.computeIfAbsent(e.path(), p -> new ArrayList<>());
            for (ClientSpec c : e.clients()) {
                if (c instanceof ClientSpec.Everyone) {
                    everyone.add(e.path());
                } else if (!groups.contains(c.toString())) {
                    groups.add(c.toString());
                }
            }
        }
        List<MountArgs.Exported> out = new ArrayList<>();
        byPath.forEach((p, g) -> out.add(new MountArgs.Exported(p, everyone.contains(p) ? List.of() : g)));
        return out;
    }

    private void mnt(RpcCall call, int version, InetSocketAddress peer, String path) {
        ExportsTable.Decision d = core.exports().mount(path, peer.getAddress(), core.resolver());
        int status;
        byte[] handle = null;
        if (d instanceof ExportsTable.Decision.Allowed a) {
            try {
                handle = core.handle(a.export(), walk(a, peer));
                status = Nfs3.MNT3_OK;
                if (mounts.size() < MAX_MOUNTS) {
                    mounts.add(new MountArgs.Mounted(peer.getAddress().getHostAddress(), a.path()));
                }
                listener.mounted(peer, a.path(), a.export());
            } catch (NfsException e) {
                status = switch (e.status()) {
                    case NOTDIR -> Nfs3.MNT3ERR_NOTDIR;
                    case ACCES -> Nfs3.MNT3ERR_ACCES;
                    case NOENT, STALE -> Nfs3.MNT3ERR_NOENT;
                    default -> Nfs3.MNT3ERR_IO;
                };
                listener.refused(peer, path, e.getMessage());
            }
        } else {
            // not exported at all, or not to this client: both are "access denied", as FreeBSD's mountd says
            status = Nfs3.MNT3ERR_ACCES;
            String reason = d instanceof ExportsTable.Decision.Denied den ? den.reason()
                    : ((ExportsTable.Decision.NotExported) d).reason();
            listener.refused(peer, path, reason);
        }
        int s = status;
        byte[] fh = handle;
        if (version == Nfs3.MOUNT_V3) {
            call.reply(new Reply(x -> MountArgs.encodeMnt3(x, s, fh, new int[] {Nfs3.AUTH_SYS})));
        } else {
            call.reply(new Reply(x -> MountArgs.encodeMnt1(x, s, fh)));
        }
    }

    /** From the export's root down to the directory asked for, one name at a time, never through a link. */
    private long walk(ExportsTable.Decision.Allowed a, InetSocketAddress peer) throws NfsException {
        Export e = a.export();
        Caller caller = new Caller(0, 0, new int[0], peer.getAddress());
        VirtualFileSystem fs = core.fsFor(e, caller);
        long id = fs.root();
        String rest = a.path().substring(e.path().length());
        for (String name : rest.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            id = fs.lookup(id, name);
            FileType type = fs.getattr(id).type();
            if (type != FileType.DIR) {
                throw new NfsException(NfsStatus.NOTDIR, a.path() + ": " + name + " is a " + type);
            }
        }
        if (fs.getattr(id).type() != FileType.DIR) {
            throw new NfsException(NfsStatus.NOTDIR, a.path());
        }
        return id;
    }

    List<MountArgs.Mounted> mounts() {
        return List.copyOf(mounts);
    }

    PeerLog peerLog() {
        return peerLog;
    }
}
