package net.diskless.rarp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import net.diskless.api.MacAddress;
import org.junit.jupiter.api.Test;

class RarpCodecTest {

    static final MacAddress CLIENT = MacAddress.parse("52:54:00:aa:bb:01");
    static final MacAddress SERVER = MacAddress.parse("02:00:00:00:00:01");

    /** A reverse request written out byte by byte, as RFC 903 lays it out (not built by the codec under test). */
    static final byte[] REQUEST = HexFormat.of().parseHex(
            "ffffffffffff" + "525400aabb01" + "8035"      // Ethernet: broadcast, from the client, RARP
            + "0001" + "0800" + "06" + "04" + "0003"      // Ethernet, IPv4, 6, 4, reverse request
            + "525400aabb01" + "00000000"                 // sha, spa
            + "525400aabb01" + "00000000"                 // tha, tpa
            + "00".repeat(18));                           // padding to 60 bytes

    static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void decodesAReverseRequest() throws Exception {
        Decoded d = RarpCodec.decode(REQUEST);
        RarpFrame f = assertInstanceOf(Decoded.Request.class, d).frame();
        assertEquals(new MacAddress(0xFFFF_FFFF_FFFFL), f.etherDestination());
        assertEquals(CLIENT, f.etherSource());
        assertEquals(RarpFrame.REVERSE_REQUEST, f.operation());
        assertEquals(CLIENT, f.senderMac());
        assertEquals(CLIENT, f.targetMac());
        assertEquals(ip("0.0.0.0"), f.senderIp());
        assertEquals(ip("0.0.0.0"), f.targetIp());
    }

    @Test
    void decodesWithoutPaddingToo() {
        assertInstanceOf(Decoded.Request.class, RarpCodec.decode(Arrays.copyOf(REQUEST, 42)));
    }

    @Test
    void decodesAVlanTaggedRequest() {
        byte[] tagged = new byte[REQUEST.length + 4];
        System.arraycopy(REQUEST, 0, tagged, 0, 12);
        tagged[12] = (byte) 0x81;
        tagged[13] = 0x00;
        tagged[15] = 7; // VLAN 7
        System.arraycopy(REQUEST, 12, tagged, 16, REQUEST.length - 12);
        assertEquals(CLIENT, assertInstanceOf(Decoded.Request.class, RarpCodec.decode(tagged)).frame().targetMac());
    }

    @Test
    void theRequestMadeByTheCodecIsTheOneWrittenOut() {
        assertArrayEquals(REQUEST, RarpCodec.request(CLIENT));
    }

    @Test
    void replyFollowsRfc903() throws Exception {
        RarpFrame request = ((Decoded.Request) RarpCodec.decode(REQUEST)).frame();
        byte[] reply = RarpCodec.reply(request, SERVER, ip("10.99.0.1"), ip("10.99.0.2"));
        byte[] expected = HexFormat.of().parseHex(
                "525400aabb01" + "020000000001" + "8035"  // to the requester, from the server
                + "0001" + "0800" + "06" + "04" + "0004"  // reverse reply
                + "020000000001" + "0a630001"             // sha, spa: this server on the client's subnet
                + "525400aabb01" + "0a630002"             // tha: the asked-for address, tpa: its IP
                + "00".repeat(18));
        assertArrayEquals(expected, reply);
        // And it reads back as a reply, which a server ignores
        assertInstanceOf(Decoded.Ignored.class, RarpCodec.decode(reply));
    }

    @Test
    void replyGoesToTheFrameSenderAndAnswersTheTargetAddress() throws Exception {
        // A third party asking for another address (RFC 903 allows it): reply to the asker, about the target
        MacAddress asker = MacAddress.parse("52:54:00:00:00:09");
        RarpFrame request = new RarpFrame(new MacAddress(0xFFFF_FFFF_FFFFL), asker, 3, asker, ip("0.0.0.0"), CLIENT,
                ip("0.0.0.0"));
        byte[] reply = RarpCodec.reply(request, SERVER, ip("10.99.0.1"), ip("10.99.0.2"));
        assertEquals(asker, MacAddress.of(reply, 0));
        assertEquals(CLIENT, MacAddress.of(reply, 32));
    }

    // --- what is rejected, and why

    static byte[] with(int offset, String hex) {
        byte[] b = REQUEST.clone();
        byte[] patch = HexFormat.of().parseHex(hex);
        System.arraycopy(patch, 0, b, offset, patch.length);
        return b;
    }

    static String malformed(byte[] frame) {
        Decoded d = RarpCodec.decode(frame);
        return assertInstanceOf(Decoded.Malformed.class, d, () -> "expected malformed, got " + d).reason();
    }

    @Test
    void shortFramesAreMalformed() {
        for (int len = 0; len < 14; len++) {
            assertTrue(malformed(Arrays.copyOf(REQUEST, len)).contains("shorter than an Ethernet header"));
        }
        for (int len = 14; len < 42; len++) {
            String why = malformed(Arrays.copyOf(REQUEST, len));
            assertTrue(why.contains("RARP body of " + (len - 14) + " bytes"), why);
        }
    }

    @Test
    void wrongHardwareTypeIsMalformed() {
        assertEquals("hardware type 6, not Ethernet (1)", malformed(with(14, "0006")));
        assertEquals("hardware type 65535, not Ethernet (1)", malformed(with(14, "ffff")));
    }

    @Test
    void wrongProtocolTypeIsMalformed() {
        assertEquals("protocol type 0x86dd, not IPv4 (0x0800)", malformed(with(16, "86dd")));
    }

    @Test
    void wrongAddressLengthsAreMalformed() {
        assertEquals("hardware address length 8, not 6", malformed(with(18, "08")));
        assertEquals("hardware address length 0, not 6", malformed(with(18, "00")));
        assertEquals("protocol address length 16, not 4", malformed(with(19, "10")));
    }

    @Test
    void arpOperationsInARarpFrameAreMalformed() {
        assertEquals("ARP request (operation 1) in a RARP frame", malformed(with(20, "0001")));
        assertEquals("ARP reply (operation 2) in a RARP frame", malformed(with(20, "0002")));
        assertEquals("operation 0, not a reverse request (3)", malformed(with(20, "0000")));
        assertEquals("operation 65535, not a reverse request (3)", malformed(with(20, "ffff")));
    }

    @Test
    void aReverseReplyIsIgnoredNotAnswered() {
        Decoded d = RarpCodec.decode(with(20, "0004"));
        assertTrue(assertInstanceOf(Decoded.Ignored.class, d).reason().contains("reverse reply"));
    }

    @Test
    void otherEtherTypesAreIgnored() {
        assertEquals("EtherType 0x0806, not RARP",
                assertInstanceOf(Decoded.Ignored.class, RarpCodec.decode(with(12, "0806"))).reason());
    }

    /** Random bytes, and random bytes under a RARP header: always a verdict, never an exception. */
    @Test
    void garbageNeverThrows() {
        Random random = new Random(903);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            if (i % 2 == 0 && b.length >= 14) {
                b[12] = (byte) 0x80;
                b[13] = 0x35;
            }
            Decoded d = RarpCodec.decode(b);
            assertTrue(d instanceof Decoded.Request || d instanceof Decoded.Ignored || d instanceof Decoded.Malformed);
        }
    }
}
