package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import java.net.Inet4Address;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * {@code struct bp_whoami_res { bp_machine_name_t client_name; bp_machine_name_t domain_name; bp_address
 * router_address; }}, names at most {@value Bootparam#MAX_MACHINE_NAME} bytes.
 */
public final class WhoamiResult implements XdrAble {

    private String clientName = "";
    private String domainName = "";
    private Inet4Address router;

    public WhoamiResult() {
    }

    public WhoamiResult(String clientName, String domainName, Inet4Address router) {
        this.clientName = BoundedString.clip(clientName, Bootparam.MAX_MACHINE_NAME);
        this.domainName = BoundedString.clip(domainName, Bootparam.MAX_MACHINE_NAME);
        this.router = router;
    }

    public String clientName() {
        return clientName;
    }

    public String domainName() {
        return domainName;
    }

    public Inet4Address router() {
        return router;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        clientName = BoundedString.decode(xdr, Bootparam.MAX_MACHINE_NAME, "client_name");
        domainName = BoundedString.decode(xdr, Bootparam.MAX_MACHINE_NAME, "domain_name");
        router = BpAddress.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
        xdr.xdrEncodeString(clientName);
        xdr.xdrEncodeString(domainName);
        BpAddress.encode(xdr, router);
    }
}
