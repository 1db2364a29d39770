package net.diskless.tftp.internal.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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
 *
 * <p>Bound to a wildcard address, a server must still answer from the address each request was sent to:
 * PXE ROMs and most clients drop packets from any other. With the epoll transport the request socket
 * learns that address (IP_RECVORIGDSTADDR); a transfer socket is bound to it, and a refusal goes out
 * through a small reply socket bound to it. NIO cannot learn it: there, routing picks the source.
 */
public final class TftpServer implements AutoCloseable {

    /** The largest UDP payload: a DATA block of 65464 bytes plus its header fits. */
    static final int MAX_DATAGRAM = 65536;
    /**
     * What a read transfer's socket receives: ACKs (4 bytes) and ERRORs. A 64 KiB buffer for each ACK would
     * come from the pool's arena, not its thread cache; a longer datagram is cut and then refused as malformed.
     */
    static final int MAX_READ_TRANSFER_DATAGRAM = 2048;

    private final ServerSettings settings;
    private final UploadSettings uploads;
    private final FileResolver resolver;
    private final TransferListener listener;
    private final OptionNegotiation.Limits limits;
    private final EventLoops loops;
    private final ChannelGroup channels = new DefaultChannelGroup("tftp", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger active = new AtomicInteger();
    private final Channel requests;
    private final boolean wildcard;
    /** Sockets bound to each local address requests arrived at, for refusals from that address. */
    private final ConcurrentMap<InetAddress, io.netty.channel.ChannelFuture> replySockets = new ConcurrentHashMap<>();
    static final int MAX_REPLY_SOCKETS = 64;

    /** A read-only server. */
    public TftpServer(ServerSettings settings, FileResolver resolver, TransferListener listener, int threads)
            throws IOException {
        this(settings, UploadSettings.DISABLED, resolver, listener, threads);
    }

    /** A server on the best transport here (see {@link Transport#AUTO}). */
    public TftpServer(ServerSettings settings, UploadSettings uploads, FileResolver resolver, TransferListener listener,
                      int threads) throws IOException {
        this(settings, uploads, resolver, listener, Transport.AUTO, threads);
    }

    /** Binds the request socket; throws when the address cannot be bound (in use, no permission). */
    public TftpServer(ServerSettings settings, UploadSettings uploads, FileResolver resolver, TransferListener listener,
                      Transport transport, int threads) throws IOException {
        this.settings = settings;
        this.uploads = uploads;
        this.resolver = resolver;
        this.listener = listener;
        this.limits = new OptionNegotiation.Limits(settings.maxBlockSize(), settings.maxWindowSize(), true,
                settings.maxWindowSize() > 1, true);
        this.loops = EventLoops.open(transport, threads);
        this.wildcard = settings.bind().getAddress().isAnyLocalAddress();
        Bootstrap requestSocket = bootstrap(new RequestHandler(), MAX_DATAGRAM);
        if (wildcard && loops.reportsDestination()) {
            requestSocket.option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
        }
        io.netty.channel.ChannelFuture bound = requestSocket.bind(settings.bind()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loops.close();
            throw new IOException("cannot bind udp " + settings.bind() + ": " + bound.cause().getMessage(), bound.cause());
        }
        this.requests = bound.channel();
        channels.add(requests);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) requests.localAddress();
    }

    public int activeTransfers() {
        return active.get();
    }

    /** Why epoll does not load here (for the log), or null when it does. */
    public static String epollUnavailableReason() {
        return EventLoops.epollUnavailableReason();
    }

    /** The transport in use: never AUTO. */
    public Transport transport() {
        return loops.transport();
    }

