package net.diskless.tftp.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.MalformedPacketException;
import net.diskless.tftp.internal.codec.OptionNegotiation.Negotiated;
import net.diskless.tftp.internal.codec.TftpCodec;
import net.diskless.tftp.internal.codec.TftpPacket;

/**
 * One read transfer, on its own socket (its own transfer ID), driven entirely by its channel's event
 * loop: no locks, no thread of its own.
 *
 * <p>Blocks are counted with a 64-bit index internally and sent as {@code index mod 65536}, so files
 * past 32 MB (at 512-byte blocks) roll over as tftp-hpa and every common client expect. A window of
 * {@code windowsize} blocks (RFC 7440; 1 is RFC 1350 lock-step) is sent, then the transfer waits for the
 * ACK of its last block. Only a timeout retransmits: a duplicate ACK never does, which is what keeps the
 * Sorcerer's Apprentice syndrome away.
 */
final class Transfer extends SimpleChannelInboundHandler<DatagramPacket> {

    private final InetSocketAddress peer;
    private final String requested;
    private final BlockSource source;
    private final Negotiated negotiated;
    private final TransferListener listener;
    private final Runnable onClose;
    private final long timeoutMillis;
    private final int maxRetries;
    private final long lastBlock;

    private ChannelHandlerContext ctx;
    private boolean awaitingOptionAck;
    private long base = 1;          // first block not yet acknowledged
    private long sentUpTo;          // highest block sent
    private int retries;
    private ScheduledFuture<?> timer;
    private boolean finished;
    private final long startNanos = System.nanoTime();

    Transfer(InetSocketAddress peer, String requested, BlockSource source, Negotiated negotiated,
             ServerSettings settings, TransferListener listener, Runnable onClose) {
        this.peer = peer;
        this.requested = requested;
        this.source = source;
        this.negotiated = negotiated;
        this.listener = listener;
        this.onClose = onClose;
        this.timeoutMillis = negotiated.timeoutSeconds() > 0 ? negotiated.timeoutSeconds() * 1000L : settings.timeoutMillis();
        this.maxRetries = settings.retries();
        this.lastBlock = source.size() / negotiated.blockSize() + 1; // the last block is short, possibly empty
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        this.ctx = context;
        if (negotiated.oack().isEmpty()) {
            sendWindow(1);
        } else {
            awaitingOptionAck = true;
            listener.optionsAcknowledged(peer, requested, negotiated.oack());
            sendOptionAck();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        if (finished) {
            return;
        }
        if (!peer.equals(packet.sender())) {
            // RFC 1350: a packet from another port is answered with "unknown transfer ID", the transfer goes on.
            reply(packet.sender(), ErrorCodes.UNKNOWN_TID, "unknown transfer ID");
            return;
        }
        TftpPacket decoded;
        try {
            decoded = TftpCodec.decode(packet.content().nioBuffer());
        } catch (MalformedPacketException e) {
            abort(ErrorCodes.ILLEGAL_OPERATION, "malformed packet: " + e.getMessage());
            return;
        }
        if (decoded instanceof TftpPacket.Ack ack) {
            acknowledged(ack.block());
        } else if (decoded instanceof TftpPacket.ErrorPacket error) {
            if (awaitingOptionAck && negotiated.oack().containsKey("tsize")) {
                listener.probed(peer, requested); // tsize probe: the client only wanted the size
            } else {
                listener.failed(peer, requested, "client sent error " + error.code() + ": " + error.message());
            }
            close();
        } else {
            abort(ErrorCodes.ILLEGAL_OPERATION, "unexpected " + decoded.getClass().getSimpleName() + " during a read");
        }
    }

    private void acknowledged(int block) {
        if (awaitingOptionAck) {
            if (block == 0) {
                awaitingOptionAck = false;
                retries = 0;
                sendWindow(1);
            }
            return;
        }
        // The block index this ACK names: the one in [base - 1, sentUpTo] with the same low 16 bits.
        long acked = (base - 1) + ((block - (base - 1)) & 0xFFFF);
        if (acked > sentUpTo || acked < base) {
            return; // duplicate or stale ACK: never a retransmission
        }
        base = acked + 1;
        retries = 0;
        if (acked == lastBlock) {
            listener.completed(peer, requested, source.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            close();
        } else {
            sendWindow(base); // a partial ACK (RFC 7440) restarts the window after the last block received
        }
    }

    private void sendWindow(long from) {
        long to = Math.min(from + negotiated.windowSize() - 1, lastBlock);
        try {
            for (long index = from; index <= to; index++) {
                ByteBuf buf = ctx.alloc().ioBuffer(TftpCodec.DATA_HEADER + negotiated.blockSize());
                try {
                    buf.writeShort(3).writeShort((int) (index & 0xFFFF));
                    source.read(buf, (index - 1) * negotiated.blockSize(), negotiated.blockSize());
                } catch (IOException | RuntimeException e) {
                    buf.release();
                    throw e;
                }
                ctx.write(new DatagramPacket(buf, peer));
            }
        } catch (IOException e) {
            ctx.flush();
            abort(ErrorCodes.NOT_DEFINED, "read error: " + e.getMessage());
            return;
        }
        ctx.flush();
        sentUpTo = Math.max(sentUpTo, to);
        arm();
    }

    private void sendOptionAck() {
        ByteBuf buf = Unpooled.wrappedBuffer(TftpCodec.encode(new TftpPacket.OptionAck(negotiated.oack())));
        ctx.writeAndFlush(new DatagramPacket(buf, peer));
        arm();
    }

    private void arm() {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = ctx.executor().schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void timedOut() {
        if (finished) {
            return;
        }
        if (++retries > maxRetries) {
            abort(ErrorCodes.NOT_DEFINED, "timed out after " + maxRetries + " retransmissions"
                    + (awaitingOptionAck ? " of the OACK" : " at block " + base));
            return;
        }
        if (awaitingOptionAck) {
            sendOptionAck();
        } else {
            sendWindow(base);
        }
    }

    private void abort(int code, String reason) {
        reply(peer, code, reason);
        listener.failed(peer, requested, reason);
        close();
    }

    private void reply(InetSocketAddress to, int code, String message) {
        ByteBuf buf = Unpooled.wrappedBuffer(TftpCodec.encode(new TftpPacket.ErrorPacket(code, message)));
        ctx.writeAndFlush(new DatagramPacket(buf, to));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!finished) {
            listener.failed(peer, requested, "transport error: " + cause);
            close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        close(); // the server is stopping
    }

    private void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        source.close();
        ctx.close();
        onClose.run();
    }
}
