package net.diskless.overrides.internal;

import java.util.OptionalLong;

/** An {@code md_size} file: the memory disk's size in 512-byte sectors, as rc.initdiskless reads it. */
final class MdSize {

    static final int SECTOR = 512;
    /** 2^40 bytes: larger is a typo, not a memory disk. */
    static final long LARGEST_SECTORS = (1L << 40) / SECTOR;

    private MdSize() {
    }

    /** The size in bytes, or empty when the content is not a positive number of sectors. */
    static OptionalLong bytes(String content) {
        String s = content.strip();
        if (!s.matches("[0-9]{1,13}")) {
            return OptionalLong.empty();
        }
        long sectors = Long.parseLong(s);
        if (sectors == 0 || sectors > LARGEST_SECTORS) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(sectors * SECTOR);
    }
}
