package net.diskless.tftp.internal.server;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.FileChannel;

/** The bytes a transfer sends, read at any position so a window can be sent again after a timeout. */
sealed interface BlockSource extends AutoCloseable {

    long size();

    /** Appends up to {@code length} bytes from {@code position} to {@code dst}; fewer only at the end. */
    int read(ByteBuf dst, long position, int length) throws IOException;

    @Override
    void close();

    /** A file, read with positional reads straight into the datagram buffer. */
    record FileBlocks(FileChannel channel, long size) implements BlockSource {
        @Override
        public int read(ByteBuf dst, long position, int length) throws IOException {
            // Never past the size the transfer started with (and announced in tsize): a file that grows
            // meanwhile must not turn the announced last block into a full one.
            length = (int) Math.max(0, Math.min(length, size - position));
            int total = 0;
            while (total < length) {
                int n = dst.writeBytes(channel, position + total, length - total);
                if (n <= 0) {
                    break; // end of file (it may have shrunk since the transfer started)
                }
                total += n;
            }
            return total;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing to lose
            }
        }
    }

    /** Converted content held in memory (netascii). */
    record MemoryBlocks(byte[] data) implements BlockSource {
        @Override
        public long size() {
            return data.length;
        }

        @Override
        public int read(ByteBuf dst, long position, int length) {
            if (position >= data.length) {
                return 0;
            }
            int n = (int) Math.min(length, data.length - position);
            dst.writeBytes(data, (int) position, n);
            return n;
        }

        @Override
        public void close() {
        }
    }
}
