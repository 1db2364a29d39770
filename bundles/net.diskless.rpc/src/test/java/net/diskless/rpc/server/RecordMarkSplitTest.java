package net.diskless.rpc.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

/** A record arriving in several reads: the guard must not take fragment data of an earlier read for a mark. */
class RecordMarkSplitTest {

    private static Buffer wrap(ByteBuffer b) {
        return Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, b.flip());
    }

    @Test
    void aLargeRecordSplitAcrossReadsIsAccepted() {
        int size = 100_000;
        ByteBuffer whole = ByteBuffer.allocate(4 + size + 4 + 8);
        whole.putInt(RecordMarkGuard.LAST_FRAGMENT | size);
        for (int i = 0; i < size; i++) {
            whole.put((byte) 0xff); // would read as a huge mark if taken for one
        }
        whole.putInt(RecordMarkGuard.LAST_FRAGMENT | 8).putLong(0);
        byte[] all = whole.array();
        RecordMarkGuard.Walk walk = new RecordMarkGuard.Walk();
        // reads of 4096 bytes, and one that splits the second mark in two
        int at = 0;
        int[] cuts = {4096, 8192, 4 + size + 2, all.length};
        for (int cut : cuts) {
            ByteBuffer part = ByteBuffer.allocate(cut - at).put(all, at, cut - at);
            assertNull(RecordMarkGuard.check(wrap(part), walk, 200_000), "cut at " + cut);
            at = cut;
        }
    }

    @Test
    void anOversizedMarkInALaterReadIsRefused() {
        RecordMarkGuard.Walk walk = new RecordMarkGuard.Walk();
        ByteBuffer first = ByteBuffer.allocate(12).putInt(RecordMarkGuard.LAST_FRAGMENT | 8).putLong(0);
        assertNull(RecordMarkGuard.check(wrap(first), walk, 1000));
        ByteBuffer second = ByteBuffer.allocate(4).putInt(RecordMarkGuard.LAST_FRAGMENT | 5000);
        assertNotNull(RecordMarkGuard.check(wrap(second), walk, 1000));
    }
}
