package net.diskless.tftp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Datagrams a broken or hostile client may send: each must be refused with a reason, or read as documented. */
class TftpCodecHostileTest {

    private static TftpPacket decode(byte[] datagram) throws MalformedPacketException {
        return TftpCodec.decode(ByteBuffer.wrap(datagram));
    }

    private static Map<String, String> options(byte[] datagram) throws MalformedPacketException {
        return assertInstanceOf(TftpPacket.ReadRequest.class, decode(datagram)).options();
    }

    private static Wire rrq() {
        return Wire.opcode(Opcodes.RRQ).str("pxelinux.0").str("octet");
    }

    @Test
    void emptyAndOneByteDatagrams() {
        assertEquals("empty datagram", Wire.malformed(new byte[0]));
        assertEquals("truncated opcode", Wire.malformed(new byte[] {0}));
        assertEquals("truncated opcode", Wire.malformed(new byte[] {4}));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 9, 255, 256, 0x0100 + 1, 65535})
    void unknownOpcodes(int opcode) {
        assertEquals("unknown opcode " + opcode, Wire.malformed(Wire.opcode(opcode).str("x").str("octet").array()));
    }

    @Test
    void truncatedHeaders() {
        assertEquals("truncated ACK", Wire.malformed(new byte[] {0, 4}));
        assertEquals("truncated ACK", Wire.malformed(new byte[] {0, 4, 1}));
        assertEquals("truncated DATA", Wire.malformed(new byte[] {0, 3, 0}));
        assertEquals("truncated ERROR", Wire.malformed(new byte[] {0, 5, 0}));
        assertEquals("truncated RRQ", Wire.malformed(new byte[] {0, 1}));
        assertEquals("truncated WRQ", Wire.malformed(new byte[] {0, 2}));
    }

    /** Every valid packet cut at every length: refused, or read as a consistent shorter packet. */
    @Test
    void everyPacketTruncatedAtEveryLength() throws MalformedPacketException {
        for (TftpPacket packet : TftpCodecRoundTripTest.packets().toList()) {
            byte[] full = Wire.array(TftpCodec.encode(packet));
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                TftpPacket decoded;
                try {
                    decoded = decode(cut);
                } catch (MalformedPacketException e) {
                    Wire.checkReason(e);
                    continue;
                }
                int shortest = packet.opcode() == Opcodes.OACK ? 2 : TftpCodec.DATA_HEADER; // OACK may be empty
                assertTrue(n >= shortest, () -> "decoded a " + cut.length + "-byte prefix of " + packet);
                assertEquals(packet.opcode(), decoded.opcode());
                switch (packet.opcode()) {
                    case Opcodes.ACK -> fail("a cut ACK must not decode");
                    case Opcodes.DATA -> assertEquals(n - 4, ((TftpPacket.Data) decoded).payload().remaining());
                    case Opcodes.ERROR -> assertTrue(((TftpPacket.ErrorPacket) packet).message()
                            .startsWith(((TftpPacket.ErrorPacket) decoded).message()));
                    case Opcodes.RRQ -> {
                        TftpPacket.ReadRequest full0 = (TftpPacket.ReadRequest) packet;
                        TftpPacket.ReadRequest r = (TftpPacket.ReadRequest) decoded;
                        assertEquals(full0.filename(), r.filename());
                        assertEquals(full0.mode(), r.mode());
                        r.options().forEach((k, v) -> assertEquals(full0.options().get(k), v, "cut option " + k));
                    }
                    case Opcodes.WRQ -> assertEquals(((TftpPacket.WriteRequest) packet).filename(),
                            ((TftpPacket.WriteRequest) decoded).filename());
                    case Opcodes.OACK -> ((TftpPacket.OptionAck) decoded).options().forEach((k, v) ->
                            assertEquals(((TftpPacket.OptionAck) packet).options().get(k), v, "cut option " + k));
                    default -> fail("unexpected " + decoded);
                }
            }
        }
    }

    @Test
    void requestFieldsMissingOrUnterminated() {
        assertEquals("unterminated filename", Wire.malformed(Wire.opcode(1).raw("pxelinux.0").array()));
        assertEquals("missing mode", Wire.malformed(Wire.opcode(1).str("pxelinux.0").array()));
        assertEquals("unterminated mode", Wire.malformed(Wire.opcode(1).str("pxelinux.0").raw("octet").array()));
        assertEquals("empty filename", Wire.malformed(Wire.opcode(1).str("").str("octet").array()));
        assertEquals("empty filename", Wire.malformed(Wire.opcode(2).nul().array()));
    }

    @Test
    void filenameLengthLimit() throws MalformedPacketException {
        String longest = "a".repeat(TftpCodec.MAX_FILENAME);
        TftpPacket decoded = decode(Wire.opcode(1).str(longest).str("octet").array());
        assertEquals(longest, ((TftpPacket.ReadRequest) decoded).filename());
        assertEquals("filename too long", Wire.malformed(Wire.opcode(1).str(longest + "a").str("octet").array()));
        assertEquals("filename too long", Wire.malformed(Wire.opcode(1).raw("b".repeat(65534)).array()));
    }

    @Test
    void controlCharactersInFilenameAreRefused() {
        for (int c = 1; c < 0x20; c++) {
            byte[] d = Wire.opcode(1).raw("boot").bytes((byte) c).str("x").str("octet").array();
            assertEquals("control character in filename", Wire.malformed(d), "char " + c);
        }
        assertEquals("control character in filename",
                Wire.malformed(Wire.opcode(1).raw("a").bytes((byte) 0x7F).str("").str("octet").array()));
    }

    @Test
    void latin1FilenamesAreReadByteForChar() throws MalformedPacketException {
        byte[] d = Wire.opcode(1).bytes((byte) 0xE9, (byte) 0xFF, (byte) 0x80).nul().str("octet").array();
        assertEquals("\u00e9\u00ff\u0080", ((TftpPacket.ReadRequest) decode(d)).filename());
    }

    @Test
    void unknownModes() {
        assertEquals("unknown mode \"binary\"", Wire.malformed(Wire.opcode(1).str("f").str("binary").array()));
        assertEquals("unknown mode \"\"", Wire.malformed(Wire.opcode(1).str("f").str("").array()));
        assertEquals("unknown mode \"oct\\x01et\"", Wire.malformed(Wire.opcode(1).str("f").str("oct\u0001et").array()));
        String reason = Wire.malformed(Wire.opcode(1).str("f").str("octet".repeat(2000)).array());
        assertTrue(reason.length() < 70, reason); // never the whole 10 000 bytes
        assertTrue(reason.endsWith("...\""), reason);
    }

    @Test
    void tenThousandDigitOptionValueIsRefusedCleanly() {
        assertEquals("option value too long", Wire.malformed(rrq().str("blksize").str("9".repeat(10_000)).array()));
        assertEquals("option value too long", Wire.malformed(rrq().str("tsize").raw("1".repeat(10_000)).array()));
    }

    @Test
    void optionLengthLimits() throws MalformedPacketException {
        String name64 = "n".repeat(TftpCodec.MAX_OPTION_NAME);
        String value256 = "v".repeat(TftpCodec.MAX_OPTION_VALUE);
        assertEquals(Map.of(name64, value256), options(rrq().str(name64).str(value256).array()));
        assertEquals("option name too long", Wire.malformed(rrq().str(name64 + "n").str("1").array()));
        assertEquals("option name too long", Wire.malformed(rrq().raw(name64 + "n").array()));
        assertEquals("option value too long", Wire.malformed(rrq().str("x").str(value256 + "v").array()));
    }

    @Test
    void optionCountLimit() throws MalformedPacketException {
        Wire ok = rrq();
        for (int i = 0; i < TftpCodec.MAX_OPTIONS; i++) {
            ok.str("opt" + i).str("1");
        }
        assertEquals(TftpCodec.MAX_OPTIONS, options(ok.array()).size());
        assertEquals("too many options", Wire.malformed(ok.str("one").str("more").array()));
        Wire thousand = rrq();
        for (int i = 0; i < 1000; i++) {
            thousand.str("opt" + i).str(Integer.toString(i));
        }
        assertEquals("too many options", Wire.malformed(thousand.array()));
        // the same name a thousand times is still a thousand options
        Wire repeated = rrq();
        for (int i = 0; i < 1000; i++) {
            repeated.str("blksize").str("512");
        }
        assertEquals("too many options", Wire.malformed(repeated.array()));
    }

    @Test
    void oddOptionListsKeepTheCompletePairs() throws MalformedPacketException {
        Map<String, String> blksize = Map.of("blksize", "1468");
        assertEquals(blksize, options(rrq().str("blksize").str("1468").str("tsize").array()), "dangling name");
        assertEquals(blksize, options(rrq().str("blksize").str("1468").raw("tsize").array()), "unterminated name");
        assertEquals(blksize, options(rrq().str("blksize").str("1468").str("tsize").raw("0").array()),
                "value without its NUL");
        assertEquals(Map.of(), options(rrq().str("blksize").raw("1468").array()), "value without its NUL");
        assertEquals(blksize, options(rrq().str("blksize").str("1468").bytes(new byte[40]).array()), "NUL padding");
        assertEquals(blksize, options(rrq().nul().nul().str("blksize").str("1468").array()), "leading padding");
        assertEquals(Map.of(), options(rrq().bytes(new byte[65000]).array()), "a datagram of padding");
    }

    @Test
    void aRepeatedOptionKeepsItsFirstValueWhateverTheCase() throws MalformedPacketException {
        Map<String, String> o = options(rrq().str("BLKSIZE").str("1468").str("tsize").str("0")
                .str("blksize").str("8").str("BlkSize").str("9").array());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("blksize", "1468");
        expected.put("tsize", "0");
        assertEquals(expected, o);
    }

    @Test
    void errorPacketsAreReadLeniently() throws MalformedPacketException {
        assertEquals(new TftpPacket.ErrorPacket(8, "no"), decode(Wire.opcode(5).u16(8).raw("no").array()));
        assertEquals(new TftpPacket.ErrorPacket(8, ""), decode(Wire.opcode(5).u16(8).array()));
        assertEquals(new TftpPacket.ErrorPacket(1, "x"), decode(Wire.opcode(5).u16(1).str("x").raw("junk").array()));
        assertEquals(new TftpPacket.ErrorPacket(65535, "\n\u0001"),
                decode(Wire.opcode(5).u16(65535).raw("\n\u0001").array()), "escaping is the logger's business");
        byte[] flood = Wire.opcode(5).u16(0).raw("e".repeat(65000)).array();
        TftpPacket.ErrorPacket huge = (TftpPacket.ErrorPacket) decode(flood);
        assertEquals(TftpCodec.MAX_ERROR_MESSAGE, huge.message().length());
    }

    @Test
    void anAckWithTrailingBytesIsStillAnAck() throws MalformedPacketException {
        assertEquals(new TftpPacket.Ack(258), decode(Wire.opcode(4).u16(258).bytes(new byte[10]).array()));
    }

    @Test
    void sixtyFourKilobytesOfJunk() throws MalformedPacketException {
        Random random = new Random(64);
        byte[] junk = new byte[65535];
        random.nextBytes(junk);
        for (int opcode = 0; opcode <= 8; opcode++) {
            junk[0] = 0;
            junk[1] = (byte) opcode;
            try {
                TftpPacket p = decode(junk);
                assertEquals(opcode, p.opcode());
            } catch (MalformedPacketException e) {
                Wire.checkReason(e);
            }
        }
        byte[] letters = new byte[65535];
        Arrays.fill(letters, (byte) 'A');
        letters[0] = 0;
        letters[1] = 1;
        assertEquals("filename too long", Wire.malformed(letters));
        letters[1] = 6;
        assertEquals("option name too long", Wire.malformed(letters));
        letters[1] = 3;
        assertEquals(65531, ((TftpPacket.Data) decode(letters)).payload().remaining());
        byte[] zeros = new byte[65535];
        zeros[1] = 6;
        assertEquals(new TftpPacket.OptionAck(Map.of()), decode(zeros));
        zeros[1] = 1;
        assertEquals("empty filename", Wire.malformed(zeros));
    }
}
