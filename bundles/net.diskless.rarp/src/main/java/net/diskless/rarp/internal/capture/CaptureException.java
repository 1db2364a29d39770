package net.diskless.rarp.internal.capture;

/** A capture could not be opened; the message says why in an operator's terms (permission, libpcap, interface). */
public final class CaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
