package net.diskless.nfs.internal.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.DirEntry;
import net.diskless.api.nfs.DirPage;
import net.diskless.api.nfs.FileAttr;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.FsStat;
import net.diskless.api.nfs.NfsException;
import net.diskless.api.nfs.NfsStatus;
import net.diskless.api.nfs.ReadResult;
import net.diskless.api.nfs.SetAttr;
import net.diskless.api.nfs.VirtualFileSystem;
import net.diskless.nfs.internal.codec.Decoded;
import net.diskless.nfs.internal.codec.Nfs3;
import net.diskless.nfs.internal.codec.Nfs3Args;
import net.diskless.nfs.internal.codec.Reply;
import net.diskless.nfs.internal.codec.Xdr3;
import net.diskless.rpc.server.PeerLog;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.dcache.oncrpc4j.xdr.XdrVoid;

/**
 * NFS version 3 (RFC 1813) over {@link NfsCore}: decodes a call, checks export, client, read-only and permission
 * bits, asks the file system, and replies with the status and the attributes the procedure's result carries.
 * A failure of the file system is a status in the reply, never an RPC error.
 */
public final class Nfs3Program implements RpcDispatchable {

    private static final List<Integer> MODIFYING = List.of(Nfs3.SETATTR, Nfs3.WRITE, Nfs3.CREATE, Nfs3.MKDIR,
            Nfs3.SYMLINK, Nfs3.MKNOD, Nfs3.REMOVE, Nfs3.RMDIR, Nfs3.RENAME, Nfs3.LINK, Nfs3.COMMIT);

    private final NfsCore core;
    private final Limits limits;
    private final PeerLog peerLog;
    /** Serving TCP (transfers up to maxTcpIo) or UDP (a reply fits one datagram): one instance per transport. */
    private final boolean tcp;
    private final int max;
    /** Changes with every start: clients resend writes that were not committed before a restart. */
    private final byte[] writeVerifier = new byte[Nfs3.WRITEVERF_SIZE];

