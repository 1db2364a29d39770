package net.diskless.nfs.internal.vfs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few directory listings, sorted by cookie, so that a client paging through a large directory costs one
 * scan of it rather than one per page. An entry is used only while the directory's stamp (mtime, ctime) is the
 * same.
 */
final class ListingCache {

    record Listing(long stamp, long[] cookies, String[] names, long[] ids) {
    }

    private final Map<Long, Listing> cache;

    ListingCache(int size) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Listing> eldest) {
                return size() > size;
            }
        };
    }

    synchronized Listing get(long dir, long stamp) {
        Listing l = cache.get(dir);
        return l != null && l.stamp() == stamp ? l : null;
    }

    synchronized void put(long dir, Listing listing) {
        cache.put(dir, listing);
    }

    synchronized void invalidate(long dir) {
        cache.remove(dir);
    }
}
