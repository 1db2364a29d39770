package net.diskless.rpc.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.dcache.oncrpc4j.rpc.RpcProtocolFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * oncrpc4j's protocol filter, with what it lets escape (an IOException from a credential it cannot decode)
 * turned into a dropped message: an exception leaving a filter is logged by grizzly with a stack trace and,
 * on UDP, must never reach the one server connection every client shares.
 */
final class ProtocolFilter extends RpcProtocolFilter {

    private final PeerLog peerLog;
    private final String name;

    ProtocolFilter(String name, ReplyQueue replies, PeerLog peerLog) {
        super(replies);
        this.name = name;
        this.peerLog = peerLog;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        try {
            return super.handleRead(ctx);
        } catch (IOException | RuntimeException e) {
            if (ctx.getAddress() instanceof InetSocketAddress p) {
                peerLog.warn(p.getAddress(), "{}: {} call dropped: {}", name, p, e.toString());
            }
            return ctx.getStopAction();
        }
    }
}