    private Bootstrap bootstrap(io.netty.channel.ChannelHandler handler, int largestDatagram) {
        // An IPv4 address gets an IPv4 socket (0.0.0.0 would otherwise become the IPv6 wildcard [::]), and
        // datagrams are received whole up to largestDatagram (netty would cut at 2 KiB, below a 65464-byte block).
        InternetProtocolFamily family = settings.bind().getAddress() instanceof java.net.Inet6Address
                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
        return new Bootstrap().group(loops.group()).channelFactory(() -> loops.newChannel(family))
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(largestDatagram))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(handler);
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.close();
    }

    /** Requests on port 69: read requests become transfers, everything else gets its error. */
    private final class RequestHandler extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress peer = packet.sender();
            InetAddress local = localAddressOf(packet);
            TftpPacket decoded;
            try {
                decoded = TftpCodec.decode(packet.content().nioBuffer());
            } catch (MalformedPacketException e) {
                refuse(ctx, peer, local, "", ErrorCodes.ILLEGAL_OPERATION, "malformed request: " + e.getMessage());
                return;
            }
            if (decoded instanceof TftpPacket.ReadRequest rrq) {
                read(ctx, peer, local, rrq);
            } else if (decoded instanceof TftpPacket.WriteRequest wrq) {
                write(ctx, peer, local, wrq);
            } else if (!(decoded instanceof TftpPacket.ErrorPacket)) {
                // stray DATA/ACK/OACK on the request port; an ERROR is never answered (no error loops)
                refuse(ctx, peer, local, "", ErrorCodes.UNKNOWN_TID, "no transfer on this port");
            }
        }

        private void read(ChannelHandlerContext ctx, InetSocketAddress peer, InetAddress local, TftpPacket.ReadRequest rrq) {
            if (rrq.mode() == TransferMode.MAIL) {
                refuse(ctx, peer, local, rrq.filename(), ErrorCodes.ILLEGAL_OPERATION, "mail mode is not supported");
                return;
            }
            if (active.get() >= settings.maxTransfers()) {
                refuse(ctx, peer, local, rrq.filename(), ErrorCodes.NOT_DEFINED, "server busy, try again");
                return;
            }
            Resolution resolution = resolver.resolve(rrq.filename(), peer.getAddress());
            if (resolution instanceof Resolution.Denied denied) {
                refuse(ctx, peer, local, rrq.filename(), denied.errorCode(), denied.reason());
                return;
            }
            Resolution.Found found = (Resolution.Found) resolution;
            BlockSource source;
            try {
                source = open(found, rrq.mode());
            } catch (IOException e) {
                refuse(ctx, peer, local, rrq.filename(), ErrorCodes.ACCESS_VIOLATION, "cannot read: " + e.getMessage());
                return;
            }
            Negotiated negotiated = OptionNegotiation.negotiate(rrq.options(), source.size(), limits);
            listener.started(peer, rrq.filename(), found.rule(), rrq.options());
            active.incrementAndGet();
            Transfer transfer = new Transfer(peer, rrq.filename(), source, negotiated, settings, listener,
                    active::decrementAndGet);
            startTransfer(ctx, peer, local, rrq.filename(), transfer, source::close);
        }

        private void write(ChannelHandlerContext ctx, InetSocketAddress peer, InetAddress local, TftpPacket.WriteRequest wrq) {
            if (!uploads.enabled()) {
                refuse(ctx, peer, local, wrq.filename(), ErrorCodes.ACCESS_VIOLATION, "this server is read-only");
                return;
            }
            if (wrq.mode() != TransferMode.OCTET) {
                refuse(ctx, peer, local, wrq.filename(), ErrorCodes.ILLEGAL_OPERATION, "uploads are octet mode only");
                return;
            }
            if (active.get() >= settings.maxTransfers()) {
                refuse(ctx, peer, local, wrq.filename(), ErrorCodes.NOT_DEFINED, "server busy, try again");
                return;
            }
            String announced = wrq.options().get("tsize");
            if (announced != null && announced.matches("[0-9]{1,19}") && Long.parseLong(announced) > uploads.maxBytes()) {
                refuse(ctx, peer, local, wrq.filename(), ErrorCodes.DISK_FULL, "upload larger than " + uploads.maxBytes() + " bytes");
                return;
            }
            Resolution resolution = resolver.resolveUpload(wrq.filename(), peer.getAddress(), uploads.directory());
            if (resolution instanceof Resolution.Denied denied) {
                refuse(ctx, peer, local, wrq.filename(), denied.errorCode(), denied.reason());
                return;
            }
            Path target = ((Resolution.Found) resolution).file();
            Negotiated negotiated = OptionNegotiation.negotiate(wrq.options(), -1,
                    new OptionNegotiation.Limits(settings.maxBlockSize(), 1, false, false, true));
            listener.started(peer, wrq.filename(), "upload", wrq.options());
            active.incrementAndGet();
            Upload upload = new Upload(peer, wrq.filename(), target, negotiated, settings, uploads.maxBytes(), listener,
                    active::decrementAndGet);
            startTransfer(ctx, peer, local, wrq.filename(), upload, () -> { });
        }

        /** A new socket (a new transfer ID) for one transfer; {@code undo} runs when it cannot be had. */
        private void startTransfer(ChannelHandlerContext ctx, InetSocketAddress peer, InetAddress local, String name,
                                   io.netty.channel.ChannelHandler transfer, Runnable undo) {
            int largest = transfer instanceof Upload ? MAX_DATAGRAM : MAX_READ_TRANSFER_DATAGRAM;
            bootstrap(transfer, largest).bind(new InetSocketAddress(local, 0)).addListener(f -> {
                if (f.isSuccess()) {
                    channels.add(((io.netty.channel.ChannelFuture) f).channel());
                } else {
                    active.decrementAndGet();
                    undo.run();
                    refuse(ctx, peer, local, name, ErrorCodes.NOT_DEFINED, "no transfer socket: " + f.cause());
                }
            });
        }

        private BlockSource open(Resolution.Found found, TransferMode mode) throws IOException {
            FileChannel channel = FileResolver.open(found); // no symlink followed at the last step
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

        private void refuse(ChannelHandlerContext ctx, InetSocketAddress peer, InetAddress local, String requested,
                            int code, String reason) {
            listener.refused(peer, requested, reason);
            ByteBuf buf = Unpooled.wrappedBuffer(TftpCodec.encode(new TftpPacket.ErrorPacket(code, reason)));
            DatagramPacket error = new DatagramPacket(buf, peer);
            if (local.equals(settings.bind().getAddress())) {
                ctx.writeAndFlush(error);
            } else {
                replySocket(local, ctx.channel()).addListener(f -> {
                    io.netty.channel.Channel via = f.isSuccess() ? ((io.netty.channel.ChannelFuture) f).channel() : ctx.channel();
                    via.writeAndFlush(error);
                });
            }
        }
    }

    /**
     * The local address a request was sent to: reported by epoll on a wildcard socket, else the address the
     * request socket is bound to (for a wildcard socket under NIO: the wildcard, and routing picks).
     */
    private InetAddress localAddressOf(DatagramPacket packet) {
        InetSocketAddress recipient = packet.recipient();
        if (wildcard && recipient != null && !recipient.getAddress().isAnyLocalAddress()) {
            return recipient.getAddress();
        }
        return settings.bind().getAddress();
    }

    /**
     * A socket bound to {@code local} (any port) to send refusals from; at most {@link #MAX_REPLY_SOCKETS}
     * (a host has few addresses), beyond that the request socket answers and routing picks the source.
     */
    private io.netty.channel.ChannelFuture replySocket(InetAddress local, Channel fallback) {
        io.netty.channel.ChannelFuture existing = replySockets.get(local);
        if (existing != null) {
            return existing;
        }
        if (replySockets.size() >= MAX_REPLY_SOCKETS) {
            return fallback.newSucceededFuture();
        }
        return replySockets.computeIfAbsent(local, address -> {
            io.netty.channel.ChannelFuture bound = bootstrap(new DiscardHandler(), MAX_READ_TRANSFER_DATAGRAM).bind(new InetSocketAddress(address, 0));
            bound.addListener(f -> {
                if (f.isSuccess()) {
                    channels.add(bound.channel());
                } else {
                    replySockets.remove(address, bound); // e.g. the address went away: try again next time
                }
            });
            return bound;
        });
    }

    /** A reply socket only sends; what a client sends back to it has no transfer and is dropped. */
    private static final class DiscardHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            // nothing: released by SimpleChannelInboundHandler
        }
    }
}
