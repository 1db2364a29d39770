package net.diskless.rpc.internal.portmap;

import java.io.IOException;
import net.diskless.rpc.server.SafeXdr;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** {@code struct call_result { u_int port; opaque res<>; }}: the real service's port and its encoded results. */
public final class CallitResult implements XdrAble {

    private int port;
    private byte[] results = new byte[0];

    public CallitResult() {
    }

    public CallitResult(int port, byte[] results) {
        this.port = port;
        this.results = results.clone();
    }

    public int port() {
        return port;
    }

    public byte[] results() {
        return results.clone();
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        port = xdr.xdrDecodeInt();
        results = SafeXdr.opaque(xdr, CallitArgs.MAX_ARGS, "CALLIT results");
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
        xdr.xdrEncodeInt(port);
        xdr.xdrEncodeDynamicOpaque(results);
    }
}
