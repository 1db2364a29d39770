package net.diskless.dhcp.internal.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.diskless.api.leases.LeaseStore;
import net.diskless.dhcp.internal.codec.DhcpCodec;
import net.diskless.dhcp.internal.codec.DhcpMessage;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.codec.MalformedMessageException;

/**
 * The BOOTP/DHCP transport: one UDP socket on the BOOTP server port (and, for proxyDHCP, one on the PXE
 * boot server port), both served by one event loop thread, which the {@link Responder} and its lease table
 * are confined to. A reply that acknowledges a lease leaves only after the {@link LeaseStore} made the lease
 * durable.
 */
public final class DhcpServer implements AutoCloseable {

    /** Larger than any DHCP message a client sends; longer datagrams are cut and then refused. */
    static final int MAX_DATAGRAM = 4096;

    private final Responder responder;
    private final LeaseStore store;
    private final DhcpListener listener;
    private final ClientRate rate;
    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();

    public DhcpServer(ServerSettings settings, Responder responder, LeaseStore store, DhcpListener listener)
            throws IOException {
        this.responder = responder;
        this.store = store;
        this.listener = listener;
        this.rate = new ClientRate(settings.perClientRate(), 65_536);
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("dhcp", true));
        try {
            channels.add(bind(settings.bind(), false));
            if (settings.pxePort() > 0) {
                channels.add(bind(new InetSocketAddress(settings.bind().getAddress(), settings.pxePort()), true));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Channel bind(InetSocketAddress address, boolean pxePort) throws IOException {
        ChannelFuture f = new Bootstrap().group(group)
                .channelFactory(() -> new NioDatagramChannel(InternetProtocolFamily.IPv4))
                .option(ChannelOption.SO_BROADCAST, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                .handler(new Handler(pxePort))
                .bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind udp " + address + ": " + f.cause().getMessage(), f.cause());
        }
        return f.channel();
    }

    public List<InetSocketAddress> localAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean pxePort;

        Handler(boolean pxePort) {
            this.pxePort = pxePort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress peer = packet.sender();
            ByteBuf buf = packet.content();
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            DhcpMessage req;
            try {
                req = DhcpCodec.decode(bytes, bytes.length);
            } catch (MalformedMessageException e) {
                listener.refused(peer, e.getMessage());
                return;
            }
            if (req.op() != DhcpMessage.BOOTREQUEST) {
                return; // another server's reply, seen because we listen on the broadcast address
            }
            long key = req.mac().map(m -> m.bits()).orElse((long) java.util.Arrays.hashCode(req.chaddr()));
            if (!rate.allow(key, System.nanoTime())) {
                listener.refused(peer, "more than the allowed requests per second from " + req.clientText());
                return;
            }
            listener.received(req, peer);
            Decision d;
            try {
                d = responder.handle(req, bytes.length, Ipv4.of(peer.getAddress()), peer.getPort(), pxePort);
            } catch (RuntimeException e) { // a bug must cost one request, not the server
                listener.failed("request from " + req.clientText() + " " + peer + ": " + e);
                return;
            }
            act(ctx.channel(), req, d, peer);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            listener.failed("socket: " + cause);
        }
    }

    private void act(Channel channel, DhcpMessage req, Decision d, InetSocketAddress peer) {
        // Java 17: no pattern matching in switch yet
        if (d instanceof Decision.Ignore i) {
            if (i.logged()) {
                listener.refused(peer, req.clientText() + ": " + i.reason());
            }
        } else if (d instanceof Decision.Record r) {
            store.store(r.lease()).whenComplete((l, err) -> {
                if (err != null) {
                    listener.failed("cannot record " + r.what() + " of " + r.lease().address().getHostAddress() + ": " + err);
                } else {
                    listener.recorded(l, r.what());
                }
            });
        } else if (d instanceof Decision.Reply r) {
            if (r.lease() == null) {
                if (r.delayMs() > 0) {
                    channel.eventLoop().schedule(() -> send(channel, req, r, peer), r.delayMs(), TimeUnit.MILLISECONDS);
                } else {
                    send(channel, req, r, peer);
                }
            } else {
                store.store(r.lease()).whenComplete((l, err) -> channel.eventLoop().execute(() -> {
                    if (err != null) {
                        responder.undo(r.lease());
                        listener.failed("lease " + r.lease().address().getHostAddress() + " for " + req.clientText()
                                + " not stored, so not acknowledged: " + err);
                    } else {
                        send(channel, req, r, peer);
                    }
                }));
            }
        }
    }

    private void send(Channel channel, DhcpMessage req, Decision.Reply r, InetSocketAddress peer) {
        DhcpCodec.Encoded e = DhcpCodec.encode(r.message(), r.preferredLength(), r.maxLength());
        if (!e.dropped().isEmpty()) {
            listener.refused(peer, req.clientText() + ": options " + e.dropped() + " did not fit in "
                    + r.maxLength() + " bytes and were left out");
        }
        InetSocketAddress to = new InetSocketAddress(Ipv4.inet(r.destination()), r.port());
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(e.bytes()), to)).addListener(f -> {
            if (!f.isSuccess()) {
                listener.failed("cannot send " + r.summary().type() + " to " + to + ": " + f.cause());
            }
        });
        listener.replied(req, r.summary(), to);
    }
}
