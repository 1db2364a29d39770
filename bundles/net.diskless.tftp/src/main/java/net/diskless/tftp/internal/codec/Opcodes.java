package net.diskless.tftp.internal.codec;

/** TFTP opcodes: RFC 1350 (1..5) and RFC 2347 (6), the first two bytes of every datagram, big-endian. */
public final class Opcodes {

    public static final int RRQ = 1;
    public static final int WRQ = 2;
    public static final int DATA = 3;
    public static final int ACK = 4;
    public static final int ERROR = 5;
    public static final int OACK = 6;

    private Opcodes() {
    }

    /** The RFC name of an opcode, or its number when it has none: for log lines and error reasons. */
    public static String name(int opcode) {
        return switch (opcode) {
            case RRQ -> "RRQ";
            case WRQ -> "WRQ";
            case DATA -> "DATA";
            case ACK -> "ACK";
            case ERROR -> "ERROR";
            case OACK -> "OACK";
            default -> "opcode " + opcode;
        };
    }
}
