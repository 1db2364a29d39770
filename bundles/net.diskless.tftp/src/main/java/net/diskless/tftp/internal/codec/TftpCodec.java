package net.diskless.tftp.internal.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes and encodes TFTP datagrams (RFC 1350, 2347). Pure: no I/O, no state, safe from any thread.
 *
 * <p>Decoding is the server's first line of defence, so it is strict where a lax reading could be abused
 * (lengths, counts, control characters in file names) and lenient only where real clients are sloppy
 * (a dangling or unterminated last option, a missing NUL after an ERROR message, bytes after an ACK).
 */
public final class TftpCodec {

    /** Opcode and block number in front of every DATA payload. */
    public static final int DATA_HEADER = 4;
    /** Longest file name accepted, in bytes. Boot file names are short; this bounds what gets logged and resolved. */
    public static final int MAX_FILENAME = 512;
    /** Longest option name accepted, in bytes (the longest defined one, "windowsize", has 10). */
    public static final int MAX_OPTION_NAME = 64;
    /** Longest option value accepted, in bytes (numbers have at most 10 digits). */
    public static final int MAX_OPTION_VALUE = 256;
    /** Most options accepted in one request or OACK (only four are defined). */
    public static final int MAX_OPTIONS = 32;
    /** ERROR messages longer than this many bytes are cut, both ways, so they stay loggable and fit a datagram. */
    public static final int MAX_ERROR_MESSAGE = 512;

    /** How much of a peer's string a reason may quote. */
    private static final int QUOTE = 40;

    private TftpCodec() {
    }

    /**
     * Decodes the bytes from {@code datagram}'s position to its limit, without moving the position.
     * A DATA payload is a read-only view of {@code datagram}, not a copy.
     *
     * @throws MalformedPacketException with a short printable reason when the bytes are not a packet
     */
    public static TftpPacket decode(ByteBuffer datagram) throws MalformedPacketException {
        int start = datagram.position();
        int end = datagram.limit();
        int length = end - start;
        if (length < 2) {
            throw new MalformedPacketException(length == 0 ? "empty datagram" : "truncated opcode");
        }
        int opcode = u16(datagram, start);
        int pos = start + 2;
        return switch (opcode) {
            case Opcodes.RRQ, Opcodes.WRQ -> request(datagram, pos, end, opcode);
            case Opcodes.DATA -> {
                requireHeader(length, "DATA");
                yield new TftpPacket.Data(u16(datagram, pos),
                        datagram.slice(start + DATA_HEADER, length - DATA_HEADER).asReadOnlyBuffer());
            }
            case Opcodes.ACK -> {
                requireHeader(length, "ACK");
                yield new TftpPacket.Ack(u16(datagram, pos)); // bytes after the block number are ignored
            }
            case Opcodes.ERROR -> {
                requireHeader(length, "ERROR");
                yield error(datagram, pos + 2, end, u16(datagram, pos));
            }
            case Opcodes.OACK -> new TftpPacket.OptionAck(options(datagram, pos, end));
            default -> throw new MalformedPacketException("unknown opcode " + opcode);
        };
    }

    private static void requireHeader(int length, String type) throws MalformedPacketException {
        if (length < DATA_HEADER) {
            throw new MalformedPacketException("truncated " + type);
        }
    }

    private static TftpPacket request(ByteBuffer b, int pos, int end, int opcode) throws MalformedPacketException {
        String type = Opcodes.name(opcode);
        int nul = indexOfNul(b, pos, end);
        int nameLength = (nul < 0 ? end : nul) - pos;
        if (nameLength > MAX_FILENAME) {
            throw new MalformedPacketException("filename too long");
        }
        if (nul < 0) {
            throw new MalformedPacketException(nameLength == 0 ? "truncated " + type : "unterminated filename");
        }
        if (nameLength == 0) {
            throw new MalformedPacketException("empty filename");
        }
        for (int i = pos; i < nul; i++) {
            int c = b.get(i) & 0xFF;
            if (c < 0x20 || c == 0x7F) {
                throw new MalformedPacketException("control character in filename");
            }
        }
        String filename = latin1(b, pos, nul);

        pos = nul + 1;
        nul = indexOfNul(b, pos, end);
        if (nul < 0) {
            throw new MalformedPacketException(pos == end ? "missing mode" : "unterminated mode");
        }
        // A mode is short: of a long string only what a reason may quote is copied.
        String modeName = latin1(b, pos, Math.min(nul, pos + QUOTE + 1));
        TransferMode mode = TransferMode.parse(modeName).orElseThrow(
                () -> new MalformedPacketException("unknown mode \"" + Printable.escape(modeName, QUOTE) + "\""));

        Map<String, String> options = options(b, nul + 1, end);
        return opcode == Opcodes.RRQ
                ? new TftpPacket.ReadRequest(filename, mode, options)
                : new TftpPacket.WriteRequest(filename, mode, options);
    }

