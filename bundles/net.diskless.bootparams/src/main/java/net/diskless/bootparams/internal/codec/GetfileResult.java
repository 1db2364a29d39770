package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import java.net.Inet4Address;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** {@code struct bp_getfile_res { bp_machine_name_t server_name; bp_address server_address; bp_path_t server_path; }}. */
public final class GetfileResult implements XdrAble {

    private String serverName = "";
    private Inet4Address serverAddress;
    private String serverPath = "";

    public GetfileResult() {
    }

    public GetfileResult(String serverName, Inet4Address serverAddress, String serverPath) {
        this.serverName = BoundedString.clip(serverName, Bootparam.MAX_MACHINE_NAME);
        this.serverAddress = serverAddress;
        this.serverPath = BoundedString.clip(serverPath, Bootparam.MAX_PATH_LEN);
    }

    public String serverName() {
        return serverName;
    }

    public Inet4Address serverAddress() {
        return serverAddress;
    }

    public String serverPath() {
        return serverPath;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        serverName = BoundedString.decode(xdr, Bootparam.MAX_MACHINE_NAME, "server_name");
        serverAddress = BpAddress.decode(xdr);
        serverPath = BoundedString.decode(xdr, Bootparam.MAX_PATH_LEN, "server_path");
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
        xdr.xdrEncodeString(serverName);
        BpAddress.encode(xdr, serverAddress);
        xdr.xdrEncodeString(serverPath);
    }
}
