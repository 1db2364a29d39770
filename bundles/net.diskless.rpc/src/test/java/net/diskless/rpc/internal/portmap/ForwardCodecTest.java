package net.diskless.rpc.internal.portmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForwardCodecTest {

    @Test
    void callCarriesTheHeaderAuthNoneAndTheArgumentsUntouched() {
        byte[] args = {0, 0, 0, 1, 10, 99, 0, 2};
        ByteBuffer b = ByteBuffer.wrap(ForwardCodec.call(0x1234, 100026, 1, 1, args));
        assertEquals(0x1234, b.getInt());
        assertEquals(0, b.getInt()); // CALL
        assertEquals(2, b.getInt()); // RPC version
        assertEquals(100026, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(1, b.getInt());
        for (int i = 0; i < 4; i++) {
            assertEquals(0, b.getInt()); // AUTH_NONE credential and verifier
        }
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        assertArrayEquals(args, rest);
    }

    private static byte[] reply(int xid, int replyStat, int verifierLength, int acceptStat, byte[] results) {
        ByteBuffer b = ByteBuffer.allocate(24 + ((verifierLength + 3) & ~3) + results.length);
        b.putInt(xid).putInt(1).putInt(replyStat).putInt(0).putInt(verifierLength);
        b.position(b.position() + ((verifierLength + 3) & ~3));
        b.putInt(acceptStat).put(results);
        return b.array();
    }

    @Test
    void successResultsAreCutAfterTheHeader() {
        byte[] results = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] r = reply(7, 0, 0, 0, results);
        assertArrayEquals(results, ForwardCodec.successResults(r, r.length, 7).orElseThrow());
        byte[] withVerifier = reply(7, 0, 6, 0, results);
        assertArrayEquals(results, ForwardCodec.successResults(withVerifier, withVerifier.length, 7).orElseThrow());
    }

    @Test
    void otherXidsErrorsDenialsAndJunkGiveNothing() {
        byte[] ok = reply(7, 0, 0, 0, new byte[4]);
        assertTrue(ForwardCodec.successResults(ok, ok.length, 8).isEmpty());
        byte[] procUnavail = reply(7, 0, 0, 3, new byte[0]);
        assertTrue(ForwardCodec.successResults(procUnavail, procUnavail.length, 7).isEmpty());
        byte[] denied = reply(7, 1, 0, 0, new byte[0]);
        assertTrue(ForwardCodec.successResults(denied, denied.length, 7).isEmpty());
        byte[] hugeVerifier = ByteBuffer.allocate(24).putInt(7).putInt(1).putInt(0).putInt(0).putInt(0x7fffffff).array();
        assertTrue(ForwardCodec.successResults(hugeVerifier, hugeVerifier.length, 7).isEmpty());
        for (int n = 0; n < 24; n++) { // 24 bytes: a complete reply with empty (void) results
            assertTrue(ForwardCodec.successResults(ok, n, 7).isEmpty(), "truncated to " + n);
        }
        Random random = new Random(5531);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            ForwardCodec.successResults(junk, junk.length, random.nextInt()); // never throws
        }
    }
}