    /**
     * RFC 2347 name/value pairs up to the end. Lengths are checked before anything is copied, so a huge value costs
     * one scan. Some clients pad the request with NULs or end it sloppily, hence: empty names are skipped, and an
     * incomplete last pair (a name without value, or a value without its NUL) is ignored rather than refused.
     * A name sent twice (in any case) keeps its first value.
     */
    private static Map<String, String> options(ByteBuffer b, int pos, int end) throws MalformedPacketException {
        Map<String, String> options = null;
        int count = 0;
        while (pos < end) {
            int nameEnd = indexOfNul(b, pos, end);
            if ((nameEnd < 0 ? end : nameEnd) - pos > MAX_OPTION_NAME) {
                throw new MalformedPacketException("option name too long");
            }
            if (nameEnd < 0 || nameEnd + 1 >= end) {
                break; // a trailing name without a value
            }
            int valueStart = nameEnd + 1;
            int valueEnd = indexOfNul(b, valueStart, end);
            if ((valueEnd < 0 ? end : valueEnd) - valueStart > MAX_OPTION_VALUE) {
                throw new MalformedPacketException("option value too long");
            }
            if (valueEnd < 0) {
                break; // a trailing value without its NUL: possibly cut short, so not trusted
            }
            if (nameEnd > pos) {
                if (++count > MAX_OPTIONS) {
                    throw new MalformedPacketException("too many options");
                }
                if (options == null) {
                    options = new LinkedHashMap<>();
                }
                options.putIfAbsent(latin1(b, pos, nameEnd).toLowerCase(Locale.ROOT), latin1(b, valueStart, valueEnd));
            }
            pos = valueEnd + 1;
        }
        return options == null ? Map.of() : Collections.unmodifiableMap(options);
    }

    private static TftpPacket error(ByteBuffer b, int pos, int end, int code) {
        int nul = indexOfNul(b, pos, end);
        int stop = nul < 0 ? end : nul; // a missing final NUL is tolerated: the message is the rest
        return new TftpPacket.ErrorPacket(code, latin1(b, pos, Math.min(stop, pos + MAX_ERROR_MESSAGE)));
    }

    /** Encodes any packet into a new heap buffer, positioned at 0 and ready to be read or wrapped. */
    public static ByteBuffer encode(TftpPacket packet) {
        Objects.requireNonNull(packet, "packet");
        if (packet instanceof TftpPacket.ReadRequest r) {
            return request(Opcodes.RRQ, r.filename(), r.mode(), r.options());
        } else if (packet instanceof TftpPacket.WriteRequest w) {
            return request(Opcodes.WRQ, w.filename(), w.mode(), w.options());
        } else if (packet instanceof TftpPacket.Data d) {
            ByteBuffer payload = d.payload().duplicate(); // the caller's position stays where it was
            ByteBuffer out = ByteBuffer.allocate(DATA_HEADER + payload.remaining());
            putDataHeader(out, d.block());
            return out.put(payload).flip();
        } else if (packet instanceof TftpPacket.Ack a) {
            return ByteBuffer.allocate(4).putShort((short) Opcodes.ACK).putShort((short) a.block()).flip();
        } else if (packet instanceof TftpPacket.ErrorPacket e) {
            byte[] message = errorMessageBytes(e.message());
            return ByteBuffer.allocate(4 + message.length + 1)
                    .putShort((short) Opcodes.ERROR).putShort((short) e.code()).put(message).put((byte) 0).flip();
        } else if (packet instanceof TftpPacket.OptionAck o) {
            byte[] options = optionBytes(o.options());
            return ByteBuffer.allocate(2 + options.length).putShort((short) Opcodes.OACK).put(options).flip();
        }
        throw new IllegalArgumentException("unknown packet " + packet.getClass()); // unreachable: the type is sealed
    }

    /**
     * Writes the DATA opcode and {@code block} at {@code buffer}'s position and moves it on by {@link #DATA_HEADER},
     * so the payload can be read straight behind it (zero copy).
     *
     * @param block 0..65535: the caller wraps the transfer's block counter (RFC 1350 numbers roll over)
     */
    public static void putDataHeader(ByteBuffer buffer, int block) {
        checkBlock(block);
        buffer.putShort((short) Opcodes.DATA).putShort((short) block);
    }

    static void checkBlock(int block) {
        if (block < 0 || block > 0xFFFF) {
            throw new IllegalArgumentException("block must be 0..65535, not " + block);
        }
    }

    private static ByteBuffer request(int opcode, String filename, TransferMode mode, Map<String, String> options) {
        byte[] name = filename.getBytes(ISO_8859_1);
        byte[] modeName = mode.wireName().getBytes(ISO_8859_1);
        byte[] optionBytes = optionBytes(options);
        return ByteBuffer.allocate(2 + name.length + 1 + modeName.length + 1 + optionBytes.length)
                .putShort((short) opcode).put(name).put((byte) 0).put(modeName).put((byte) 0).put(optionBytes).flip();
    }

    private static byte[] optionBytes(Map<String, String> options) {
        // Through a stream of bytes rather than a precomputed size: unmappable surrogate pairs shrink to one '?'.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        options.forEach((name, value) -> {
            out.writeBytes(name.getBytes(ISO_8859_1));
            out.write(0);
            out.writeBytes(value.getBytes(ISO_8859_1));
            out.write(0);
        });
        return out.toByteArray();
    }

    /** Free text made safe for the wire: a NUL would end the message early, so it becomes '?', like unmappables. */
    private static byte[] errorMessageBytes(String message) {
        String cut = message.length() > MAX_ERROR_MESSAGE ? message.substring(0, MAX_ERROR_MESSAGE) : message;
        return cut.replace('\0', '?').getBytes(ISO_8859_1);
    }

    private static int u16(ByteBuffer b, int index) {
        return b.getShort(index) & 0xFFFF;
    }

    private static int indexOfNul(ByteBuffer b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b.get(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** ISO-8859-1 maps every byte to one char, so decoding can never fail. */
    private static String latin1(ByteBuffer b, int from, int to) {
        byte[] bytes = new byte[to - from];
        b.get(from, bytes);
        return new String(bytes, ISO_8859_1);
    }
}
