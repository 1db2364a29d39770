package net.diskless.tftp.internal.codec;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;

/**
 * One TFTP datagram, decoded. Strings are ISO-8859-1 (the wire's bytes one to one); option names are lower case
 * and keep the sender's order; option values are as sent.
 */
public sealed interface TftpPacket {

    /** The opcode this packet is sent with (see {@link Opcodes}). */
    int opcode();

    /** RFC 1350 read request, with RFC 2347 options (empty when none were sent). */
    record ReadRequest(String filename, TransferMode mode, Map<String, String> options) implements TftpPacket {
        public ReadRequest {
            Options.requireNoNul(Objects.requireNonNull(filename, "filename"), "filename");
            Objects.requireNonNull(mode, "mode");
            options = Options.copy(options);
        }

        public ReadRequest(String filename, TransferMode mode) {
            this(filename, mode, Map.of());
        }

        @Override
        public int opcode() {
            return Opcodes.RRQ;
        }
    }

    /** RFC 1350 write request; decoded so the server can refuse it properly. */
    record WriteRequest(String filename, TransferMode mode, Map<String, String> options) implements TftpPacket {
        public WriteRequest {
            Options.requireNoNul(Objects.requireNonNull(filename, "filename"), "filename");
            Objects.requireNonNull(mode, "mode");
            options = Options.copy(options);
        }

        @Override
        public int opcode() {
            return Opcodes.WRQ;
        }
    }

    /**
     * A data block. Block numbers are the 16 bits on the wire (0..65535); rolling over is the transfer's business.
     * A decoded payload is a read-only view of the datagram, not a copy: it is valid as long as that buffer is.
     * {@code equals} compares the payloads' remaining bytes.
     */
    record Data(int block, ByteBuffer payload) implements TftpPacket {
        public Data {
            TftpCodec.checkBlock(block);
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public int opcode() {
            return Opcodes.DATA;
        }

        @Override
        public String toString() {
            return "Data[block=" + block + ", " + payload.remaining() + " bytes]";
        }
    }

    /** Acknowledges a data block (or, with block 0, an OACK). */
    record Ack(int block) implements TftpPacket {
        public Ack {
            TftpCodec.checkBlock(block);
        }

        @Override
        public int opcode() {
            return Opcodes.ACK;
        }
    }

    /**
     * An error; ends the transfer. {@code code} is any 16-bit value ({@link ErrorCodes} has the defined ones).
     * The message is free text: when encoded, a NUL or a character outside ISO-8859-1 becomes '?', and it is cut
     * at {@link TftpCodec#MAX_ERROR_MESSAGE} bytes, so any exception text can be sent safely.
     */
    record ErrorPacket(int code, String message) implements TftpPacket {
        public ErrorPacket {
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("error code must be 0..65535, not " + code);
            }
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int opcode() {
            return Opcodes.ERROR;
        }
    }

    /** RFC 2347 option acknowledgement: the options the server accepted, with the values it chose. */
    record OptionAck(Map<String, String> options) implements TftpPacket {
        public OptionAck {
            options = Options.copy(options);
        }

        @Override
        public int opcode() {
            return Opcodes.OACK;
        }
    }
}
