package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/** XDR {@code string<N>}: a longer one is garbage, as rpcgen's xdr_string makes it. */
final class BoundedString {

    private BoundedString() {
    }

    static String decode(XdrDecodingStream xdr, int max, String what) throws OncRpcException, IOException {
        // oncrpc4j rejects lengths beyond 512 KiB or the message before allocating; this is the protocol's bound.
        String s = xdr.xdrDecodeString();
        if (s.length() > max) {
            throw new GarbageArgs(what + " longer than " + max);
        }
        return s;
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
