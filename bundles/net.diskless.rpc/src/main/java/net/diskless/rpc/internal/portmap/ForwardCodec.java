package net.diskless.rpc.internal.portmap;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The RPC messages CALLIT exchanges with the real service (RFC 5531): the call it forwards and the reply it
 * reads back. Pure; the results are opaque here (their XDR type belongs to the called program), so the reply
 * is cut at the fixed-layout header rather than decoded.
 */
public final class ForwardCodec {

    static final int CALL = 0;
    static final int REPLY = 1;
    static final int MSG_ACCEPTED = 0;
    static final int SUCCESS = 0;
    static final int RPC_VERSION = 2;
    /** RFC 5531: opaque_auth bodies are at most 400 bytes. */
    static final int MAX_AUTH_BODY = 400;

    private ForwardCodec() {
    }

    /**
     * A call message: header, AUTH_NONE credential and verifier, then the arguments exactly as the CALLIT
     * caller encoded them. (rpcbind passes the caller's credential on; the services CALLIT reaches here —
     * bootparams — ignore credentials, so none is forwarded.)
     */
    public static byte[] call(int xid, int program, int version, int procedure, byte[] args) {
        ByteBuffer b = ByteBuffer.allocate(40 + args.length);
        b.putInt(xid).putInt(CALL).putInt(RPC_VERSION).putInt(program).putInt(version).putInt(procedure);
        b.putInt(0).putInt(0).putInt(0).putInt(0);
        b.put(args);
        return b.array();
    }

    /**
     * The results of a successful reply to {@code xid}; empty for another xid, a denied or unsuccessful reply,
     * or anything malformed (CALLIT then stays silent).
     */
    public static Optional<byte[]> successResults(byte[] message, int length, int xid) {
        try {
            ByteBuffer b = ByteBuffer.wrap(message, 0, length);
            if (b.getInt() != xid || b.getInt() != REPLY || b.getInt() != MSG_ACCEPTED) {
                return Optional.empty();
            }
            b.getInt(); // verifier flavor
            int verifierLength = b.getInt();
            if (verifierLength < 0 || verifierLength > MAX_AUTH_BODY) {
                return Optional.empty();
            }
            b.position(b.position() + ((verifierLength + 3) & ~3));
            if (b.getInt() != SUCCESS) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOfRange(message, b.position(), length));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
