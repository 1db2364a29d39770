package net.diskless.nfs.internal.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import net.diskless.api.nfs.FileType;
import net.diskless.api.nfs.SetAttr;
import net.diskless.rpc.server.SafeXdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * The arguments of every NFS version 3 procedure, decoded with bounds (handles at most 64 bytes, names and paths
 * bounded, WRITE data no longer than the message holds). {@code encode} is what a client sends; tests use it.
 */
public sealed interface Nfs3Args {

    /** The file handle the call is about (the directory, for directory operations). */
    byte[] handle();

    void encode(XdrEncodingStream x) throws IOException;

    static Nfs3Args decode(int procedure, XdrDecodingStream x) throws IOException {
        return switch (procedure) {
            case Nfs3.GETATTR, Nfs3.READLINK, Nfs3.FSSTAT, Nfs3.FSINFO, Nfs3.PATHCONF -> new Fh(Xdr3.decodeHandle(x));
            case Nfs3.SETATTR -> {
                byte[] fh = Xdr3.decodeHandle(x);
                SetAttr a = Sattr.decode(x);
                Instant guard = x.xdrDecodeBoolean() ? Xdr3.decodeTime(x) : null;
                yield new Setattr(fh, a, guard);
            }
            case Nfs3.LOOKUP, Nfs3.REMOVE, Nfs3.RMDIR -> new DirOp(Xdr3.decodeHandle(x), Xdr3.decodeName(x));
            case Nfs3.ACCESS -> new Access(Xdr3.decodeHandle(x), x.xdrDecodeInt());
            case Nfs3.READ -> new Read(Xdr3.decodeHandle(x), x.xdrDecodeLong(), x.xdrDecodeInt());
            case Nfs3.WRITE -> {
                byte[] fh = Xdr3.decodeHandle(x);
                long offset = x.xdrDecodeLong();
                int count = x.xdrDecodeInt();
                int stable = x.xdrDecodeInt();
                ByteBuffer data = Xdr3.decodeData(x);
                yield new Write(fh, offset, count, stable, data);
            }
            case Nfs3.CREATE -> {
                byte[] fh = Xdr3.decodeHandle(x);
                String name = Xdr3.decodeName(x);
                int mode = x.xdrDecodeInt();
                SetAttr a = SetAttr.NONE;
                byte[] verf = null;
                if (mode == Nfs3.CREATE_EXCLUSIVE) {
                    verf = x.xdrDecodeOpaque(Nfs3.CREATEVERF_SIZE);
                } else if (mode == Nfs3.CREATE_UNCHECKED || mode == Nfs3.CREATE_GUARDED) {
                    a = Sattr.decode(x);
                } else {
                    throw new GarbageArgs("createmode3 " + mode);
                }
                yield new Create(fh, name, mode, a, verf);
            }
            case Nfs3.MKDIR -> new Mkdir(Xdr3.decodeHandle(x), Xdr3.decodeName(x), Sattr.decode(x));
            case Nfs3.SYMLINK -> new Symlink(Xdr3.decodeHandle(x), Xdr3.decodeName(x), Sattr.decode(x),
                    SafeXdr.string(x, Nfs3.MAX_PATH, "nfspath3"));
            case Nfs3.MKNOD -> {
                byte[] fh = Xdr3.decodeHandle(x);
                String name = Xdr3.decodeName(x);
                int type = x.xdrDecodeInt();
                if (type < 1 || type > 7) {
                    throw new GarbageArgs("ftype3 " + type);
                }
                FileType t = FileType.values()[type - 1];
                int major = 0;
                int minor = 0;
                SetAttr a = SetAttr.NONE;
                if (t == FileType.CHR || t == FileType.BLK) {
                    a = Sattr.decode(x);
                    major = x.xdrDecodeInt();
                    minor = x.xdrDecodeInt();
                } else if (t == FileType.SOCK || t == FileType.FIFO) {
                    a = Sattr.decode(x);
                }
                yield new Mknod(fh, name, t, a, major, minor);
            }
            case Nfs3.RENAME -> new Rename(Xdr3.decodeHandle(x), Xdr3.decodeName(x), Xdr3.decodeHandle(x),
                    Xdr3.decodeName(x));
            case Nfs3.LINK -> new Link(Xdr3.decodeHandle(x), Xdr3.decodeHandle(x), Xdr3.decodeName(x));
            case Nfs3.READDIR -> new Readdir(Xdr3.decodeHandle(x), x.xdrDecodeLong(), x.xdrDecodeLong(),
                    x.xdrDecodeInt(), -1);
            case Nfs3.READDIRPLUS -> new Readdir(Xdr3.decodeHandle(x), x.xdrDecodeLong(), x.xdrDecodeLong(),
                    x.xdrDecodeInt(), x.xdrDecodeInt());
            case Nfs3.COMMIT -> new Commit(Xdr3.decodeHandle(x), x.xdrDecodeLong(), x.xdrDecodeInt());
            default -> throw new GarbageArgs("no procedure " + procedure);
        };
    }

