package net.diskless.tftp.internal.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.MalformedPacketException;
import net.diskless.tftp.internal.codec.OptionNegotiation.Negotiated;
import net.diskless.tftp.internal.codec.TftpCodec;
import net.diskless.tftp.internal.codec.TftpPacket;

/**
 * What a read and a write transfer share: their own socket (transfer ID) talking to one peer, the
 * retransmission timer with its retry limit, and an orderly end. Everything runs on the channel's event
 * loop, so there are no locks.
 */
abstract sealed class TransferSession extends SimpleChannelInboundHandler<DatagramPacket> permits Transfer, Upload {

    protected final InetSocketAddress peer;
    protected final String requested;
    protected final TransferListener listener;
    private final Runnable onClose;
    private final long timeoutMillis;
    private final int maxRetries;
    protected final long startNanos = System.nanoTime();

    protected ChannelHandlerContext ctx;
    protected int retries;
    private ScheduledFuture<?> timer;
    private long deadline;
    private boolean finished;

    TransferSession(InetSocketAddress peer, String requested, Negotiated negotiated, ServerSettings settings,
                    TransferListener listener, Runnable onClose) {
        this.peer = peer;
        this.requested = requested;
        this.listener = listener;
        this.onClose = onClose;
        this.timeoutMillis = negotiated.timeoutSeconds() > 0 ? negotiated.timeoutSeconds() * 1000L : settings.timeoutMillis();
        this.maxRetries = settings.retries();
    }

    /** A well-formed packet from the peer. */
    protected abstract void received(TftpPacket packet);

    /** The timer ran out and retries are left: send again what the peer should have answered. */
    protected abstract void retransmit();

    /** Why the transfer is abandoned when the retries are used up. */
    protected abstract String timeoutReason();

    /** Releases what the transfer holds (files, buffers); called once, at the end. */
    protected abstract void release();

    @Override
    protected final void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        if (finished) {
            return;
        }
        if (!peer.equals(packet.sender())) {
            // RFC 1350: a packet from another port is answered with "unknown transfer ID", the transfer goes on.
            send(packet.sender(), new TftpPacket.ErrorPacket(ErrorCodes.UNKNOWN_TID, "unknown transfer ID"));
            return;
        }
        TftpPacket decoded;
        try {
            decoded = TftpCodec.decode(packet.content().nioBuffer());
        } catch (MalformedPacketException e) {
            abort(ErrorCodes.ILLEGAL_OPERATION, "malformed packet: " + e.getMessage());
            return;
        }
        received(decoded);
    }

    protected final boolean finished() {
        return finished;
    }

    /**
     * (Re)starts the retransmission timer. Called for every block sent, so it does not cancel and schedule a
     * task each time: it moves a deadline, and the one scheduled task checks it when it fires and sleeps on
     * if the deadline moved meanwhile.
     */
    protected final void arm() {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (timer == null) {
            timer = ctx.executor().schedule(this::timerFired, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void timerFired() {
        timer = null;
        if (finished) {
            return;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
            timer = ctx.executor().schedule(this::timerFired, remaining, TimeUnit.NANOSECONDS);
            return;
        }
        timedOut();
    }

    private void timedOut() {
        if (++retries > maxRetries) {
            abort(ErrorCodes.NOT_DEFINED, timeoutReason());
        } else {
            retransmit();
        }
    }

    protected final void abort(int code, String reason) {
        send(peer, new TftpPacket.ErrorPacket(code, reason));
        listener.failed(peer, requested, reason);
        close();
    }

    protected final void send(InetSocketAddress to, TftpPacket packet) {
        ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(TftpCodec.encode(packet)), to));
    }

    protected final long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!finished) {
            listener.failed(peer, requested, "transport error: " + cause);
            close();
        }
    }

    @Override
    public final void channelInactive(ChannelHandlerContext context) {
        close(); // the server is stopping
    }

    protected final void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        release();
        if (ctx != null) {
            ctx.close();
        }
        onClose.run();
    }
}
