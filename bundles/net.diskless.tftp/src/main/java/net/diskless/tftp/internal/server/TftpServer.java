package net.diskless.tftp.internal.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.MalformedPacketException;
import net.diskless.tftp.internal.codec.Netascii;
import net.diskless.tftp.internal.codec.OptionNegotiation;
import net.diskless.tftp.internal.codec.OptionNegotiation.Negotiated;
import net.diskless.tftp.internal.codec.TftpCodec;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import net.diskless.tftp.internal.files.FileResolver;
import net.diskless.tftp.internal.files.Resolution;

/**
 * The TFTP transport: one socket for requests (port 69), and for every accepted read request a new
 * socket on an ephemeral port driving a {@link Transfer}. Everything runs on netty event loops owned by
 * this server, shut down with it.
 */
public final class TftpServer implements AutoCloseable {

    private final ServerSettings settings;
    private final FileResolver resolver;
    private final TransferListener listener;
    private final OptionNegotiation.Limits limits;
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup("tftp", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger active = new AtomicInteger();
    private final Channel requests;

    /** Binds the request socket; throws when the address cannot be bound (in use, no permission). */
    public TftpServer(ServerSettings settings, FileResolver resolver, TransferListener listener, int threads)
            throws InterruptedException {
        this.settings = settings;
        this.resolver = resolver;
        this.listener = listener;
        this.limits = new OptionNegotiation.Limits(settings.maxBlockSize(), settings.maxWindowSize(), true,
                settings.maxWindowSize() > 1, true);
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("tftp", true));
        try {
            this.requests = bootstrap(new RequestHandler()).bind(settings.bind()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        channels.add(requests);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) requests.localAddress();
    }

    public int activeTransfers() {
        return active.get();
    }

    private Bootstrap bootstrap(io.netty.channel.ChannelHandler handler) {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(handler);
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Requests on port 69: read requests become transfers, everything else gets its error. */
    private final class RequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress peer = packet.sender();
            TftpPacket decoded;
            try {
                decoded = TftpCodec.decode(packet.content().nioBuffer());
            } catch (MalformedPacketException e) {
                refuse(ctx, peer, "", ErrorCodes.ILLEGAL_OPERATION, "malformed request: " + e.getMessage());
                return;
            }
            if (decoded instanceof TftpPacket.ReadRequest rrq) {
                read(ctx, peer, rrq);
            } else if (decoded instanceof TftpPacket.WriteRequest wrq) {
                refuse(ctx, peer, wrq.filename(), ErrorCodes.ACCESS_VIOLATION, "this server is read-only");
            } else if (!(decoded instanceof TftpPacket.ErrorPacket)) {
                // stray DATA/ACK/OACK on the request port; an ERROR is never answered (no error loops)
                refuse(ctx, peer, "", ErrorCodes.UNKNOWN_TID, "no transfer on this port");
            }
        }

        private void read(ChannelHandlerContext ctx, InetSocketAddress peer, TftpPacket.ReadRequest rrq) {
            if (rrq.mode() == TransferMode.MAIL) {
                refuse(ctx, peer, rrq.filename(), ErrorCodes.ILLEGAL_OPERATION, "mail mode is not supported");
                return;
            }
            if (active.get() >= settings.maxTransfers()) {
                refuse(ctx, peer, rrq.filename(), ErrorCodes.NOT_DEFINED, "server busy, try again");
                return;
            }
            Resolution resolution = resolver.resolve(rrq.filename(), peer.getAddress());
            if (resolution instanceof Resolution.Denied denied) {
                refuse(ctx, peer, rrq.filename(), denied.errorCode(), denied.reason());
                return;
            }
            Resolution.Found found = (Resolution.Found) resolution;
            BlockSource source;
            try {
                source = open(found, rrq.mode());
            } catch (IOException e) {
                refuse(ctx, peer, rrq.filename(), ErrorCodes.ACCESS_VIOLATION, "cannot read: " + e.getMessage());
                return;
            }
            Negotiated negotiated = OptionNegotiation.negotiate(rrq.options(), source.size(), limits);
            listener.started(peer, rrq.filename(), found.rule(), rrq.options());
            active.incrementAndGet();
            Transfer transfer = new Transfer(peer, rrq.filename(), source, negotiated, settings, listener,
                    active::decrementAndGet);
            bootstrap(transfer).bind(new InetSocketAddress(settings.bind().getAddress(), 0)).addListener(f -> {
                if (f.isSuccess()) {
                    channels.add(((io.netty.channel.ChannelFuture) f).channel());
                } else {
                    active.decrementAndGet();
                    source.close();
                    refuse(ctx, peer, rrq.filename(), ErrorCodes.NOT_DEFINED, "no transfer socket: " + f.cause());
                }
            });
        }

        private BlockSource open(Resolution.Found found, TransferMode mode) throws IOException {
            FileChannel channel = FileChannel.open(found.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            if (mode != TransferMode.NETASCII) {
                return new BlockSource.FileBlocks(channel, channel.size());
            }
            try (channel) {
                if (channel.size() > settings.netasciiMaxBytes()) {
                    throw new IOException("netascii is limited to " + settings.netasciiMaxBytes() + " bytes; use octet");
                }
                java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate((int) channel.size());
                while (raw.hasRemaining() && channel.read(raw) > 0) {
                    // read it all
                }
                raw.flip();
                return new BlockSource.MemoryBlocks(Netascii.encode(raw));
            }
        }

        private void refuse(ChannelHandlerContext ctx, InetSocketAddress peer, String requested, int code, String reason) {
            listener.refused(peer, requested, reason);
            ByteBuf buf = Unpooled.wrappedBuffer(TftpCodec.encode(new TftpPacket.ErrorPacket(code, reason)));
            ctx.writeAndFlush(new DatagramPacket(buf, peer));
        }
    }
}
