package net.diskless.tftp.internal.codec;

/**
 * A datagram that is not a TFTP packet this codec accepts. The message is a short reason ("truncated ACK",
 * "unknown opcode 9") that never holds more than about 40 escaped characters of the datagram, so it can be
 * logged and sent back in an ERROR packet as is.
 */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String reason) {
        // No stack trace: this is thrown for every junk datagram, and the reason says all there is to say.
        super(reason, null, false, false);
    }
}
