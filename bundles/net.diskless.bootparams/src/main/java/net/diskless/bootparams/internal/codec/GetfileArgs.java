package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** {@code struct bp_getfile_arg { bp_machine_name_t client_name; bp_fileid_t file_id; }}. */
public final class GetfileArgs implements XdrAble {

    private String clientName = "";
    private String fileId = "";

    public GetfileArgs() {
    }

    public GetfileArgs(String clientName, String fileId) {
        this.clientName = clientName;
        this.fileId = fileId;
    }

    public String clientName() {
        return clientName;
    }

    public String fileId() {
        return fileId;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        clientName = BoundedString.decode(xdr, Bootparam.MAX_MACHINE_NAME, "client_name");
        fileId = BoundedString.decode(xdr, Bootparam.MAX_FILEID, "file_id");
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
        xdr.xdrEncodeString(clientName);
        xdr.xdrEncodeString(fileId);
    }
}
