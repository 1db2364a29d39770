package net.diskless.nfs.internal.exports;

/** The credentials {@code -maproot} or {@code -mapall} turn a caller into. */
public record Cred(int uid, int gid, int[] groups) {

    /** FreeBSD maps an unmapped root to -2:-2; Linux to 65534 (nobody). The appliance runs on Linux. */
    public static final Cred NOBODY = new Cred(65534, 65534, new int[0]);

    public Cred {
        groups = groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cred c && c.uid == uid && c.gid == gid && java.util.Arrays.equals(c.groups, groups);
    }

    @Override
    public int hashCode() {
        return uid * 31 + gid;
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
