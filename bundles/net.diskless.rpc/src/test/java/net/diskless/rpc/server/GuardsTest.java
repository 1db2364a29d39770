package net.diskless.rpc.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

/** The pure checks in front of oncrpc4j: record marks, call headers and bounded XDR items. */
class GuardsTest {

    private static Buffer buffer(ByteBuffer b) {
        return Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, b.array(), 0, b.position());
    }

    @Test
    void recordMarksWithinTheLimitPassEvenBeforeTheirBytesArrive() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt(0x80000000 | 40).put(new byte[40]).putInt(0x80000000 | 1000); // second message: mark only
        assertNull(RecordMarkGuard.check(buffer(b), 65536));
    }

    @Test
    void aTwoGigabyteMarkIsRefusedAtOnce() {
        ByteBuffer b = ByteBuffer.allocate(8).putInt(0xffffffff).putInt(0);
        String why = RecordMarkGuard.check(buffer(b), 65536);
        assertNotNull(why);
        assertTrue(why.contains("2147483647"), why);
    }

    @Test
    void fragmentsAddUpAndEmptyOnesAreCounted() {
        ByteBuffer b = ByteBuffer.allocate(16 + 2 * 40000);
        b.putInt(40000).put(new byte[40000]).putInt(40000).put(new byte[40000]).putInt(0x80000000);
        assertNotNull(RecordMarkGuard.check(buffer(b), 65536), "80 000 bytes in two fragments");
        ByteBuffer empties = ByteBuffer.allocate(4 * 2000);
        for (int i = 0; i < 2000; i++) {
            empties.putInt(0);
        }
        assertNotNull(RecordMarkGuard.check(buffer(empties), 65536));
    }

    private static Buffer message(int length, int type) {
        ByteBuffer b = ByteBuffer.allocate(length);
        if (length >= 8) {
            b.putInt(1).putInt(type);
        }
        b.position(length);
        return buffer(b);
    }

    @Test
    void onlyWholeCallsReachOncrpc4j() {
        assertNotNull(CallGuard.check(message(2, 0)));
        assertNotNull(CallGuard.check(message(44, 1)), "a reply");
        assertNotNull(CallGuard.check(message(44, 7)));
        assertNotNull(CallGuard.check(message(39, 0)));
        assertNull(CallGuard.check(message(40, 0)));
    }

    @Test
    void safeXdrRefusesLengthsBeyondTheLimitOrTheMessageWithoutAllocating() throws Exception {
        Xdr huge = new Xdr(ByteBuffer.allocate(8).putInt(0x7fffffff).putInt(0).array());
        huge.beginDecoding();
        assertThrows(SafeXdr.XdrLimitException.class, () -> SafeXdr.opaque(huge, Integer.MAX_VALUE, "x"));
        Xdr overLimit = new Xdr(ByteBuffer.allocate(12).putInt(300).put("abcd".getBytes()).array());
        overLimit.beginDecoding();
        assertThrows(SafeXdr.XdrLimitException.class, () -> SafeXdr.string(overLimit, 255, "name"));
        Xdr negative = new Xdr(ByteBuffer.allocate(4).putInt(-1).array());
        negative.beginDecoding();
        assertThrows(SafeXdr.XdrLimitException.class, () -> SafeXdr.opaque(negative, 10, "x"));
        Xdr ok = new Xdr(ByteBuffer.allocate(12).putInt(5).put("hello".getBytes()).array());
        ok.beginDecoding();
        assertEquals("hello", SafeXdr.string(ok, 255, "name"));
    }
}
