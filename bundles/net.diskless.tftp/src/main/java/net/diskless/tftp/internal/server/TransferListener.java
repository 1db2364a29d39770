package net.diskless.tftp.internal.server;

import java.net.InetSocketAddress;
import java.util.Map;

/** Told of every transfer's steps: the component turns them into log lines and boot events. */
public interface TransferListener {

    void started(InetSocketAddress peer, String requested, String resolvedRule, Map<String, String> options);

    void optionsAcknowledged(InetSocketAddress peer, String requested, Map<String, String> oack);

    void completed(InetSocketAddress peer, String requested, long bytes, long durationMillis);

    /** An upload stored under its name. */
    default void stored(InetSocketAddress peer, String requested, long bytes, long durationMillis) {
        completed(peer, requested, bytes, durationMillis);
    }

    /** The client stopped after learning the size (UEFI asks tsize, then aborts with error 8): normal. */
    void probed(InetSocketAddress peer, String requested);

    void failed(InetSocketAddress peer, String requested, String reason);

    /** A request that never became a transfer: malformed, denied, busy. */
    void refused(InetSocketAddress peer, String requested, String reason);
}
