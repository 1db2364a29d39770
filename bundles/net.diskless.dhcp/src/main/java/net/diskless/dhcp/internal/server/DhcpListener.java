package net.diskless.dhcp.internal.server;

import java.net.InetSocketAddress;
import net.diskless.api.leases.Lease;
import net.diskless.dhcp.internal.codec.DhcpMessage;

/** What the server tells its component: for logs and boot events. Called on the server's event loop. */
public interface DhcpListener {

    /** A well-formed request arrived (before any decision). */
    void received(DhcpMessage request, InetSocketAddress peer);

    /** A reply went out. */
    void replied(DhcpMessage request, Decision.Summary summary, InetSocketAddress to);

    /** A lease change (RELEASE, DECLINE) is durable. */
    void recorded(Lease lease, String what);

    /** Input refused or a request not answered for a reason worth logging; the server rate-limits per peer. */
    void refused(InetSocketAddress peer, String reason);

    /** Something went wrong on our side (the lease store failed): always worth an error line. */
    void failed(String what);
}
