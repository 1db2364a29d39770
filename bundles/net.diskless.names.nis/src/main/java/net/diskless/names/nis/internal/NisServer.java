package net.diskless.names.nis.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dcache.oncrpc4j.portmap.mapping;
import org.dcache.oncrpc4j.rpc.IoStrategy;
import org.dcache.oncrpc4j.rpc.OncRpcClient;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcTransport;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrInt;

/**
 * One ypserv: its port from the portmapper on the same host (or configured), one oncrpc4j client kept for the
 * calls, made again after any failure (ypserv may come back on another port). Every call is bounded by the
 * timeout.
 */
final class NisServer implements AutoCloseable {

    private static final int PORTMAP_PROGRAM = 100000;
    private static final int PORTMAP_VERSION = 2;
    private static final int PORTMAP_GETPORT = 3;

    /** Where: a host, and ypserv's port or 0 to ask the host's portmapper at {@code portmapperPort}. */
    record Address(String host, int port) {
        /** {@code host} or {@code host:port}; an IPv6 literal as {@code [addr]:port}. */
        static Address parse(String text) {
            String s = text.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty server");
            }
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("bad server " + text);
                }
                String rest = s.substring(close + 1);
                return new Address(s.substring(1, close), rest.startsWith(":") ? port(rest.substring(1), text) : 0);
            }
            int colon = s.lastIndexOf(':');
            if (colon > 0 && s.indexOf(':') == colon) {
                return new Address(s.substring(0, colon), port(s.substring(colon + 1), text));
            }
            return new Address(s, 0);
        }

        private static int port(String p, String text) {
            try {
                int v = Integer.parseInt(p);
                if (v < 1 || v > 65535) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + text);
            }
        }

        @Override
        public String toString() {
            return port == 0 ? host : host + ":" + port;
        }
    }

    private final Address address;
    private final int portmapperPort;
    private final long timeoutMs;
    private OncRpcClient client;
    private RpcTransport transport;

    NisServer(Address address, int portmapperPort, long timeoutMs) {
        this.address = address;
        this.portmapperPort = portmapperPort;
        this.timeoutMs = timeoutMs;
    }

    Address address() {
        return address;
    }

    /** YPPROC_MATCH over UDP. */
    synchronized Yp.ValueReply match(Yp.KeyRequest request) throws IOException, TimeoutException {
        Yp.ValueReply reply = new Yp.ValueReply();
        try {
            new RpcCall(Yp.PROGRAM, Yp.VERSION, new RpcAuthTypeNone(), transport())
                    .call(Yp.PROC_MATCH, request, reply, timeoutMs, TimeUnit.MILLISECONDS);
            return reply;
        } catch (IOException | TimeoutException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    /** YPPROC_ALL: only over TCP (the reply is a stream), on a connection of its own, closed afterwards. */
    Yp.AllReply all(Yp.MapRequest request, int maxEntries) throws IOException, TimeoutException {
        int port = address.port() != 0 ? address.port() : getPort(IpProtocolType.TCP);
        Yp.AllReply reply = new Yp.AllReply(maxEntries);
        try (OncRpcClient tcp = new OncRpcClient(new InetSocketAddress(address.host(), port), IpProtocolType.TCP, 0,
                IoStrategy.SAME_THREAD, "diskless-nis-all")) {
            new RpcCall(Yp.PROGRAM, Yp.VERSION, new RpcAuthTypeNone(), tcp.connect(timeoutMs, TimeUnit.MILLISECONDS))
                    .call(Yp.PROC_ALL, request, reply, timeoutMs, TimeUnit.MILLISECONDS);
        }
        return reply;
    }

    private RpcTransport transport() throws IOException, TimeoutException {
        if (transport == null) {
            int port = address.port() != 0 ? address.port() : getPort(IpProtocolType.UDP);
            OncRpcClient c = new OncRpcClient(new InetSocketAddress(address.host(), port), IpProtocolType.UDP, 0,
                    IoStrategy.SAME_THREAD, "diskless-nis");
            try {
                transport = c.connect(timeoutMs, TimeUnit.MILLISECONDS);
                client = c;
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
        return transport;
    }

    /** Asks the host's portmapper (v2 GETPORT, UDP) where ypserv listens; fails if it is not registered. */
    private int getPort(int protocol) throws IOException, TimeoutException {
        try (OncRpcClient pm = new OncRpcClient(new InetSocketAddress(address.host(), portmapperPort),
                IpProtocolType.UDP, 0, IoStrategy.SAME_THREAD, "diskless-nis-portmap")) {
            XdrInt port = new XdrInt();
            new RpcCall(PORTMAP_PROGRAM, PORTMAP_VERSION, new RpcAuthTypeNone(), pm.connect(timeoutMs, TimeUnit.MILLISECONDS))
                    .call(PORTMAP_GETPORT, new mapping(Yp.PROGRAM, Yp.VERSION, protocol, 0), port, timeoutMs, TimeUnit.MILLISECONDS);
            int p = port.intValue();
            if (p <= 0 || p > 65535) {
                throw new IOException("ypserv is not registered with the portmapper at " + address.host() + ":" + portmapperPort);
            }
            return p;
        }
    }

    private void reset() {
        transport = null;
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // a client that will not close cleanly is dropped all the same
            }
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
