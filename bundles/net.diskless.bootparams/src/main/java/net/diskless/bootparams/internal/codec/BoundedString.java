package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import net.diskless.rpc.server.SafeXdr;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/** XDR {@code string<N>}: a longer one is garbage, as rpcgen's xdr_string makes it. */
final class BoundedString {

    private BoundedString() {
    }

    static String decode(XdrDecodingStream xdr, int max, String what) throws OncRpcException, IOException {
        // Never xdr.xdrDecodeString(): it allocates whatever length the peer announces (see SafeXdr).
        return SafeXdr.string(xdr, max, what);
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
