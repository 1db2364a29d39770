package net.diskless.tftp.internal.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deterministic fuzzing: whatever arrives, decode returns a packet or throws MalformedPacketException, nothing else.
 * A decoded packet must also survive encode and decode unchanged, so the server can trust what it re-sends or logs.
 */
class TftpCodecFuzzTest {

    private static final int ROUNDS = 20_000;

    /** Bytes that steer decoding into its interesting branches, mixed with uniform noise. */
    private static final byte[] ALPHABET =
            "\0\0\0\0octetnetasciimailOCTETblksizetsizetimeoutwindowsize0123456789\r\n\u007f".getBytes(ISO_8859_1);

    /** Whole fields, so that random datagrams also get past the mode and into the options. */
    private static final String[] TOKENS = {"pxelinux.0", "octet", "NetASCII", "mail", "blksize", "tsize", "timeout",
        "windowsize", "0", "1468", "65464", "99999999999", "", "x", "\u00ff\u0080", "a\tb", "9".repeat(300)};

    @Test
    void randomDatagrams() {
        int[] outcomes = new int[8]; // [0]: malformed, [opcode]: decoded
        Random random = new Random(0x7F7F_2024L);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] d = switch (random.nextInt(3)) {
                case 0 -> randomBytes(random, null);
                case 1 -> randomBytes(random, ALPHABET);
                default -> randomFields(random);
            };
            if (d.length >= 2 && random.nextInt(4) != 0) { // mostly a plausible opcode, so the fields get parsed
                d[0] = 0;
                d[1] = (byte) random.nextInt(8);
            }
            outcomes[check(d)]++;
        }
        assertEverythingReached(outcomes);
    }

    @Test
    void mutationsOfValidPackets() {
        int[] outcomes = new int[8];
        List<byte[]> seeds = TftpCodecRoundTripTest.packets().map(p -> Wire.array(TftpCodec.encode(p))).toList();
        Random random = new Random(1350);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] d = seeds.get(random.nextInt(seeds.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                d = mutate(d, random);
            }
            outcomes[check(d)]++;
        }
        assertEverythingReached(outcomes);
    }

    /** A fuzzer that only ever hits one branch proves nothing: both outcomes and every packet type must occur. */
    private static void assertEverythingReached(int[] outcomes) {
        for (int i = 0; i <= Opcodes.OACK; i++) {
            int index = i;
            assertTrue(outcomes[i] > 0, () -> (index == 0 ? "no malformed datagram" : "no " + Opcodes.name(index))
                    + " in " + Arrays.toString(outcomes));
        }
    }

    private static byte[] randomBytes(Random random, byte[] alphabet) {
        byte[] d = new byte[random.nextInt(10) == 0 ? random.nextInt(66_000) : random.nextInt(700)];
        for (int j = 0; j < d.length; j++) {
            d[j] = alphabet == null ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        }
        return d;
    }

    private static byte[] randomFields(Random random) {
        Wire w = Wire.opcode(random.nextInt(8));
        int fields = random.nextInt(12);
        for (int f = 0; f < fields; f++) {
            String token = TOKENS[random.nextInt(TOKENS.length)];
            if (random.nextInt(20) == 0) {
                w.raw(token); // a field without its NUL
            } else {
                w.str(token);
            }
        }
        return w.array();
    }

    private static byte[] mutate(byte[] d, Random random) {
        if (d.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(d.length);
        switch (random.nextInt(7)) {
            case 0 -> d[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> d[at] = 0;
            case 2 -> d[at] = (byte) random.nextInt(256);
            case 3 -> d = Arrays.copyOf(d, at); // truncate
            case 4 -> { // insert a byte
                byte[] longer = new byte[d.length + 1];
                System.arraycopy(d, 0, longer, 0, at);
                longer[at] = random.nextBoolean() ? 0 : (byte) random.nextInt(256);
                System.arraycopy(d, at, longer, at + 1, d.length - at);
                d = longer;
            }
            case 5 -> { // repeat the tail, as a client re-sending its options would
                byte[] longer = Arrays.copyOf(d, d.length + d.length - at);
                System.arraycopy(d, at, longer, d.length, d.length - at);
                d = longer;
            }
            default -> { // delete a byte
                byte[] shorter = new byte[d.length - 1];
                System.arraycopy(d, 0, shorter, 0, at);
                System.arraycopy(d, at + 1, shorter, at, d.length - at - 1);
                d = shorter;
            }
        }
        return d;
    }

    /** Returns 0 for a malformed datagram, else the decoded packet's opcode. */
    private static int check(byte[] d) {
        TftpPacket packet;
        try {
            packet = TftpCodec.decode(ByteBuffer.wrap(d));
        } catch (MalformedPacketException e) {
            Wire.checkReason(e);
            return 0;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decode threw " + e + " for " + Wire.hex(d), e);
        }
        try {
            assertEquals(packet, TftpCodec.decode(TftpCodec.encode(packet)), () -> "re-encoded " + Wire.hex(d));
        } catch (MalformedPacketException e) {
            fail("re-encoded " + packet + " does not decode: " + e.getMessage() + " from " + Wire.hex(d));
        }
        return packet.opcode();
    }
}
