package net.diskless.rpc.internal.portmap;

import java.io.IOException;
import net.diskless.rpc.server.SafeXdr;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** {@code struct call_args { u_int prog; u_int vers; u_int proc; opaque args<>; }} (RFC 1833, portmap v2). */
public final class CallitArgs implements XdrAble {

    /** Forwarded in one UDP datagram, with a 40-byte call header. */
    static final int MAX_ARGS = 65000;

    private int program;
    private int version;
    private int procedure;
    private byte[] args = new byte[0];

    public CallitArgs() {
    }

    public CallitArgs(int program, int version, int procedure, byte[] args) {
        this.program = program;
        this.version = version;
        this.procedure = procedure;
        this.args = args.clone();
    }

    public int program() {
        return program;
    }

    public int version() {
        return version;
    }

    public int procedure() {
        return procedure;
    }

    public byte[] args() {
        return args.clone();
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        program = xdr.xdrDecodeInt();
        version = xdr.xdrDecodeInt();
        procedure = xdr.xdrDecodeInt();
        args = SafeXdr.opaque(xdr, MAX_ARGS, "CALLIT arguments");
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
        xdr.xdrEncodeInt(program);
        xdr.xdrEncodeInt(version);
        xdr.xdrEncodeInt(procedure);
        xdr.xdrEncodeDynamicOpaque(args);
    }
}
