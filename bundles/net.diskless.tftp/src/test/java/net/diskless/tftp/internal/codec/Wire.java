package net.diskless.tftp.internal.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builds datagrams byte by byte, so tests state exactly what is on the wire. */
final class Wire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Wire opcode(int opcode) {
        return new Wire().u16(opcode);
    }

    Wire u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    /** The string's ISO-8859-1 bytes, without a terminator. */
    Wire raw(String s) {
        out.writeBytes(s.getBytes(ISO_8859_1));
        return this;
    }

    /** The string's bytes and a NUL. */
    Wire str(String s) {
        return raw(s).nul();
    }

    Wire nul() {
        out.write(0);
        return this;
    }

    Wire bytes(byte... b) {
        out.writeBytes(b);
        return this;
    }

    byte[] array() {
        return out.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(array());
    }

    static byte[] array(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** Asserts decoding fails and returns the reason, checking it is short and printable. */
    static String malformed(byte[] datagram) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> TftpCodec.decode(ByteBuffer.wrap(datagram)), () -> "decoded " + hex(datagram));
        checkReason(e);
        return e.getMessage();
    }

    static void checkReason(MalformedPacketException e) {
        String reason = e.getMessage();
        assertTrue(reason != null && !reason.isEmpty() && reason.length() <= 100, () -> "reason: " + reason);
        assertTrue(reason.chars().allMatch(c -> c >= 0x20 && c < 0x7F), () -> "not printable: " + reason);
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : Arrays.copyOf(b, Math.min(b.length, 200))) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s + (b.length > 200 ? "... (" + b.length + " bytes)" : "");
    }
}
