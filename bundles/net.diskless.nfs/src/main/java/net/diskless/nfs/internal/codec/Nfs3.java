package net.diskless.nfs.internal.codec;

/** Program numbers and procedures of NFS version 3 (RFC 1813) and MOUNT (RFC 1813 appendix I). */
public final class Nfs3 {

    private Nfs3() {
    }

    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    public static final int NULL = 0;
    public static final int GETATTR = 1;
    public static final int SETATTR = 2;
    public static final int LOOKUP = 3;
    public static final int ACCESS = 4;
    public static final int READLINK = 5;
    public static final int READ = 6;
    public static final int WRITE = 7;
    public static final int CREATE = 8;
    public static final int MKDIR = 9;
    public static final int SYMLINK = 10;
    public static final int MKNOD = 11;
    public static final int REMOVE = 12;
    public static final int RMDIR = 13;
    public static final int RENAME = 14;
    public static final int LINK = 15;
    public static final int READDIR = 16;
    public static final int READDIRPLUS = 17;
    public static final int FSSTAT = 18;
    public static final int FSINFO = 19;
    public static final int PATHCONF = 20;
    public static final int COMMIT = 21;

    /** Largest file handle on the wire (NFS3_FHSIZE). */
    public static final int FHSIZE = 64;
    /** Longest name we accept in a call; longer ones are NAMETOOLONG (the limit of a local file system is 255). */
    public static final int MAX_NAME_ON_WIRE = 4096;
    public static final int MAX_NAME = 255;
    public static final int MAX_PATH = 4096;
    public static final int COOKIEVERF_SIZE = 8;
    public static final int CREATEVERF_SIZE = 8;
    public static final int WRITEVERF_SIZE = 8;

    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    public static final int CREATE_UNCHECKED = 0;
    public static final int CREATE_GUARDED = 1;
    public static final int CREATE_EXCLUSIVE = 2;

    public static final int ACCESS_READ = 0x01;
    public static final int ACCESS_LOOKUP = 0x02;
    public static final int ACCESS_MODIFY = 0x04;
    public static final int ACCESS_EXTEND = 0x08;
    public static final int ACCESS_DELETE = 0x10;
    public static final int ACCESS_EXECUTE = 0x20;

    public static final int FSF_LINK = 0x01;
    public static final int FSF_SYMLINK = 0x02;
    public static final int FSF_HOMOGENEOUS = 0x08;
    public static final int FSF_CANSETTIME = 0x10;

    /** MOUNT program: versions 1 and 2 share every procedure but MNT's reply with 3. */
    public static final int MOUNT_PROGRAM = 100005;
    public static final int MOUNT_V1 = 1;
    public static final int MOUNT_V3 = 3;
    public static final int MOUNTPROC_NULL = 0;
    public static final int MOUNTPROC_MNT = 1;
    public static final int MOUNTPROC_DUMP = 2;
    public static final int MOUNTPROC_UMNT = 3;
    public static final int MOUNTPROC_UMNTALL = 4;
    public static final int MOUNTPROC_EXPORT = 5;
    public static final int MNTPATHLEN = 1024;
    public static final int MNTNAMLEN = 255;

    public static final int MNT3_OK = 0;
    public static final int MNT3ERR_PERM = 1;
    public static final int MNT3ERR_NOENT = 2;
    public static final int MNT3ERR_IO = 5;
    public static final int MNT3ERR_ACCES = 13;
    public static final int MNT3ERR_NOTDIR = 20;
    public static final int MNT3ERR_INVAL = 22;
    public static final int MNT3ERR_NAMETOOLONG = 63;
    public static final int MNT3ERR_NOTSUPP = 10004;
    public static final int MNT3ERR_SERVERFAULT = 10006;

    public static final int AUTH_NONE = 0;
    public static final int AUTH_SYS = 1;
}