    /** GETATTR, READLINK, FSSTAT, FSINFO, PATHCONF. */
    record Fh(byte[] handle) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
        }
    }

    record Setattr(byte[] handle, SetAttr attr, Instant guardCtime) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            Sattr.encode(x, attr);
            x.xdrEncodeBoolean(guardCtime != null);
            if (guardCtime != null) {
                Xdr3.encodeTime(x, guardCtime);
            }
        }
    }

    /** LOOKUP, REMOVE, RMDIR: a directory and a name in it. */
    record DirOp(byte[] handle, String name) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeString(name);
        }
    }

    record Access(byte[] handle, int access) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeInt(access);
        }
    }

    /** {@code count} is unsigned on the wire: 2 GB and more arrive negative and are clamped by the server. */
    record Read(byte[] handle, long offset, int count) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeLong(offset);
            x.xdrEncodeInt(count);
        }
    }

    record Write(byte[] handle, long offset, int count, int stable, ByteBuffer data) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeLong(offset);
            x.xdrEncodeInt(count);
            x.xdrEncodeInt(stable);
            byte[] b = new byte[data.remaining()];
            data.duplicate().get(b);
            x.xdrEncodeDynamicOpaque(b);
        }
    }

    /** {@code verifier} is set for EXCLUSIVE, {@code attr} for UNCHECKED and GUARDED. */
    record Create(byte[] handle, String name, int mode, SetAttr attr, byte[] verifier) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeString(name);
            x.xdrEncodeInt(mode);
            if (mode == Nfs3.CREATE_EXCLUSIVE) {
                x.xdrEncodeOpaque(verifier, Nfs3.CREATEVERF_SIZE);
            } else {
                Sattr.encode(x, attr);
            }
        }
    }

    record Mkdir(byte[] handle, String name, SetAttr attr) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeString(name);
            Sattr.encode(x, attr);
        }
    }

    record Symlink(byte[] handle, String name, SetAttr attr, String target) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeString(name);
            Sattr.encode(x, attr);
            x.xdrEncodeString(target);
        }
    }

    record Mknod(byte[] handle, String name, FileType type, SetAttr attr, int major, int minor) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeString(name);
            x.xdrEncodeInt(type.code());
            if (type == FileType.CHR || type == FileType.BLK) {
                Sattr.encode(x, attr);
                x.xdrEncodeInt(major);
                x.xdrEncodeInt(minor);
            } else if (type == FileType.SOCK || type == FileType.FIFO) {
                Sattr.encode(x, attr);
            }
        }
    }

    record Rename(byte[] handle, String fromName, byte[] toDir, String toName) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeString(fromName);
            x.xdrEncodeDynamicOpaque(toDir);
            x.xdrEncodeString(toName);
        }
    }

    /** {@code handle} is the file, {@code dir} where the new name goes. */
    record Link(byte[] handle, byte[] dir, String name) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeDynamicOpaque(dir);
            x.xdrEncodeString(name);
        }
    }

    /** READDIR ({@code maxcount} -1) and READDIRPLUS ({@code count} is then dircount). Counts are unsigned. */
    record Readdir(byte[] handle, long cookie, long verifier, int count, int maxcount) implements Nfs3Args {
        public boolean plus() {
            return maxcount != -1;
        }

        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeLong(cookie);
            x.xdrEncodeLong(verifier);
            x.xdrEncodeInt(count);
            if (plus()) {
                x.xdrEncodeInt(maxcount);
            }
        }
    }

    record Commit(byte[] handle, long offset, int count) implements Nfs3Args {
        @Override
        public void encode(XdrEncodingStream x) throws IOException {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeLong(offset);
            x.xdrEncodeInt(count);
        }
    }
}
