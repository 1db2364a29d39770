package net.diskless.tftp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TftpCodecRoundTripTest {

    private static Map<String, String> pxeOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("tsize", "0");
        o.put("blksize", "1468");
        o.put("windowsize", "16");
        return o;
    }

    static Stream<TftpPacket> packets() {
        byte[] payload = new byte[512];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        return Stream.of(
                new TftpPacket.ReadRequest("pxelinux.0", TransferMode.OCTET),
                new TftpPacket.ReadRequest("boot/grub/x86_64-efi/core.efi", TransferMode.OCTET, pxeOptions()),
                new TftpPacket.ReadRequest("C0A80A07.SUN4U", TransferMode.NETASCII, Map.of("timeout", "5")),
                new TftpPacket.ReadRequest("caf\u00e9", TransferMode.MAIL),
                new TftpPacket.WriteRequest("upload", TransferMode.OCTET, Map.of("tsize", "1234")),
                new TftpPacket.Data(1, ByteBuffer.wrap(payload)),
                new TftpPacket.Data(0, ByteBuffer.allocate(0)),
                new TftpPacket.Data(65535, ByteBuffer.wrap(new byte[] {0, 0, 0})),
                new TftpPacket.Ack(0),
                new TftpPacket.Ack(65535),
                new TftpPacket.ErrorPacket(ErrorCodes.FILE_NOT_FOUND, "File not found"),
                new TftpPacket.ErrorPacket(ErrorCodes.OPTION_REJECTED, ""),
                new TftpPacket.ErrorPacket(65535, "odd code"),
                new TftpPacket.OptionAck(pxeOptions()),
                new TftpPacket.OptionAck(Map.of()));
    }

    @ParameterizedTest
    @MethodSource("packets")
    void everyPacketSurvivesARoundTrip(TftpPacket packet) throws MalformedPacketException {
        ByteBuffer wire = TftpCodec.encode(packet);
        assertEquals(0, wire.position());
        assertEquals(packet.opcode(), wire.getShort(0) & 0xFFFF);
        TftpPacket decoded = TftpCodec.decode(wire);
        assertEquals(packet, decoded);
        assertEquals(0, wire.position(), "decode must not move the datagram's position");
    }

    @Test
    void readRequestBytesAreExactlyRfc1350AndRfc2347() {
        ByteBuffer wire = TftpCodec.encode(new TftpPacket.ReadRequest("a.0", TransferMode.OCTET, pxeOptions()));
        byte[] expected = Wire.opcode(1).str("a.0").str("octet")
                .str("tsize").str("0").str("blksize").str("1468").str("windowsize").str("16").array();
        assertArrayEquals(expected, Wire.array(wire));
    }

    @Test
    void otherPacketBytes() {
        assertArrayEquals(new byte[] {0, 4, (byte) 0xFF, (byte) 0xFE},
                Wire.array(TftpCodec.encode(new TftpPacket.Ack(65534))));
        assertArrayEquals(Wire.opcode(5).u16(1).str("nope").array(),
                Wire.array(TftpCodec.encode(new TftpPacket.ErrorPacket(1, "nope"))));
        assertArrayEquals(Wire.opcode(6).str("blksize").str("1428").array(),
                Wire.array(TftpCodec.encode(new TftpPacket.OptionAck(Map.of("blksize", "1428")))));
        assertArrayEquals(new byte[] {0, 3, 1, 2, 9}, Wire.array(TftpCodec.encode(
                new TftpPacket.Data(258, ByteBuffer.wrap(new byte[] {9})))));
    }

    @Test
    void decodedOptionNamesAreLowerCasedAndModesAnyCase() throws MalformedPacketException {
        ByteBuffer wire = Wire.opcode(1).str("F").str("OCTET")
                .str("BlkSize").str("1024").str("TSIZE").str("0").buffer();
        TftpPacket.ReadRequest r = assertInstanceOf(TftpPacket.ReadRequest.class, TftpCodec.decode(wire));
        assertEquals("F", r.filename());
        assertEquals(TransferMode.OCTET, r.mode());
        assertEquals(List.of("blksize", "tsize"), List.copyOf(r.options().keySet()));
    }

    @Test
    void dataPayloadIsAReadOnlyViewOfTheDatagram() throws MalformedPacketException {
        byte[] bytes = {0x7F, 0, 3, 0, 2, 10, 20, 30, 0x7F};
        ByteBuffer datagram = ByteBuffer.wrap(bytes, 1, 7); // position 1, limit 8: decode honours both
        TftpPacket.Data d = assertInstanceOf(TftpPacket.Data.class, TftpCodec.decode(datagram));
        assertEquals(2, d.block());
        assertEquals(3, d.payload().remaining());
        assertTrue(d.payload().isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> d.payload().put(0, (byte) 1));
        bytes[5] = 11; // no copy: the view sees the datagram
        assertEquals(11, d.payload().get(0));
        assertEquals(1, datagram.position());
    }

    @Test
    void decodesDirectBuffers() throws MalformedPacketException {
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put(Wire.opcode(4).u16(7).array()).flip();
        assertEquals(new TftpPacket.Ack(7), TftpCodec.decode(direct));
    }

    @Test
    void encodingDataDoesNotMoveThePayload() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3});
        payload.position(1);
        ByteBuffer wire = TftpCodec.encode(new TftpPacket.Data(1, payload));
        assertArrayEquals(new byte[] {0, 3, 0, 1, 2, 3}, Wire.array(wire));
        assertEquals(1, payload.position());
    }

    @Test
    void putDataHeaderWritesOpcodeAndBlockAndAdvances() {
        ByteBuffer buf = ByteBuffer.allocate(TftpCodec.DATA_HEADER + 2);
        TftpCodec.putDataHeader(buf, 0xABCD);
        assertEquals(TftpCodec.DATA_HEADER, buf.position());
        buf.put((byte) 1).put((byte) 2).flip();
        assertArrayEquals(new byte[] {0, 3, (byte) 0xAB, (byte) 0xCD, 1, 2}, Wire.array(buf));
        assertThrows(IllegalArgumentException.class, () -> TftpCodec.putDataHeader(ByteBuffer.allocate(4), 65536));
    }

    @Test
    void errorMessagesAreMadeSafeForTheWire() throws MalformedPacketException {
        // Exception texts end up here: a NUL or a non-Latin-1 character must not corrupt the datagram.
        ByteBuffer wire = TftpCodec.encode(new TftpPacket.ErrorPacket(0, "a\0b\u20ac"));
        assertArrayEquals(Wire.opcode(5).u16(0).str("a?b?").array(), Wire.array(wire));
        String longMessage = "x".repeat(5000);
        TftpPacket.ErrorPacket e = assertInstanceOf(TftpPacket.ErrorPacket.class,
                TftpCodec.decode(TftpCodec.encode(new TftpPacket.ErrorPacket(0, longMessage))));
        assertEquals(TftpCodec.MAX_ERROR_MESSAGE, e.message().length());
    }

    @Test
    void nonLatin1OptionTextShrinksConsistently() throws MalformedPacketException {
        // A surrogate pair becomes one '?': the encoder must not leave stray bytes behind.
        ByteBuffer wire = TftpCodec.encode(new TftpPacket.OptionAck(Map.of("x\uD83D\uDE00", "v")));
        assertEquals(Map.of("x?", "v"), ((TftpPacket.OptionAck) TftpCodec.decode(wire)).options());
    }
}
