package net.diskless.tftp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TftpPacketTest {

    @Test
    void optionNamesAreLowerCasedInOrderAndTheFirstSpellingWins() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("TSize", "0");
        raw.put("BLKSIZE", "1468");
        raw.put("tsize", "99");
        raw.put("windowSize", "Eight");
        TftpPacket.ReadRequest r = new TftpPacket.ReadRequest("f", TransferMode.OCTET, raw);
        assertEquals(List.of("tsize", "blksize", "windowsize"), List.copyOf(r.options().keySet()));
        assertEquals("0", r.options().get("tsize"));
        assertEquals("Eight", r.options().get("windowsize")); // values as sent
    }

    @Test
    void optionsAreADefensiveUnmodifiableCopy() {
        Map<String, String> raw = new LinkedHashMap<>(Map.of("blksize", "512"));
        TftpPacket.OptionAck oack = new TftpPacket.OptionAck(raw);
        raw.put("tsize", "1");
        assertEquals(Map.of("blksize", "512"), oack.options());
        assertThrows(UnsupportedOperationException.class, () -> oack.options().put("x", "y"));
    }

    @Test
    void nulInsideAStringIsRefusedBecauseItWouldChangeThePacket() {
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.ReadRequest("a\0b", TransferMode.OCTET));
        assertThrows(IllegalArgumentException.class,
                () -> new TftpPacket.OptionAck(Map.of("blksize", "5\0" + "12")));
    }

    @Test
    void blockNumbersAndErrorCodesAreSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.Ack(-1));
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.Ack(65536));
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.Data(65536, ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> new TftpPacket.ErrorPacket(65536, ""));
        assertEquals(65535, new TftpPacket.Ack(65535).block());
    }

    @Test
    void opcodes() {
        assertEquals(Opcodes.RRQ, new TftpPacket.ReadRequest("f", TransferMode.OCTET).opcode());
        assertEquals(Opcodes.WRQ, new TftpPacket.WriteRequest("f", TransferMode.OCTET, Map.of()).opcode());
        assertEquals(Opcodes.DATA, new TftpPacket.Data(1, ByteBuffer.allocate(0)).opcode());
        assertEquals(Opcodes.ACK, new TftpPacket.Ack(1).opcode());
        assertEquals(Opcodes.ERROR, new TftpPacket.ErrorPacket(1, "").opcode());
        assertEquals(Opcodes.OACK, new TftpPacket.OptionAck(Map.of()).opcode());
        assertEquals("OACK", Opcodes.name(6));
        assertEquals("opcode 9", Opcodes.name(9));
    }

    @Test
    void modesParseCaseInsensitively() {
        assertEquals(Optional.of(TransferMode.OCTET), TransferMode.parse("OcTeT"));
        assertEquals(Optional.of(TransferMode.NETASCII), TransferMode.parse("NETASCII"));
        assertEquals(Optional.of(TransferMode.MAIL), TransferMode.parse("mail"));
        assertEquals(Optional.empty(), TransferMode.parse("binary"));
        assertEquals(Optional.empty(), TransferMode.parse(""));
        assertEquals("netascii", TransferMode.NETASCII.wireName());
    }

    @Test
    void errorCodeConstants() {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), List.of(ErrorCodes.NOT_DEFINED, ErrorCodes.FILE_NOT_FOUND,
                ErrorCodes.ACCESS_VIOLATION, ErrorCodes.DISK_FULL, ErrorCodes.ILLEGAL_OPERATION,
                ErrorCodes.UNKNOWN_TID, ErrorCodes.FILE_EXISTS, ErrorCodes.NO_SUCH_USER, ErrorCodes.OPTION_REJECTED));
        assertEquals("file not found", ErrorCodes.describe(1));
        assertEquals("error 42", ErrorCodes.describe(42));
    }

    @Test
    void dataToStringDoesNotDumpThePayload() {
        assertEquals("Data[block=7, 3 bytes]", new TftpPacket.Data(7, ByteBuffer.wrap(new byte[3])).toString());
    }

    @Test
    void printableEscapesAndCuts() {
        assertEquals("a\\x0a\\x00\\\"\\\\\\u20ac", Printable.escape("a\n\0\"\\\u20ac", 40));
        assertEquals("abc...", Printable.escape("abcdef", 3));
        assertEquals("abc", Printable.escape("abc", 3));
        assertEquals("a...", Printable.escape("a\n", 4), "an escape is never split");
        assertEquals(43, Printable.escape("\u0001".repeat(100), 40).length(), "bounded output, not input");
        assertEquals("null", Printable.escape(null, 3));
    }
}
