package net.diskless.bootparams.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.junit.jupiter.api.Test;

/** The bootparam_prot.x types on oncrpc4j's XDR streams, against hand-made wire bytes as rpcgen's stubs produce them. */
class BootparamCodecTest {

    private static byte[] encode(XdrAble a) throws IOException {
        Xdr x = new Xdr(2048);
        x.beginEncoding();
        a.xdrEncode(x);
        x.endEncoding();
        return x.getBytes();
    }

    private static <T extends XdrAble> T decode(T into, byte[] bytes) throws IOException {
        Xdr x = new Xdr(bytes);
        x.beginDecoding();
        into.xdrDecode(x);
        return into;
    }

    private static Inet4Address ip(String s) throws IOException {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void whoamiArgumentsAreFourXdrCharsAfterTheAddressType() throws IOException {
        // rpcgen's xdr_char sends each byte as a whole int; a byte above 127 arrives sign-extended from x86 clients
        byte[] wire = ByteBuffer.allocate(20).putInt(1).putInt(192).putInt(-88).putInt(0).putInt(2).array();
        assertEquals(ip("192.168.0.2"), decode(new WhoamiArgs(), wire).client());
    }

    @Test
    void whoamiResultRoundTripsAndIsLaidOutAsRpcgenDoes() throws IOException {
        byte[] wire = encode(new WhoamiResult("client1", "dom", ip("10.99.0.254")));
        ByteBuffer b = ByteBuffer.wrap(wire);
        assertEquals(7, b.getInt());
        b.position(b.position() + 8); // "client1" + 1 pad
        assertEquals(3, b.getInt());
        b.position(b.position() + 4);
        assertEquals(1, b.getInt());
        assertEquals(10, b.getInt());
        assertEquals(99, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(-2, b.getInt()); // 254 as a signed char, as rpcgen on x86 sends it
        WhoamiResult back = decode(new WhoamiResult(), wire);
        assertEquals("client1", back.clientName());
        assertEquals("dom", back.domainName());
        assertEquals(ip("10.99.0.254"), back.router());
    }

    @Test
    void getfileRoundTrips() throws IOException {
        GetfileArgs args = decode(new GetfileArgs(), encode(new GetfileArgs("client1", "root")));
        assertEquals("client1", args.clientName());
        assertEquals("root", args.fileId());
        GetfileResult res = decode(new GetfileResult(), encode(new GetfileResult("server", ip("10.99.0.1"), "/export/root")));
        assertEquals("server", res.serverName());
        assertEquals(ip("10.99.0.1"), res.serverAddress());
        assertEquals("/export/root", res.serverPath());
    }

    @Test
    void limitsOfTheProtocolFileAreEnforced() {
        byte[] longName = ByteBuffer.allocate(8 + 256 + 8).putInt(256).put(new byte[256]).putInt(4).put("root".getBytes()).array();
        assertThrows(GarbageArgsOrLimit.class, () -> decodeExpectingLimit(new GetfileArgs(), longName));
        byte[] longKey = ByteBuffer.allocate(8 + 4 + 36).putInt(1).put(new byte[] {'a', 0, 0, 0}).putInt(33).put(new byte[36]).array();
        assertThrows(GarbageArgsOrLimit.class, () -> decodeExpectingLimit(new GetfileArgs(), longKey));
        byte[] huge = ByteBuffer.allocate(12).putInt(0x7ffffff0).putInt(0).putInt(0).array();
        assertThrows(GarbageArgsOrLimit.class, () -> decodeExpectingLimit(new GetfileArgs(), huge));
        byte[] type2 = ByteBuffer.allocate(20).putInt(2).putInt(10).putInt(0).putInt(0).putInt(1).array();
        assertThrows(GarbageArgsOrLimit.class, () -> decodeExpectingLimit(new WhoamiArgs(), type2));
    }

    /** Any IOException: oncrpc4j turns each into GARBAGE_ARGS. */
    private static final class GarbageArgsOrLimit extends Exception {
        GarbageArgsOrLimit(Throwable cause) {
            super(cause);
        }
    }

    private static void decodeExpectingLimit(XdrAble into, byte[] wire) throws GarbageArgsOrLimit {
        try {
            decode(into, wire);
        } catch (IOException e) {
            throw new GarbageArgsOrLimit(e);
        }
    }

    @Test
    void truncatedAndRandomInputOnlyEverFailsWithIOException() {
        Random random = new Random(100026);
        for (int i = 0; i < 5_000; i++) {
            byte[] junk = new byte[random.nextInt(48)];
            random.nextBytes(junk);
            if (random.nextBoolean() && junk.length >= 4) {
                junk[0] = 0;
                junk[1] = 0;
                junk[2] = 0; // small lengths and type 1 more often
            }
            for (XdrAble a : new XdrAble[] {new WhoamiArgs(), new GetfileArgs(), new WhoamiResult(), new GetfileResult()}) {
                try {
                    decode(a, junk);
                } catch (IOException expected) {
                    // garbage
                }
            }
        }
    }
}
