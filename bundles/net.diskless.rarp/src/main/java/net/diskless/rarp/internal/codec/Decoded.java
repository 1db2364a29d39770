package net.diskless.rarp.internal.codec;

/**
 * What a captured frame turned out to be. Only a {@link Request} is answered; {@link Ignored} frames are
 * normal traffic not meant for a server (another server's reply), {@link Malformed} ones are worth a
 * (rate-limited) warning with their reason.
 */
public sealed interface Decoded {

    record Request(RarpFrame frame) implements Decoded {
    }

    record Ignored(String reason) implements Decoded {
    }

    record Malformed(String reason) implements Decoded {
    }
}
