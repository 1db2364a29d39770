package net.diskless.nfs.internal.codec;

import java.io.IOException;
import java.util.List;
import net.diskless.rpc.server.SafeXdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** MOUNT's XDR: dirpath arguments and the mount list and export list replies (the same in versions 1 to 3). */
public final class MountArgs {

    private MountArgs() {
    }

    public static String decodeDirpath(XdrDecodingStream x) throws IOException {
        return SafeXdr.string(x, Nfs3.MNTPATHLEN, "dirpath");
    }

    /** One line of DUMP: which host mounted which directory. */
    public record Mounted(String host, String dir) {
    }

    /** One export of EXPORT: a path and the groups (hosts, networks) it goes to; none means everyone. */
    public record Exported(String dir, List<String> groups) {
    }

    /** mountlist: a linked list of (hostname, directory). */
    public static void encodeMountList(XdrEncodingStream x, List<Mounted> list) throws IOException {
        for (Mounted m : list) {
            x.xdrEncodeBoolean(true);
            x.xdrEncodeString(m.host());
            x.xdrEncodeString(m.dir());
        }
        x.xdrEncodeBoolean(false);
    }

    /** exports: a linked list of (dirpath, linked list of group names). */
    public static void encodeExports(XdrEncodingStream x, List<Exported> list) throws IOException {
        for (Exported e : list) {
            x.xdrEncodeBoolean(true);
            x.xdrEncodeString(e.dir());
            for (String g : e.groups()) {
                x.xdrEncodeBoolean(true);
                x.xdrEncodeString(g);
            }
            x.xdrEncodeBoolean(false);
        }
        x.xdrEncodeBoolean(false);
    }

    /** mountres3: status, then on success the handle and the accepted auth flavors. */
    public static void encodeMnt3(XdrEncodingStream x, int status, byte[] handle, int[] flavors) throws IOException {
        x.xdrEncodeInt(status);
        if (status == Nfs3.MNT3_OK) {
            x.xdrEncodeDynamicOpaque(handle);
            x.xdrEncodeIntVector(flavors);
        }
    }

    /** fhstatus of versions 1 and 2: a status (an errno) and a fixed 32-byte handle. */
    public static void encodeMnt1(XdrEncodingStream x, int status, byte[] handle) throws IOException {
        x.xdrEncodeInt(status);
        if (status == 0) {
            if (handle.length != 32) {
                throw new IOException("version 1 handles are 32 bytes, not " + handle.length);
            }
            x.xdrEncodeOpaque(handle, 32);
        }
    }
}
