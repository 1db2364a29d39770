package net.diskless.names.nis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.junit.jupiter.api.Test;

/** The wire layout of yp.x's ypreq_key, ypresp_val and ypresp_all, and the bounds on what a server sends. */
class YpTest {

    private static byte[] encode(org.dcache.oncrpc4j.xdr.XdrAble a) throws Exception {
        Xdr xdr = new Xdr(256);
        xdr.beginEncoding();
        a.xdrEncode(xdr);
        xdr.endEncoding();
        ByteBuffer b = xdr.asBuffer().toByteBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static Xdr decoding(byte[] bytes) {
        Xdr xdr = new Xdr(bytes);
        xdr.beginDecoding();
        return xdr;
    }

    @Test
    void keyRequestLayout() throws Exception {
        byte[] wire = encode(new Yp.KeyRequest("dom", "ethers.byaddr", "k1".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 4 + 16 + 4 + 4);
        b.putInt(3).put("dom".getBytes()).put((byte) 0).putInt(13).put("ethers.byaddr".getBytes()).put(new byte[3])
                .putInt(2).put("k1".getBytes()).put(new byte[2]);
        assertArrayEquals(b.array(), wire);
    }

    @Test
    void valueReply() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).putInt(1).putInt(5).put("hello".getBytes()).put(new byte[3]);
        Yp.ValueReply r = new Yp.ValueReply();
        r.xdrDecode(decoding(b.array()));
        assertEquals(Yp.YP_TRUE, r.status);
        assertEquals("hello", new String(r.value, StandardCharsets.US_ASCII));
    }

    @Test
    void aHugeAnnouncedLengthIsRefusedBeforeAllocating() {
        byte[] wire = ByteBuffer.allocate(8).putInt(1).putInt(Integer.MAX_VALUE).array();
        assertThrows(IOException.class, () -> new Yp.ValueReply().xdrDecode(decoding(wire)));
        byte[] negative = ByteBuffer.allocate(8).putInt(1).putInt(-4).array();
        assertThrows(IOException.class, () -> new Yp.ValueReply().xdrDecode(decoding(negative)));
    }

    @Test
    void allReplyStopsAtNoMoreAndAtTheBound() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(200);
        for (int i = 0; i < 3; i++) {
            b.putInt(1).putInt(Yp.YP_TRUE).putInt(4).put(("v" + i + "xx").getBytes()).putInt(4).put(("k" + i + "yy").getBytes());
        }
        b.putInt(1).putInt(Yp.YP_NOMORE).putInt(0).putInt(0).putInt(0);
        byte[] wire = java.util.Arrays.copyOf(b.array(), b.position());
        Yp.AllReply all = new Yp.AllReply(10);
        all.xdrDecode(decoding(wire));
        assertEquals(3, all.entries.size());
        assertEquals("k0yy", new String(all.entries.get(0).key(), StandardCharsets.US_ASCII));
        assertEquals("v0xx", new String(all.entries.get(0).value(), StandardCharsets.US_ASCII));
        assertEquals(Yp.YP_NOMORE, all.status);
        Yp.AllReply bounded = new Yp.AllReply(2);
        bounded.xdrDecode(decoding(wire));
        assertEquals(2, bounded.entries.size());
        assertTrue(bounded.truncated);
    }

    @Test
    void namesAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new Yp.MapRequest("d".repeat(65), "m"));
        assertThrows(IllegalArgumentException.class, () -> new Yp.MapRequest("", "m"));
        assertThrows(IllegalArgumentException.class, () -> new Yp.KeyRequest("d", "m", new byte[1025]));
    }

    @Test
    void ypbindBinding() throws Exception {
        byte[] wire = ByteBuffer.allocate(12).putInt(1).put(new byte[] {10, 99, 0, 5}).putShort((short) 834).putShort((short) 0).array();
        YpBind.Response r = new YpBind.Response();
        r.xdrDecode(decoding(wire));
        assertTrue(r.bound());
        assertArrayEquals(new byte[] {10, 99, 0, 5}, r.address);
        assertEquals(834, r.port);
        YpBind.Response fail = new YpBind.Response();
        fail.xdrDecode(decoding(ByteBuffer.allocate(8).putInt(2).putInt(2).array()));
        assertTrue(!fail.bound());
        assertEquals(2, fail.error);
    }
}
