package net.diskless.rpc.internal.portmap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import net.diskless.api.rpc.RpcMapping;
import net.diskless.api.rpc.RpcProtocol;
import net.diskless.rpc.server.PeerLog;
import org.dcache.oncrpc4j.portmap.Port;
import org.dcache.oncrpc4j.portmap.mapping;
import org.dcache.oncrpc4j.portmap.pmaplist;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.xdr.XdrBoolean;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.slf4j.Logger;

/**
 * Portmap version 2 (RFC 1833 §3): NULL, SET, UNSET, GETPORT, DUMP and CALLIT over the {@link MappingTable},
 * with oncrpc4j's XDR types for mappings. SET and UNSET are taken from local processes only; CALLIT is
 * forwarded to the registered UDP service and answered only when it succeeds (portmap's rule, which keeps
 * broadcasts quiet), never to the portmapper itself.
 */
public final class PortmapProgram implements RpcDispatchable {

    public static final int PROGRAM = 100000;
    public static final int VERSION = 2;
    static final int NULL = 0;
    static final int SET = 1;
    static final int UNSET = 2;
    static final int GETPORT = 3;
    static final int DUMP = 4;
    public static final int CALLIT = 5;

    private final MappingTable table;
    private final CallitForwarder forwarder;
    private final PeerLog peerLog;
    private final Logger log;
    private final int ownUdpPort;
    private final CallitListener listener;

    /** Told about every CALLIT and what became of it (for logs and tests). */
    public interface CallitListener {
        void forwarded(InetSocketAddress caller, CallitArgs call, int port);

        void dropped(InetSocketAddress caller, CallitArgs call, String reason);
    }

    public PortmapProgram(MappingTable table, CallitForwarder forwarder, int ownUdpPort, PeerLog peerLog, Logger log,
                          CallitListener listener) {
        this.table = table;
        this.forwarder = forwarder;
        this.ownUdpPort = ownUdpPort;
        this.peerLog = peerLog;
        this.log = log;
        this.listener = listener;
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) throws OncRpcException, IOException {
        switch (call.getProcedure()) {
            case NULL -> call.reply(XdrVoid.XDR_VOID);
            case SET -> set(call);
            case UNSET -> unset(call);
            case GETPORT -> getport(call);
            case DUMP -> call.reply(dump(table.all()));
            case CALLIT -> callit(call);
            default -> call.failProcedureUnavailable();
        }
    }

    private static InetSocketAddress peer(RpcCall call) {
        return call.getTransport().getRemoteSocketAddress();
    }

    private static boolean local(InetSocketAddress peer) {
        InetAddress a = peer.getAddress();
        return a != null && a.isLoopbackAddress();
    }

    private void set(RpcCall call) throws OncRpcException, IOException {
        mapping m = new mapping();
        call.retrieveCall(m);
        InetSocketAddress peer = peer(call);
        Optional<RpcProtocol> protocol = RpcProtocol.ofNumber(m.getProt());
        boolean done = false;
        if (!local(peer)) {
            peerLog.warn(peer.getAddress(), "portmap: SET of program {} from {} refused: only local processes may register",
                    Integer.toUnsignedString(m.getProg()), peer);
        } else if (protocol.isPresent() && m.getPort() > 0 && m.getPort() <= 65535) {
            done = table.set(new RpcMapping(m.getProg(), m.getVers(), protocol.get(), m.getPort(), MappingTable.SET_BY_CALL));
            if (done) {
                log.info("portmap: {} registered program {} v{} {} port {}", peer, Integer.toUnsignedString(m.getProg()),
                        Integer.toUnsignedString(m.getVers()), protocol.get().netid(), m.getPort());
            }
        }
        call.reply(done ? XdrBoolean.True : XdrBoolean.False);
    }

    private void unset(RpcCall call) throws OncRpcException, IOException {
        mapping m = new mapping();
        call.retrieveCall(m);
        InetSocketAddress peer = peer(call);
        boolean done = false;
        if (!local(peer)) {
            peerLog.warn(peer.getAddress(), "portmap: UNSET of program {} from {} refused: only local processes may unregister",
                    Integer.toUnsignedString(m.getProg()), peer);
        } else {
            done = table.unset(m.getProg(), m.getVers());
        }
        call.reply(done ? XdrBoolean.True : XdrBoolean.False);
    }

    private void getport(RpcCall call) throws OncRpcException, IOException {
        mapping m = new mapping();
        call.retrieveCall(m);
        int port = RpcProtocol.ofNumber(m.getProt()).map(p -> table.port(m.getProg(), m.getVers(), p)).orElse(0);
        call.reply(new Port(port));
    }

    /** pmaplist is a linked list in XDR; oncrpc4j's type mirrors it. */
    static pmaplist dump(List<RpcMapping> mappings) {
        pmaplist head = new pmaplist();
        pmaplist at = head;
        for (RpcMapping e : mappings) {
            at.setEntry(new mapping(e.program(), e.version(), e.protocol().number(), e.port()));
            pmaplist next = new pmaplist();
            at.setNext(next);
            at = next;
        }
        return head;
    }

    private void callit(RpcCall call) throws OncRpcException, IOException {
        CallitArgs args = new CallitArgs();
        call.retrieveCall(args);
        InetSocketAddress peer = peer(call);
        String refused = null;
        Optional<RpcMapping> target = table.exact(args.program(), args.version(), RpcProtocol.UDP);
        if (args.program() == PROGRAM) {
            refused = "CALLIT to the portmapper itself";
        } else if (target.isEmpty()) {
            refused = "program " + Integer.toUnsignedString(args.program()) + " v"
                    + Integer.toUnsignedString(args.version()) + " is not registered on udp";
        } else if (target.get().port() == ownUdpPort) {
            refused = "program " + Integer.toUnsignedString(args.program()) + " is mapped to the portmapper's own port";
        }
        if (refused != null) {
            dropped(peer, args, refused);
            return;
        }
        int port = target.get().port();
        boolean queued = forwarder.forward(port, args, outcome -> {
            if (outcome instanceof CallitForwarder.Outcome.Results r) {
                call.reply(new CallitResult(port, r.results()));
                listener.forwarded(peer, args, port);
            } else if (outcome instanceof CallitForwarder.Outcome.Failed f) {
                dropped(peer, args, f.reason());
            }
        });
        if (!queued) {
            dropped(peer, args, "too many CALLITs in progress");
        }
    }

    private void dropped(InetSocketAddress peer, CallitArgs args, String reason) {
        // No reply at all: a broadcast would otherwise draw an error from every portmapper on the net.
        peerLog.warn(peer.getAddress(), "portmap: CALLIT from {} for program {} v{} proc {} not answered: {}", peer,
                Integer.toUnsignedString(args.program()), Integer.toUnsignedString(args.version()),
                Integer.toUnsignedString(args.procedure()), reason);
        listener.dropped(peer, args, reason);
    }
}