    public Nfs3Program(NfsCore core, Limits limits, boolean tcp, PeerLog peerLog) {
        this.core = core;
        this.limits = limits;
        this.tcp = tcp;
        this.max = limits.maxIo(tcp);
        this.peerLog = peerLog;
        new SecureRandom().nextBytes(writeVerifier);
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws IOException {
        int proc = call.getProcedure();
        if (proc == Nfs3.NULL) {
            call.reply(XdrVoid.XDR_VOID);
            return;
        }
        if (proc < 0 || proc > Nfs3.COMMIT) {
            call.failProcedureUnavailable();
            return;
        }
        Decoded<Nfs3Args> decoded = new Decoded<>(x -> Nfs3Args.decode(proc, x));
        call.retrieveCall(decoded);
        Nfs3Args args = decoded.value();
        NfsCore.Target t;
        try {
            t = core.target(call, args.handle());
        } catch (NfsException e) {
            refuse(call, proc, e);
            return;
        }
        try {
            if (t.export().readOnly() && MODIFYING.contains(proc) && !t.fs().privatelyWritable(t.fileId())) {
                throw new NfsException(NfsStatus.ROFS, t.export().path() + " is exported read-only");
            }
            call.reply(run(call, proc, args, t));
        } catch (NfsException e) {
            call.reply(failure(proc, e.status(), t));
            if (e.status() == NfsStatus.SERVERFAULT || e.status() == NfsStatus.IO) {
                peerLog.warn(t.caller().client(), "nfs: {} procedure {}: {}", NfsCore.peer(call), proc, e.getMessage());
            }
        }
    }

    /** A handle that is not ours, or not for this client: the status alone (no attributes to report). */
    private void refuse(RpcCall call, int proc, NfsException e) {
        peerLog.warn(NfsCore.peer(call).getAddress(), "nfs: {} procedure {} refused: {}", NfsCore.peer(call), proc,
                e.getMessage());
        call.reply(failure(proc, e.status(), null));
    }

    // ---- failures -----------------------------------------------------------------------------------------

    /**
     * The failure reply of each procedure: the status and the attributes the result carries on failure (a
     * post_op_attr, wcc_data or both), empty here: RFC 1813 allows "no attributes" everywhere.
     */
    private static Reply failure(int proc, NfsStatus status, NfsCore.Target t) {
        return new Reply(x -> {
            x.xdrEncodeInt(status.code());
            switch (proc) {
                case Nfs3.GETATTR -> {
                }
                case Nfs3.SETATTR, Nfs3.CREATE, Nfs3.MKDIR, Nfs3.SYMLINK, Nfs3.MKNOD, Nfs3.REMOVE, Nfs3.RMDIR,
                     Nfs3.WRITE, Nfs3.COMMIT -> wccNone(x);
                case Nfs3.RENAME -> {
                    wccNone(x);
                    wccNone(x);
                }
                case Nfs3.LINK -> {
                    x.xdrEncodeBoolean(false);
                    wccNone(x);
                }
                case Nfs3.LOOKUP, Nfs3.ACCESS, Nfs3.READLINK, Nfs3.READ, Nfs3.READDIR, Nfs3.READDIRPLUS,
                     Nfs3.FSSTAT, Nfs3.FSINFO, Nfs3.PATHCONF -> x.xdrEncodeBoolean(false);
                default -> {
                }
            }
        });
    }

    private static void wccNone(XdrEncodingStream x) {
        x.xdrEncodeBoolean(false);
        x.xdrEncodeBoolean(false);
    }

    // ---- procedures ---------------------------------------------------------------------------------------

    private Reply run(RpcCall call, int proc, Nfs3Args args, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        long id = t.fileId();
        Caller c = t.caller();
        long fsid = t.fsid();
        return switch (proc) {
            case Nfs3.GETATTR -> {
                FileAttr a = fs.getattr(id);
                yield ok(x -> Xdr3.encodeFattr(x, a, fsid));
            }
            case Nfs3.SETATTR -> setattr((Nfs3Args.Setattr) args, t);
            case Nfs3.LOOKUP -> lookup((Nfs3Args.DirOp) args, t);
            case Nfs3.ACCESS -> {
                FileAttr a = fs.getattr(id);
                int granted = access(a, c, ((Nfs3Args.Access) args).access(),
                        t.export().readOnly() && !fs.privatelyWritable(id));
                yield ok(x -> {
                    Xdr3.encodePostOp(x, a, fsid);
                    x.xdrEncodeInt(granted);
                });
            }
            case Nfs3.READLINK -> {
                String target = fs.readlink(id);
                FileAttr a = fs.getattr(id);
                yield ok(x -> {
                    Xdr3.encodePostOp(x, a, fsid);
                    x.xdrEncodeString(target);
                });
            }
            case Nfs3.READ -> read(call, (Nfs3Args.Read) args, t);
            case Nfs3.WRITE -> write(call, (Nfs3Args.Write) args, t);
            case Nfs3.CREATE -> create((Nfs3Args.Create) args, t);
            case Nfs3.MKDIR -> {
                Nfs3Args.Mkdir m = (Nfs3Args.Mkdir) args;
                yield made(t, m.name(), () -> fs.mkdir(id, m.name(), withMode(m.attr(), 0755), c));
            }
            case Nfs3.SYMLINK -> {
                Nfs3Args.Symlink s = (Nfs3Args.Symlink) args;
                if (s.target().length() > Nfs3.MAX_PATH) {
                    throw new NfsException(NfsStatus.NAMETOOLONG, "link target");
                }
                yield made(t, s.name(), () -> fs.symlink(id, s.name(), s.target(), s.attr(), c));
            }
            case Nfs3.MKNOD -> {
                Nfs3Args.Mknod m = (Nfs3Args.Mknod) args;
                if ((m.type() == FileType.BLK || m.type() == FileType.CHR) && c.uid() != 0) {
                    throw new NfsException(NfsStatus.PERM, "device nodes are made by root only");
                }
                if (m.type() != FileType.BLK && m.type() != FileType.CHR && m.type() != FileType.FIFO) {
                    throw new NfsException(m.type() == FileType.SOCK ? NfsStatus.NOTSUPP : NfsStatus.BADTYPE,
                            "MKNOD of a " + m.type());
                }
                yield made(t, m.name(), () -> fs.mknod(id, m.name(), m.type(), m.major(), m.minor(),
                        withMode(m.attr(), 0644), c));
            }
            case Nfs3.REMOVE, Nfs3.RMDIR -> {
                Nfs3Args.DirOp d = (Nfs3Args.DirOp) args;
                String name = name(d.name(), true);
                FileAttr before = fs.getattr(id);
                dirWrite(before, c);
                if (proc == Nfs3.REMOVE) {
                    fs.remove(id, name);
                } else {
                    fs.rmdir(id, name);
                }
                FileAttr after = fs.getattr(id);
                yield ok(x -> Xdr3.encodeWcc(x, before, after, fsid));
            }
            case Nfs3.RENAME -> rename((Nfs3Args.Rename) args, call, t);
            case Nfs3.LINK -> link((Nfs3Args.Link) args, call, t);
            case Nfs3.READDIR, Nfs3.READDIRPLUS -> readdir(call, (Nfs3Args.Readdir) args, t);
            case Nfs3.FSSTAT -> {
                FsStat s = fs.fsstat();
                FileAttr a = fs.getattr(id);
                yield ok(x -> {
                    Xdr3.encodePostOp(x, a, fsid);
                    x.xdrEncodeLong(s.totalBytes());
                    x.xdrEncodeLong(s.freeBytes());
                    x.xdrEncodeLong(s.availableBytes());
                    x.xdrEncodeLong(s.totalFiles());
                    x.xdrEncodeLong(s.freeFiles());
                    x.xdrEncodeLong(s.availableFiles());
                    x.xdrEncodeInt(0); // invarsec: the figures may change at any time
                });
            }
            case Nfs3.FSINFO -> {
                FileAttr a = fs.getattr(id);
                int max = limits.maxIo(tcp);
                yield ok(x -> {
                    Xdr3.encodePostOp(x, a, fsid);
                    x.xdrEncodeInt(max); // rtmax
                    x.xdrEncodeInt(max); // rtpref
                    x.xdrEncodeInt(4096); // rtmult
                    x.xdrEncodeInt(max); // wtmax
                    x.xdrEncodeInt(max); // wtpref
                    x.xdrEncodeInt(4096); // wtmult
                    x.xdrEncodeInt(max); // dtpref
                    x.xdrEncodeLong(Long.MAX_VALUE); // maxfilesize
                    x.xdrEncodeInt(0); // time_delta: 1 ns
                    x.xdrEncodeInt(1);
                    x.xdrEncodeInt(Nfs3.FSF_LINK | Nfs3.FSF_SYMLINK | Nfs3.FSF_HOMOGENEOUS | Nfs3.FSF_CANSETTIME);
                });
            }
            case Nfs3.PATHCONF -> {
                FileAttr a = fs.getattr(id);
                yield ok(x -> {
                    Xdr3.encodePostOp(x, a, fsid);
                    x.xdrEncodeInt(65000); // linkmax
                    x.xdrEncodeInt(Nfs3.MAX_NAME); // name_max
                    x.xdrEncodeBoolean(true); // no_trunc
                    x.xdrEncodeBoolean(true); // chown_restricted
                    x.xdrEncodeBoolean(false); // case_insensitive
                    x.xdrEncodeBoolean(true); // case_preserving
                });
            }
            case Nfs3.COMMIT -> {
                FileAttr before = fs.getattr(id);
                fs.commit(id);
                FileAttr after = fs.getattr(id);
                yield ok(x -> {
                    Xdr3.encodeWcc(x, before, after, fsid);
                    x.xdrEncodeOpaque(writeVerifier, Nfs3.WRITEVERF_SIZE);
                });
            }
            default -> throw new NfsException(NfsStatus.NOTSUPP, "procedure " + proc);
        };
    }

    private static Reply ok(Reply.Encoder body) {
        return new Reply(x -> {
            x.xdrEncodeInt(NfsStatus.OK.code());
            body.encode(x);
        });
    }

    /** A name from a call: one path component of at most 255 bytes. */
    static String name(String name, boolean forChange) throws NfsException {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new NfsException(NfsStatus.INVAL, "bad name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > Nfs3.MAX_NAME) {
            throw new NfsException(NfsStatus.NAMETOOLONG, "name of " + name.length() + " characters");
        }
        if (forChange && (name.equals(".") || name.equals(".."))) {
            throw new NfsException(NfsStatus.INVAL, "'" + name + "' cannot be changed");
        }
        return name;
    }

    private static SetAttr withMode(SetAttr a, int mode) {
        return a.mode() != null ? a : new SetAttr(mode, a.uid(), a.gid(), a.size(), a.atime(), a.mtime());
    }

    private static void dirWrite(FileAttr dir, Caller c) throws NfsException {
        if (dir.type() != FileType.DIR) {
            throw new NfsException(NfsStatus.NOTDIR, "not a directory");
        }
        if (!Perms.allows(dir, c, Perms.W | Perms.X)) {
            throw new NfsException(NfsStatus.ACCES, "no write permission on the directory for " + c);
        }
    }

    private static int access(FileAttr a, Caller c, int asked, boolean readOnly) {
        int granted = 0;
        boolean dir = a.type() == FileType.DIR;
        if ((asked & Nfs3.ACCESS_READ) != 0 && Perms.allows(a, c, Perms.R)) {
            granted |= Nfs3.ACCESS_READ;
        }
        if ((asked & Nfs3.ACCESS_LOOKUP) != 0 && dir && Perms.allows(a, c, Perms.X)) {
            granted |= Nfs3.ACCESS_LOOKUP;
        }
        if ((asked & Nfs3.ACCESS_EXECUTE) != 0 && !dir && Perms.allows(a, c, Perms.X)) {
            granted |= Nfs3.ACCESS_EXECUTE;
        }
        if (!readOnly && Perms.allows(a, c, Perms.W)) {
            granted |= asked & (Nfs3.ACCESS_MODIFY | Nfs3.ACCESS_EXTEND);
            if (dir) {
                granted |= asked & Nfs3.ACCESS_DELETE;
            }
        }
        return granted;
    }

    private Reply setattr(Nfs3Args.Setattr s, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        FileAttr before = fs.getattr(t.fileId());
        if (s.guardCtime() != null && !s.guardCtime().equals(before.ctime())
                && s.guardCtime().getEpochSecond() != before.ctime().getEpochSecond()) {
            throw new NfsException(NfsStatus.NOT_SYNC, "ctime guard");
        }
        SetAttr a = s.attr();
        Caller c = t.caller();
        if (a.uid() != null && a.uid() != before.uid() && c.uid() != 0) {
            throw new NfsException(NfsStatus.PERM, "only root changes owners");
        }
        if (a.gid() != null && a.gid() != before.gid() && !(c.uid() == 0 || (c.uid() == before.uid() && c.inGroup(a.gid())))) {
            throw new NfsException(NfsStatus.PERM, "group change");
        }
        if (a.mode() != null && !Perms.isOwner(before, c)) {
            throw new NfsException(NfsStatus.PERM, "mode change by a non-owner");
        }
        if ((a.atime() != null || a.mtime() != null) && !Perms.isOwner(before, c)
                && !Perms.allows(before, c, Perms.W)) {
            throw new NfsException(NfsStatus.ACCES, "time change");
        }
        if (a.size() != null && !Perms.allowsData(before, c, Perms.W)) {
            throw new NfsException(NfsStatus.ACCES, "size change");
        }
        fs.setattr(t.fileId(), a);
        FileAttr after = fs.getattr(t.fileId());
        return ok(x -> Xdr3.encodeWcc(x, before, after, t.fsid()));
    }

    private Reply lookup(Nfs3Args.DirOp d, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        String name = name(d.name(), false);
        FileAttr dir = fs.getattr(t.fileId());
        if (dir.type() != FileType.DIR) {
            throw new NfsException(NfsStatus.NOTDIR, "LOOKUP in a " + dir.type());
        }
        if (!Perms.allows(dir, t.caller(), Perms.X)) {
            throw new NfsException(NfsStatus.ACCES, "no search permission for " + t.caller());
        }
        long id = fs.lookup(t.fileId(), name);
        FileAttr a = fs.getattr(id);
        byte[] fh = core.handle(t.export(), id);
        return ok(x -> {
            x.xdrEncodeDynamicOpaque(fh);
            Xdr3.encodePostOp(x, a, t.fsid());
            Xdr3.encodePostOp(x, dir, t.fsid());
        });
    }

    private Reply read(RpcCall call, Nfs3Args.Read r, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        FileAttr before = fs.getattr(t.fileId());
        if (before.type() == FileType.DIR) {
            throw new NfsException(NfsStatus.ISDIR, "READ of a directory");
        }
        if (!Perms.allowsData(before, t.caller(), Perms.R)) {
            throw new NfsException(NfsStatus.ACCES, "no read permission for " + t.caller());
        }
        // count is unsigned: 2 GB and more (negative here) and anything above the maximum read the maximum
        int count = r.count() < 0 ? max : Math.min(r.count(), max);
        ReadResult result = r.offset() < 0 ? new ReadResult(ByteBuffer.allocate(0), true)
                : fs.read(t.fileId(), r.offset(), count);
        // a read changes no attribute the client caches (atime aside): the attributes from before serve as after
        ByteBuffer data = result.data();
        return ok(x -> {
            Xdr3.encodePostOp(x, before, t.fsid());
            x.xdrEncodeInt(data.remaining());
            x.xdrEncodeBoolean(result.eof());
            if (x instanceof Xdr xdr) {
                // opaque data (length, bytes, padding) appended to the reply without a copy
                xdr.xdrEncodeShallowByteBuffer(data);
            } else {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                x.xdrEncodeDynamicOpaque(b);
            }
        });
    }

    private Reply write(RpcCall call, Nfs3Args.Write w, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        ByteBuffer data = w.data();
        int count = w.count();
        if (count < 0 || count > data.remaining() || data.remaining() > max) {
            throw new NfsException(NfsStatus.INVAL, "WRITE count " + Integer.toUnsignedString(count) + " with "
                    + data.remaining() + " bytes of data");
        }
        data.limit(data.position() + count);
        FileAttr before = fs.getattr(t.fileId());
        if (before.type() == FileType.DIR) {
            throw new NfsException(NfsStatus.ISDIR, "WRITE to a directory");
        }
        if (!Perms.allowsData(before, t.caller(), Perms.W)) {
            throw new NfsException(NfsStatus.ACCES, "no write permission for " + t.caller());
        }
        boolean sync = w.stable() != Nfs3.UNSTABLE;
        fs.write(t.fileId(), w.offset(), data, sync);
        FileAttr after = fs.getattr(t.fileId());
        int committed = sync ? Nfs3.FILE_SYNC : Nfs3.UNSTABLE;
        return ok(x -> {
            Xdr3.encodeWcc(x, before, after, t.fsid());
            x.xdrEncodeInt(count);
            x.xdrEncodeInt(committed);
            x.xdrEncodeOpaque(writeVerifier, Nfs3.WRITEVERF_SIZE);
        });
    }

    private Reply create(Nfs3Args.Create cr, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        long dirId = t.fileId();
        String name = name(cr.name(), true);
        FileAttr before = fs.getattr(dirId);
        dirWrite(before, t.caller());
        long id;
        if (cr.mode() == Nfs3.CREATE_EXCLUSIVE) {
            // the verifier is kept in the new file's times, as knfsd does: a retransmitted CREATE finds it there
            ByteBuffer v = ByteBuffer.wrap(cr.verifier());
            Instant atime = Instant.ofEpochSecond(Integer.toUnsignedLong(v.getInt()));
            Instant mtime = Instant.ofEpochSecond(Integer.toUnsignedLong(v.getInt()));
            long existing = exists(fs, dirId, name);
            if (existing != -1) {
                FileAttr a = fs.getattr(existing);
                if (a.type() != FileType.REG || a.atime().getEpochSecond() != atime.getEpochSecond()
                        || a.mtime().getEpochSecond() != mtime.getEpochSecond()) {
                    throw new NfsException(NfsStatus.EXIST, name);
                }
                id = existing;
            } else {
                id = fs.create(dirId, name, new SetAttr(0600, null, null, null, atime, mtime), t.caller());
            }
        } else {
            long existing = exists(fs, dirId, name);
            if (existing != -1) {
                if (cr.mode() == Nfs3.CREATE_GUARDED) {
                    throw new NfsException(NfsStatus.EXIST, name);
                }
                FileAttr a = fs.getattr(existing);
                if (a.type() != FileType.REG) {
                    throw new NfsException(NfsStatus.EXIST, name + " is a " + a.type());
                }
                if (cr.attr().size() != null) {
                    if (!Perms.allowsData(a, t.caller(), Perms.W)) {
                        throw new NfsException(NfsStatus.ACCES, "truncate");
                    }
                    fs.setattr(existing, new SetAttr(null, null, null, cr.attr().size(), null, null));
                }
                id = existing;
            } else {
                id = fs.create(dirId, name, withMode(cr.attr(), 0644), t.caller());
            }
        }
        return madeReply(t, before, id);
    }

    private static long exists(VirtualFileSystem fs, long dir, String name) throws NfsException {
        try {
            return fs.lookup(dir, name);
        } catch (NfsException e) {
            if (e.status() == NfsStatus.NOENT) {
                return -1;
            }
            throw e;
        }
    }

    private interface Maker {
        long make() throws NfsException;
    }

    private Reply made(NfsCore.Target t, String rawName, Maker maker) throws NfsException {
        name(rawName, true);
        FileAttr before = t.fs().getattr(t.fileId());
        dirWrite(before, t.caller());
        long id = maker.make();
        return madeReply(t, before, id);
    }

    /** diropres3: the new handle and attributes, then the directory's wcc_data. */
    private Reply madeReply(NfsCore.Target t, FileAttr dirBefore, long id) throws NfsException {
        FileAttr a = t.fs().getattr(id);
        FileAttr dirAfter = t.fs().getattr(t.fileId());
        byte[] fh = core.handle(t.export(), id);
        return ok(x -> {
            Xdr3.encodePostOpHandle(x, fh);
            Xdr3.encodePostOp(x, a, t.fsid());
            Xdr3.encodeWcc(x, dirBefore, dirAfter, t.fsid());
        });
    }

    /** The second handle of RENAME and LINK must be of the same export (no cross-export renames: XDEV). */
    private NfsCore.Target second(RpcCall call, byte[] handle, NfsCore.Target first) throws NfsException {
        NfsCore.Target t2 = core.target(call, handle);
        if (t2.fsid() != first.fsid()) {
            throw new NfsException(NfsStatus.XDEV, "handles of two exports");
        }
        return t2;
    }

    private Reply rename(Nfs3Args.Rename r, RpcCall call, NfsCore.Target t) throws NfsException {
        NfsCore.Target to = second(call, r.toDir(), t);
        String from = name(r.fromName(), true);
        String toName = name(r.toName(), true);
        VirtualFileSystem fs = t.fs();
        FileAttr fromBefore = fs.getattr(t.fileId());
        FileAttr toBefore = fs.getattr(to.fileId());
        dirWrite(fromBefore, t.caller());
        dirWrite(toBefore, t.caller());
        fs.rename(t.fileId(), from, to.fileId(), toName);
        FileAttr fromAfter = fs.getattr(t.fileId());
        FileAttr toAfter = fs.getattr(to.fileId());
        return ok(x -> {
            Xdr3.encodeWcc(x, fromBefore, fromAfter, t.fsid());
            Xdr3.encodeWcc(x, toBefore, toAfter, t.fsid());
        });
    }

    private Reply link(Nfs3Args.Link l, RpcCall call, NfsCore.Target t) throws NfsException {
        NfsCore.Target dir = second(call, l.dir(), t);
        String name = name(l.name(), true);
        VirtualFileSystem fs = t.fs();
        FileAttr dirBefore = fs.getattr(dir.fileId());
        dirWrite(dirBefore, t.caller());
        fs.link(t.fileId(), dir.fileId(), name);
        FileAttr a = fs.getattr(t.fileId());
        FileAttr dirAfter = fs.getattr(dir.fileId());
        return ok(x -> {
            Xdr3.encodePostOp(x, a, t.fsid());
            Xdr3.encodeWcc(x, dirBefore, dirAfter, t.fsid());
        });
    }

    private record Entry(DirEntry entry, FileAttr attr, byte[] handle) {
    }

    private Reply readdir(RpcCall call, Nfs3Args.Readdir r, NfsCore.Target t) throws NfsException {
        VirtualFileSystem fs = t.fs();
        FileAttr dir = fs.getattr(t.fileId());
        if (dir.type() != FileType.DIR) {
            throw new NfsException(NfsStatus.NOTDIR, "READDIR of a " + dir.type());
        }
        if (!Perms.allows(dir, t.caller(), Perms.R)) {
            throw new NfsException(NfsStatus.ACCES, "no read permission on the directory for " + t.caller());
        }
        int max = limits.maxIo(tcp);
        // counts are unsigned: anything above our maximum (or "negative") is our maximum
        int maxcount = clamp(r.plus() ? r.maxcount() : r.count(), max);
        int dircount = r.plus() ? clamp(r.count(), max) : maxcount;
        // status, dir attributes, cookie verifier, end of list, eof
        int used = 4 + 88 + 8 + 4 + 4;
        int dirUsed = 0;
        int want = Math.min(4096, Math.max(2, maxcount / (r.plus() ? 120 : 24)));
        DirPage page = fs.list(t.fileId(), r.cookie(), r.verifier(), want);
        List<Entry> out = new ArrayList<>();
        boolean all = true;
        for (DirEntry e : page.entries()) {
            int nameBytes = (e.name().getBytes(StandardCharsets.UTF_8).length + 3) & ~3;
            int entryDir = 8 + 4 + nameBytes + 8;
            int entryBytes = 4 + entryDir + (r.plus() ? 88 + 4 + 4 + 32 : 0);
            if (used + entryBytes > maxcount || (r.plus() && dirUsed + entryDir > dircount && !out.isEmpty())) {
                all = false;
                break;
            }
            FileAttr a = null;
            byte[] fh = null;
            if (r.plus()) {
                try {
                    a = e.attr() != null ? e.attr() : fs.getattr(e.fileId());
                    fh = core.handle(t.export(), e.fileId());
                } catch (NfsException gone) {
                    // removed since the listing: listed without attributes and handle, the client looks it up
                }
            }
            used += entryBytes;
            dirUsed += entryDir;
            out.add(new Entry(e, a, fh));
        }
        if (out.isEmpty() && !page.entries().isEmpty()) {
            throw new NfsException(NfsStatus.TOOSMALL, "no entry fits " + maxcount + " bytes");
        }
        boolean eof = all && page.eof();
        long verifier = page.verifier();
        return ok(x -> {
            Xdr3.encodePostOp(x, dir, t.fsid());
            x.xdrEncodeLong(verifier);
            for (Entry e : out) {
                x.xdrEncodeBoolean(true);
                x.xdrEncodeLong(e.entry().fileId());
                x.xdrEncodeString(e.entry().name());
                x.xdrEncodeLong(e.entry().cookie());
                if (r.plus()) {
                    Xdr3.encodePostOp(x, e.attr(), t.fsid());
                    Xdr3.encodePostOpHandle(x, e.handle());
                }
            }
            x.xdrEncodeBoolean(false);
            x.xdrEncodeBoolean(eof);
        });
    }

    private static int clamp(int count, int max) {
        return count < 0 || count > max ? max : count;
    }
}
