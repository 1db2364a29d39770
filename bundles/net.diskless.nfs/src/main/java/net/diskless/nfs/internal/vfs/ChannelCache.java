package net.diskless.nfs.internal.vfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Open read channels of the files read last: a client reads a file in many READ calls, and opening it for each
 * costs more than the read. Positional reads on a FileChannel are safe from many threads. Channels of removed or
 * renamed files are dropped by the file system; one evicted while a read uses it makes that read fail with IO and
 * the client retries.
 */
final class ChannelCache {

    private final Map<Long, FileChannel> open;

    ChannelCache(int size) {
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, FileChannel> eldest) {
                if (size() > size) {
                    close(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    synchronized FileChannel open(long id, Path path) throws IOException {
        FileChannel ch = open.get(id);
        if (ch == null || !ch.isOpen()) {
            ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            open.put(id, ch);
        }
        return ch;
    }

    synchronized void invalidate(long id) {
        FileChannel ch = open.remove(id);
        if (ch != null) {
            close(ch);
        }
    }

    synchronized void clear() {
        open.values().forEach(ChannelCache::close);
        open.clear();
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }
}
