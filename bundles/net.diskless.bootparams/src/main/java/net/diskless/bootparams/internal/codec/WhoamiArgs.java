package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import java.net.Inet4Address;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** {@code struct bp_whoami_arg { bp_address client_address; }}. */
public final class WhoamiArgs implements XdrAble {

    private Inet4Address client;

    public WhoamiArgs() {
    }

    public WhoamiArgs(Inet4Address client) {
        this.client = client;
    }

    public Inet4Address client() {
        return client;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        client = BpAddress.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
        BpAddress.encode(xdr, client);
    }
}
