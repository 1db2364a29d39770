package net.diskless.bootparams.internal.codec;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * {@code union bp_address switch (int address_type) { case IP_ADDR_TYPE: ip_addr_t ip_addr; }} where
 * {@code ip_addr_t} is four XDR {@code char}s — each one a whole 4-byte XDR int, as rpcgen encodes {@code char}.
 */
public final class BpAddress {

    public static final int IP_ADDR_TYPE = 1;

    private BpAddress() {
    }

    public static Inet4Address decode(XdrDecodingStream xdr) throws OncRpcException, IOException {
        int type = xdr.xdrDecodeInt();
        if (type != IP_ADDR_TYPE) {
            throw new GarbageArgs("bp_address type " + type + " (only IP_ADDR_TYPE 1 is defined)");
        }
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            ip[i] = (byte) xdr.xdrDecodeInt(); // xdr_char keeps the low byte
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    public static void encode(XdrEncodingStream xdr, Inet4Address address) {
        xdr.xdrEncodeInt(IP_ADDR_TYPE);
        for (byte b : address.getAddress()) {
            xdr.xdrEncodeInt(b); // sign-extended like a C char on x86, which is what rpcgen's xdr_char sends
        }
    }
}
