package net.diskless.bootparams.internal.codec;

/** Program 100026 version 1 (rpcsvc/bootparam_prot.x). */
public final class Bootparam {

    public static final int PROGRAM = 100026;
    public static final int VERSION = 1;
    public static final int NULL = 0;
    public static final int WHOAMI = 1;
    public static final int GETFILE = 2;
    public static final int MAX_MACHINE_NAME = 255;
    public static final int MAX_PATH_LEN = 1024;
    public static final int MAX_FILEID = 32;

    private Bootparam() {
    }
}
