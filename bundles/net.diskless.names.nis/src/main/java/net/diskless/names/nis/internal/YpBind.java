package net.diskless.names.nis.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcache.oncrpc4j.portmap.mapping;
import org.dcache.oncrpc4j.rpc.IoStrategy;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.dcache.oncrpc4j.xdr.XdrInt;

/**
 * Asks a ypbind (program 100007 v2, YPBINDPROC_DOMAIN, {@code rpcsvc/yp.x}) which ypserv it is bound to for a
 * domain: ypbind does the broadcasting and fail-over, this client follows it on every reconnect.
 */
final class YpBind {

    static final int PROGRAM = 100007;
    static final int VERSION = 2;
    static final int PROC_DOMAIN = 1;
    private static final int SUCCESS = 1;

    private YpBind() {
    }

    /** domainname: the argument of YPBINDPROC_DOMAIN. */
    record DomainRequest(String domain) implements XdrAble {
        @Override
        public void xdrEncode(XdrEncodingStream xdr) throws OncRpcException, IOException {
            xdr.xdrEncodeString(domain);
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) {
            throw new UnsupportedOperationException("a request is only sent");
        }
    }

    /** ypbind_resp: status, then the binding (address[4], port[2], both in network order) or an error code. */
    static final class Response implements XdrAble {
        int status;
        int error;
        byte[] address = new byte[4];
        int port;

        @Override
        public void xdrEncode(XdrEncodingStream xdr) {
            throw new UnsupportedOperationException("a reply is only received");
        }

        @Override
        public void xdrDecode(XdrDecodingStream xdr) throws OncRpcException, IOException {
            status = xdr.xdrDecodeInt();
            if (status == SUCCESS) {
                address = xdr.xdrDecodeOpaque(4);
                byte[] p = xdr.xdrDecodeOpaque(2);
                port = ByteBuffer.wrap(p).getShort() & 0xffff;
            } else {
                error = xdr.xdrDecodeInt();
            }
        }

        boolean bound() {
            return status == SUCCESS && port != 0;
        }
    }

    /** The ypserv ypbind at {@code host} is bound to for {@code domain}. */
    static NisServer.Address ask(String host, int portmapperPort, String domain, long timeoutMs)
            throws IOException, TimeoutException {
        int port;
        try (OncRpcClient pm = new OncRpcClient(new InetSocketAddress(host, portmapperPort), IpProtocolType.UDP, 0,
                IoStrategy.SAME_THREAD, "diskless-nis-portmap")) {
            XdrInt p = new XdrInt();
            new RpcCall(100000, 2, new RpcAuthTypeNone(), pm.connect(timeoutMs, TimeUnit.MILLISECONDS))
                    .call(3, new mapping(PROGRAM, VERSION, IpProtocolType.UDP, 0), p, timeoutMs, TimeUnit.MILLISECONDS);
            port = p.intValue();
        }
        if (port <= 0 || port > 65535) {
            throw new IOException("no ypbind registered with the portmapper at " + host + ":" + portmapperPort);
        }
        Response r = new Response();
        try (OncRpcClient c = new OncRpcClient(new InetSocketAddress(host, port), IpProtocolType.UDP, 0,
                IoStrategy.SAME_THREAD, "diskless-ypbind")) {
            new RpcCall(PROGRAM, VERSION, new RpcAuthTypeNone(), c.connect(timeoutMs, TimeUnit.MILLISECONDS))
                    .call(PROC_DOMAIN, new DomainRequest(domain), r, timeoutMs, TimeUnit.MILLISECONDS);
        }
        if (!r.bound()) {
            throw new IOException("ypbind at " + host + " is not bound for " + domain + " (ypbind error " + r.error + ")");
        }
        return new NisServer.Address(InetAddress.getByAddress(r.address).getHostAddress(), r.port);
    }
}
