package net.diskless.rpc.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;

/**
 * Wraps a program so that arguments it cannot decode get GARBAGE_ARGS and one rate-limited log line per peer,
 * instead of oncrpc4j's unlimited WARN per call; a bug (RuntimeException) gets SYSTEM_ERR and is logged too.
 */
record GuardedProgram(String name, RpcDispatchable program, PeerLog peerLog) implements RpcDispatchable {

    @Override
    public void dispatchOncRpcCall(RpcCall call) {
        try {
            program.dispatchOncRpcCall(call);
        } catch (IOException e) {
            log(call, "garbage arguments: " + e.getMessage());
            call.failRpcGarbage();
        } catch (RuntimeException e) {
            log(call, "failed: " + e);
            call.failRpcSystem();
        }
    }

    private void log(RpcCall call, String what) {
        InetSocketAddress peer = call.getTransport().getRemoteSocketAddress();
        peerLog.warn(peer.getAddress(), "{}: {} program {} v{} procedure {} {}", name, peer,
                Integer.toUnsignedString(call.getProgram()), Integer.toUnsignedString(call.getProgramVersion()),
                Integer.toUnsignedString(call.getProcedure()), what);
    }
}
