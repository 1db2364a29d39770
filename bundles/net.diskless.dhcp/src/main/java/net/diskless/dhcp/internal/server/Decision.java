package net.diskless.dhcp.internal.server;

import java.util.List;
import net.diskless.api.leases.Lease;
import net.diskless.dhcp.internal.codec.DhcpMessage;

/** What the responder decided for one request. */
public sealed interface Decision {

    /**
     * Nothing to send. {@code reason} says why; {@code logged} is false for what is normal on a shared
     * segment (a client that chose another server, a client nobody configured), true for what an
     * operator should see (rate limited per peer by the server).
     */
    record Ignore(String reason, boolean logged) implements Decision {
    }

    /** Nothing to send, but a lease change to make durable (RELEASE, DECLINE). */
    record Record(Lease lease, String what) implements Decision {
    }

    /**
     * A reply to {@code destination}:{@code port}. When {@code lease} is not null it is stored durably
     * first and the reply sent only once that succeeded. {@code delayMs} holds the reply back (an OFFER to
     * a client this server cannot boot).
     *
     * @param maxLength the longest message the client accepts (option 57, or 576 - 28)
     * @param preferredLength the length to fit in before growing (300 for BOOTP)
     */
    record Reply(DhcpMessage message, int destination, int port, Lease lease, long delayMs, int preferredLength,
                 int maxLength, Summary summary) implements Decision {
    }

    /** For the log line and the boot event of a reply. */
    record Summary(String type, String client, int ip, String architecture, String bootFile, String reason) {
    }

    static List<String> none() {
        return List.of();
    }
}
