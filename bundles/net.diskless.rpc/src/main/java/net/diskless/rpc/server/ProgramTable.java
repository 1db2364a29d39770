package net.diskless.rpc.server;

import java.util.concurrent.ConcurrentHashMap;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;

/**
 * The programs a server dispatches to. oncrpc4j's dispatcher answers PROG_UNAVAIL to any program/version
 * pair it does not hold; RFC 5531 wants PROG_MISMATCH with the lowest and highest version served when the
 * program is there in other versions — and libtirpc clients depend on it: they ask rpcbind version 4
 * first and fall back to 3 and 2 only on PROG_MISMATCH.
 */
final class ProgramTable extends ConcurrentHashMap<OncRpcProgram, RpcDispatchable> {

    private static final long serialVersionUID = 1L;

    @Override
    public RpcDispatchable get(Object key) {
        RpcDispatchable handler = super.get(key);
        if (handler != null || !(key instanceof OncRpcProgram wanted)) {
            return handler;
        }
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (var e : entrySet()) {
            OncRpcProgram p = e.getKey();
            RpcDispatchable h = e.getValue() instanceof GuardedProgram g ? g.program() : e.getValue();
            if (p.getNumber() == wanted.getNumber() && !(h instanceof MismatchOnly)) {
                low = Math.min(low, Integer.toUnsignedLong(p.getVersion()));
                high = Math.max(high, Integer.toUnsignedLong(p.getVersion()));
            }
        }
        if (low > high) {
            return null; // not served at all: PROG_UNAVAIL
        }
        int min = (int) low;
        int max = (int) high;
        return call -> call.failProgramMismatch(min, max);
    }
}
