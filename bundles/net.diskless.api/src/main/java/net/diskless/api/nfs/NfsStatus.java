package net.diskless.api.nfs;

/** NFS version 3 status codes (RFC 1813 nfsstat3); file systems report failures with these. */
public enum NfsStatus {
    OK(0), PERM(1), NOENT(2), IO(5), NXIO(6), ACCES(13), EXIST(17), XDEV(18), NODEV(19), NOTDIR(20), ISDIR(21),
    INVAL(22), FBIG(27), NOSPC(28), ROFS(30), MLINK(31), NAMETOOLONG(63), NOTEMPTY(66), DQUOT(69), STALE(70),
    REMOTE(71), BADHANDLE(10001), NOT_SYNC(10002), BAD_COOKIE(10003), NOTSUPP(10004), TOOSMALL(10005),
    SERVERFAULT(10006), BADTYPE(10007), JUKEBOX(10008);

    private final int code;

    NfsStatus(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }
}
