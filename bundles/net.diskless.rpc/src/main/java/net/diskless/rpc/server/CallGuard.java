package net.diskless.rpc.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.rpc.RpcMessageType;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * Between the record parser and oncrpc4j's protocol filter: drops what cannot be a call before oncrpc4j
 * decodes it. oncrpc4j throws out of its filter on a message shorter than its header (grizzly then logs a
 * stack trace per datagram) and logs every stray reply at WARN with a stack trace; here each is logged
 * once per peer and interval instead.
 */
final class CallGuard extends BaseFilter {

    /** xid, type, rpcvers, prog, vers, proc, cred (flavor, length 0), verifier (flavor, length 0). */
    static final int SMALLEST_CALL = 40;

    private final PeerLog peerLog;
    private final String name;

    CallGuard(String name, PeerLog peerLog) {
        this.name = name;
        this.peerLog = peerLog;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Xdr xdr = ctx.getMessage();
        String problem = check(xdr.asBuffer());
        if (problem != null) {
            if (ctx.getAddress() instanceof InetSocketAddress p) {
                peerLog.warn(p.getAddress(), "{}: {} message dropped: {}", name, p, problem);
            }
            xdr.close();
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    /** Why this message is no call, or null. Pure. */
    static String check(Buffer message) {
        int length = message.remaining();
        if (length < 8) {
            return "only " + length + " bytes";
        }
        int type = message.getInt(message.position() + 4);
        if (type != RpcMessageType.CALL) {
            return type == RpcMessageType.REPLY ? "a reply, not a call" : "message type " + type;
        }
        if (length < SMALLEST_CALL) {
            return "call of only " + length + " bytes";
        }
        return null;
    }
}
