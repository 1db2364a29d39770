package net.diskless.nfs.internal.server;

import net.diskless.api.nfs.Caller;
import net.diskless.api.nfs.FileAttr;
import net.diskless.api.nfs.FileType;

/** Unix permission bits, checked by the server for the mapped caller (the file system itself runs as the appliance). */
final class Perms {

    static final int R = 4;
    static final int W = 2;
    static final int X = 1;

    private Perms() {
    }

    static boolean allows(FileAttr a, Caller c, int want) {
        if (c.uid() == 0) {
            // root may do anything but execute a file nobody may execute
            return (want & X) == 0 || a.type() == FileType.DIR || (a.mode() & 0111) != 0;
        }
        int bits;
        if (c.uid() == a.uid()) {
            bits = (a.mode() >> 6) & 7;
        } else if (c.inGroup(a.gid())) {
            bits = (a.mode() >> 3) & 7;
        } else {
            bits = a.mode() & 7;
        }
        return (bits & want) == want;
    }

    /** READ and WRITE let the owner through regardless of the bits (a file created read-only is still written). */
    static boolean allowsData(FileAttr a, Caller c, int want) {
        return c.uid() == a.uid() || allows(a, c, want);
    }

    static boolean isOwner(FileAttr a, Caller c) {
        return c.uid() == 0 || c.uid() == a.uid();
    }
}
