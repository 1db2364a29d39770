package net.diskless.dhcp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DhcpCodecHostileTest {

    private static String refused(byte[] b) {
        return assertThrows(MalformedMessageException.class, () -> DhcpCodec.decode(b)).getMessage();
    }

    @Test
    void truncatedHeader() {
        assertEquals("truncated: 100 bytes, a BOOTP header needs 236", refused(Requests.cut(Requests.discover(), 100)));
        assertTrue(refused(new byte[0]).startsWith("truncated"));
    }

    @Test
    void truncatedInsideAnOption() {
        byte[] b = Requests.request(1, Requests.vendor(53, 1, 1, 17, 40, 'x'));
        // cut right after the root path's length byte plus one byte of its value
        assertEquals("option 17 in the options has length 40 but only 1 bytes follow", refused(Requests.cut(b, 243 + 3)));
    }

    @Test
    void optionLengthPastTheEnd() {
        byte[] b = Requests.cut(Requests.request(1, Requests.vendor(53, 1, 1, 12, 200)), 250);
        assertTrue(refused(b).contains("has length 200 but only"));
    }

    @Test
    void optionWithoutLengthByte() {
        byte[] b = Requests.cut(Requests.request(1, Requests.vendor(53, 1, 1, 12)), 244);
        assertEquals("option 12 in the options has no length byte", refused(b));
    }

    @Test
    void duplicateMessageTypeIsAWrongLength() {
        String why = refused(Requests.request(1, Requests.vendor(53, 1, 1, 53, 1, 3, 255)));
        assertEquals("option 53 has length 2, must be 1 (repeated?)", why);
    }

    @Test
    void wrongLengths() {
        assertTrue(refused(Requests.request(1, Requests.vendor(53, 1, 3, 50, 3, 1, 2, 3, 255))).startsWith("option 50 has length 3"));
        assertTrue(refused(Requests.request(1, Requests.vendor(53, 1, 1, 93, 3, 0, 7, 0, 255))).startsWith("option 93 has length 3"));
        assertTrue(refused(Requests.request(1, Requests.vendor(53, 1, 1, 57, 1, 2, 255))).startsWith("option 57 has length 1"));
        assertTrue(refused(Requests.request(1, Requests.vendor(53, 0, 255))).startsWith("option 53 has length 0"));
    }

    @Test
    void badOverloads() {
        assertTrue(refused(Requests.request(1, Requests.vendor(53, 1, 1, 52, 1, 9, 255))).startsWith("option 52 (overload) must be"));
        byte[] b = Requests.request(1, Requests.vendor(53, 1, 1, 52, 1, 1, 255));
        byte[] file = {52, 1, 1, (byte) 255};
        System.arraycopy(file, 0, b, 108, file.length);
        assertEquals("option 52 (overload) inside the file field", refused(b));
        byte[] c = Requests.request(1, Requests.vendor(53, 1, 1, 52, 1, 2, 255));
        c[44] = 12;
        c[45] = 100; // runs past the 64-byte sname field
        assertTrue(refused(c).startsWith("option 12 in the sname field has length 100"));
    }

    @Test
    void hardwareAddressTooLongAndBadOp() {
        byte[] b = Requests.discover();
        b[2] = 17;
        assertEquals("hardware address length 17 > 16", refused(b));
        byte[] c = Requests.discover();
        c[0] = 3;
        assertEquals("op 3 is neither BOOTREQUEST nor BOOTREPLY", refused(c));
    }

    @Test
    void hugeDatagramOfRepeatedOptionsIsBoundedByItsLength() throws Exception {
        // 65 000 bytes of option 224 repeated 255 bytes at a time: joined (RFC 3396) into one value, no blow-up
        byte[] b = new byte[65_000];
        System.arraycopy(Requests.request(1, Requests.vendor(53, 1, 1)), 0, b, 0, 243);
        int i = 243;
        while (i + 257 <= b.length) {
            b[i] = (byte) 224;
            b[i + 1] = (byte) 255;
            i += 257;
        }
        DhcpMessage m = DhcpCodec.decode(b);
        assertTrue(m.options().get(224).orElseThrow().length > 60_000);
    }

    @Test
    void randomBytesOnlyEverFailWithAReason() {
        Random r = new Random(2131);
        byte[] base = Requests.discover();
        for (int n = 0; n < 20_000; n++) {
            byte[] b;
            if (n % 2 == 0) {
                b = new byte[r.nextInt(700)];
                r.nextBytes(b);
                if (b.length > 240) { // often a valid header and cookie, so the option parser gets the junk
                    System.arraycopy(base, 0, b, 0, 240);
                }
            } else {
                b = base.clone();
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    b[236 + r.nextInt(b.length - 236)] = (byte) r.nextInt(256);
                }
            }
            try {
                DhcpCodec.decode(b);
            } catch (MalformedMessageException e) {
                assertTrue(!e.getMessage().isBlank());
            }
        }
    }
}
