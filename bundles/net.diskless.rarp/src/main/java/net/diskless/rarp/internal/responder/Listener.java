package net.diskless.rarp.internal.responder;

import java.net.Inet4Address;
import net.diskless.api.MacAddress;
import net.diskless.rarp.internal.codec.RarpFrame;

/** What the responder did, for logs and boot events. Called on capture and scheduler threads. */
public interface Listener {

    /** A reverse request arrived on {@code link}. */
    void requestSeen(Link link, RarpFrame request);

    /** Neither ethers nor hosts know {@code mac}: never answered. */
    void unknown(Link link, MacAddress mac, String reason);

    /**
     * A reply went out: at once ({@code delayMillis} 0, {@code why} names the boot file or the policy) or
     * after the delay ({@code absorbed} later requests were answered by this one reply).
     */
    void replied(Link link, MacAddress mac, Reply reply, long delayMillis, int absorbed);

    /** A reply is on its way after {@code delayMillis}; a further request for it is absorbed. */
    void delayed(Link link, MacAddress mac, Reply reply, long delayMillis, boolean alreadyPending);

    /** A known client was not answered, and why (policy NEVER, no address on its subnet, send failed...). */
    void notAnswered(Link link, MacAddress mac, String reason);

    /** The answer to a request: who the client is and why it is answered when it is. */
    record Reply(String hostname, Inet4Address clientIp, Inet4Address serverIp, String why, byte[] frame) {
    }
}
