package net.diskless.tftp.internal.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetasciiTest {

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }

    private static ByteBuffer buffer(String s) {
        return ByteBuffer.wrap(bytes(s));
    }

    /** Cuts the encoding of {@code input} into blocks the way a transfer does; input fed in chunks. */
    private static List<byte[]> blocks(byte[] input, int blockSize, int chunkSize) {
        Netascii.Encoder encoder = new Netascii.Encoder();
        List<byte[]> blocks = new ArrayList<>();
        int fed = 0;
        ByteBuffer in = ByteBuffer.allocate(0);
        while (true) {
            ByteBuffer out = ByteBuffer.allocate(blockSize);
            while (out.hasRemaining()) {
                if (!in.hasRemaining() && !encoder.hasPending()) {
                    if (fed == input.length) {
                        break;
                    }
                    int n = Math.min(chunkSize, input.length - fed);
                    in = ByteBuffer.wrap(input, fed, n);
                    fed += n;
                }
                encoder.encode(in, out);
            }
            blocks.add(Wire.array(out.flip()));
            if (out.limit() < blockSize) {
                return blocks; // the short block ends the transfer, as in TFTP
            }
        }
    }

    @Test
    void rfc764Rules() {
        assertArrayEquals(bytes("a\r\nb"), Netascii.encode(buffer("a\nb")));
        assertArrayEquals(bytes("a\r\0b"), Netascii.encode(buffer("a\rb")));
        assertArrayEquals(bytes("\r\0\r\n"), Netascii.encode(buffer("\r\n")), "a CR LF in the file: CR, then line end");
        assertArrayEquals(bytes("\r\n\r\n"), Netascii.encode(buffer("\n\n")));
        assertArrayEquals(new byte[0], Netascii.encode(ByteBuffer.allocate(0)));
        byte[] others = new byte[256];
        for (int i = 0; i < 256; i++) {
            others[i] = (byte) i;
        }
        byte[] encoded = Netascii.encode(ByteBuffer.wrap(others));
        assertEquals(258, encoded.length); // only CR and LF grow
        assertEquals(0, encoded[0]);
        assertEquals((byte) 0xFF, encoded[257]);
    }

    @Test
    void encodeDoesNotMoveTheInput() {
        ByteBuffer in = buffer("x\ny");
        Netascii.encode(in);
        assertEquals(0, in.position());
    }

    @Test
    void crLfSplitAcrossBlocks() {
        // "abc\n" + "d": the CR fills block 1, its LF opens block 2
        List<byte[]> blocks = blocks(bytes("abc\nd"), 4, 100);
        assertEquals(2, blocks.size());
        assertArrayEquals(bytes("abc\r"), blocks.get(0));
        assertArrayEquals(bytes("\nd"), blocks.get(1));
    }

    @Test
    void crNulSplitAcrossBlocks() {
        List<byte[]> blocks = blocks(bytes("abc\r"), 4, 100);
        assertEquals(2, blocks.size());
        assertArrayEquals(bytes("abc\r"), blocks.get(0));
        assertArrayEquals(new byte[] {0}, blocks.get(1));
    }

    @Test
    void exactFitEndsWithAnEmptyBlock() {
        List<byte[]> blocks = blocks(bytes("ab\n"), 4, 1);
        assertEquals(2, blocks.size());
        assertArrayEquals(bytes("ab\r\n"), blocks.get(0));
        assertArrayEquals(new byte[0], blocks.get(1));
    }

    @Test
    void pendingByteWaitsForRoomAndIsFlushedWithEmptyInput() {
        Netascii.Encoder encoder = new Netascii.Encoder();
        ByteBuffer out = ByteBuffer.allocate(1);
        assertEquals(1, encoder.encode(buffer("\n"), out));
        assertTrue(encoder.hasPending());
        assertEquals(0, encoder.encode(ByteBuffer.allocate(0), out), "no room: nothing written, nothing lost");
        assertTrue(encoder.hasPending());
        ByteBuffer next = ByteBuffer.allocate(1);
        assertEquals(1, encoder.encode(ByteBuffer.allocate(0), next));
        assertFalse(encoder.hasPending());
        assertEquals('\n', next.get(0));
    }

    @Test
    void onlyWhatFitsIsConsumed() {
        Netascii.Encoder encoder = new Netascii.Encoder();
        ByteBuffer in = buffer("abcdef");
        ByteBuffer out = ByteBuffer.allocate(4);
        assertEquals(4, encoder.encode(in, out));
        assertEquals(4, in.position());
    }

    @Test
    void everyBlockAndChunkSizeGivesTheSameBytes() {
        Random random = new Random(764);
        byte[] input = new byte[3000];
        byte[] alphabet = bytes("ab\r\n\0");
        for (int i = 0; i < input.length; i++) {
            input[i] = alphabet[random.nextInt(alphabet.length)];
        }
        byte[] expected = Netascii.encode(ByteBuffer.wrap(input));
        assertEquals(expected.length, Netascii.encodedLength(ByteBuffer.wrap(input)));
        for (int blockSize : new int[] {1, 2, 3, 7, 512, 5000}) {
            for (int chunkSize : new int[] {1, 2, 5, 4096}) {
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                List<byte[]> blocks = blocks(input, blockSize, chunkSize);
                for (int i = 0; i < blocks.size(); i++) {
                    assertEquals(i < blocks.size() - 1, blocks.get(i).length == blockSize);
                    joined.writeBytes(blocks.get(i));
                }
                assertArrayEquals(expected, joined.toByteArray(), "block " + blockSize + ", chunk " + chunkSize);
            }
        }
    }

    @Test
    void encodedLengthAddsUpOverAnySplit() {
        assertEquals(0, Netascii.encodedLength(ByteBuffer.allocate(0)));
        assertEquals(6, Netascii.encodedLength(buffer("a\r\nb")));
        // the pair split between two chunks counts the same as whole
        assertEquals(6, Netascii.encodedLength(List.of(buffer("a\r"), buffer("\nb"))));
        ByteBuffer partial = buffer("\n\nxy");
        partial.position(1);
        assertEquals(4, Netascii.encodedLength(partial));
        assertEquals(1, partial.position());
    }
}
