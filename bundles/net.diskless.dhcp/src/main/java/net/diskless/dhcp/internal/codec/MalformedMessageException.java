package net.diskless.dhcp.internal.codec;

/**
 * A datagram that is not a BOOTP/DHCP message this codec accepts. The message is a short reason
 * ("truncated: 100 bytes, a BOOTP header needs 236", "option 53 has length 2, must be 1") fit for one
 * log line as is.
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason) {
        // No stack trace: thrown for every junk datagram, and the reason says all there is to say.
        super(reason, null, false, false);
    }
}
