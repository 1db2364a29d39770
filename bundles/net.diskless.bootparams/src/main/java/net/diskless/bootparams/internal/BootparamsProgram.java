package net.diskless.bootparams.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import net.diskless.api.directory.Directory;
import net.diskless.bootparams.internal.codec.Bootparam;
import net.diskless.bootparams.internal.codec.GetfileArgs;
import net.diskless.bootparams.internal.codec.GetfileResult;
import net.diskless.bootparams.internal.codec.WhoamiArgs;
import net.diskless.bootparams.internal.codec.WhoamiResult;
import net.diskless.bootparams.internal.logic.BootparamsLogic;
import net.diskless.bootparams.internal.logic.Getfile;
import net.diskless.bootparams.internal.logic.Outcome;
import net.diskless.bootparams.internal.logic.Whoami;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrVoid;

/** Program 100026 version 1 on oncrpc4j: decodes, asks {@link BootparamsLogic}, replies or stays silent. */
final class BootparamsProgram implements RpcDispatchable {

    /** Told about every question and its outcome: logs and boot events. */
    interface Listener {
        void whoami(InetSocketAddress peer, WhoamiArgs args, Outcome<Whoami> outcome);

        void getfile(InetSocketAddress peer, GetfileArgs args, Outcome<Getfile> outcome);
    }

    private final BootparamsLogic logic;
    private final Supplier<Directory> directory;
    private final Listener listener;

    BootparamsProgram(BootparamsLogic logic, Supplier<Directory> directory, Listener listener) {
        this.logic = logic;
        this.directory = directory;
        this.listener = listener;
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws OncRpcException, IOException {
        InetSocketAddress peer = call.getTransport().getRemoteSocketAddress();
        switch (call.getProcedure()) {
            case Bootparam.NULL -> call.reply(XdrVoid.XDR_VOID);
            case Bootparam.WHOAMI -> {
                WhoamiArgs args = new WhoamiArgs();
                call.retrieveCall(args);
                Directory d = directory.get();
                Outcome<Whoami> outcome = d == null ? new Outcome.Silent<>("no directory service", "")
                        : logic.whoami(d, args.client());
                if (outcome instanceof Outcome.Answer<Whoami> a) {
                    Whoami w = a.value();
                    call.reply(new WhoamiResult(w.hostname(), w.domain(), w.router()));
                }
                listener.whoami(peer, args, outcome);
            }
            case Bootparam.GETFILE -> {
                GetfileArgs args = new GetfileArgs();
                call.retrieveCall(args);
                Directory d = directory.get();
                Outcome<Getfile> outcome = d == null ? new Outcome.Silent<>("no directory service", args.clientName())
                        : logic.getfile(d, args.clientName(), args.fileId());
                if (outcome instanceof Outcome.Answer<Getfile> a) {
                    Getfile g = a.value();
                    call.reply(new GetfileResult(g.serverName(), g.serverAddress(), g.path()));
                }
                listener.getfile(peer, args, outcome);
            }
            default -> call.failProcedureUnavailable();
        }
    }
}
