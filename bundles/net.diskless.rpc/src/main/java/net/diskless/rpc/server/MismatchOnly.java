package net.diskless.rpc.server;

import java.util.Set;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;

/**
 * A version registered only to be refused: PROG_MISMATCH with the versions really served, except for the
 * procedures in {@code silent}, which get no reply at all (broadcast procedures: every error reply to a broadcast
 * is noise on the net). Ignored when {@link ProgramTable} works out the version range of a program.
 */
public record MismatchOnly(int low, int high, Set<Integer> silent) implements RpcDispatchable {

    public MismatchOnly {
        silent = Set.copyOf(silent);
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) {
        if (!silent.contains(call.getProcedure())) {
            call.failProgramMismatch(low, high);
        }
    }
}
