package net.diskless.api.nfs;

/** ftype3 of RFC 1813, in wire order (REG = 1). */
public enum FileType {
    REG, DIR, BLK, CHR, LNK, SOCK, FIFO;

    /** The ftype3 value. */
    public int code() {
        return ordinal() + 1;
    }
}
