package net.diskless.nfs.internal.vfs;

import java.nio.charset.StandardCharsets;

/**
 * READDIR cookies: a 62-bit hash of the entry name (FNV-1a, 64-bit), above 2 (1 and 2 are {@code .} and
 * {@code ..}). A listing sorted by cookie continues after any cookie, so entries added or removed between two
 * pages neither shift nor repeat the others.
 */
final class Cookies {

    private Cookies() {
    }

    static long of(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h &= 0x3fffffffffffffffL;
        return h <= 2 ? h + 3 : h;
    }
}
