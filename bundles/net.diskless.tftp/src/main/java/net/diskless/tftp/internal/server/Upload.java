package net.diskless.tftp.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.MalformedPacketException;
import net.diskless.tftp.internal.codec.OptionNegotiation.Negotiated;
import net.diskless.tftp.internal.codec.TftpCodec;
import net.diskless.tftp.internal.codec.TftpPacket;

/**
 * One write transfer (lock-step, RFC 1350 with blksize/timeout options), on its own socket. The data
 * goes to a hidden temporary file beside the target and is moved into place only when the last block
 * arrived, so an interrupted upload never leaves a partial file under the real name, and an existing
 * file is never replaced.
 */
final class Upload extends SimpleChannelInboundHandler<DatagramPacket> {

    private final InetSocketAddress peer;
    private final String requested;
    private final Path target;
    private final Negotiated negotiated;
    private final long maxBytes;
    private final TransferListener listener;
    private final Runnable onClose;
    private final long timeoutMillis;
    private final int maxRetries;
    private final long startNanos = System.nanoTime();

    private ChannelHandlerContext ctx;
    private Path temp;
    private FileChannel out;
    private long expected = 1;     // next DATA block index
    private long written;
    private int retries;
    private ScheduledFuture<?> timer;
    private boolean finished;
    private ByteBuf lastReply;     // the last ACK/OACK, sent again on timeout or on a duplicate DATA

    Upload(InetSocketAddress peer, String requested, Path target, Negotiated negotiated, ServerSettings settings,
           long maxBytes, TransferListener listener, Runnable onClose) {
        this.peer = peer;
        this.requested = requested;
        this.target = target;
        this.negotiated = negotiated;
        this.maxBytes = maxBytes;
        this.listener = listener;
        this.onClose = onClose;
        this.timeoutMillis = negotiated.timeoutSeconds() > 0 ? negotiated.timeoutSeconds() * 1000L : settings.timeoutMillis();
        this.maxRetries = settings.retries();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        this.ctx = context;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
            out = FileChannel.open(temp, StandardOpenOption.WRITE);
        } catch (IOException e) {
            abort(ErrorCodes.ACCESS_VIOLATION, "cannot create the file: " + e.getMessage());
            return;
        }
        TftpPacket first = negotiated.oack().isEmpty() ? new TftpPacket.Ack(0) : new TftpPacket.OptionAck(negotiated.oack());
        reply(first);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
        if (finished) {
            return;
        }
        if (!peer.equals(packet.sender())) {
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
        if (decoded instanceof TftpPacket.Data data) {
            received(data);
        } else if (decoded instanceof TftpPacket.ErrorPacket error) {
            listener.failed(peer, requested, "client sent error " + error.code() + ": " + error.message());
            close();
        } else {
            abort(ErrorCodes.ILLEGAL_OPERATION, "unexpected " + decoded.getClass().getSimpleName() + " during a write");
        }
    }

    private void received(TftpPacket.Data data) {
        int block = data.block();
        if (block == ((expected - 1) & 0xFFFF)) {
            reply(null); // our ACK was lost: say it again
            return;
        }
        if (block != (expected & 0xFFFF)) {
            return; // out of order: ignored, the client retransmits
        }
        int length = data.payload().remaining();
        if (written + length > maxBytes) {
            abort(ErrorCodes.DISK_FULL, "upload larger than " + maxBytes + " bytes");
            return;
        }
        try {
            while (data.payload().hasRemaining()) {
                out.write(data.payload());
            }
        } catch (IOException e) {
            abort(ErrorCodes.DISK_FULL, "write error: " + e.getMessage());
            return;
        }
        written += length;
        expected++;
        retries = 0;
        reply(new TftpPacket.Ack(block));
        if (length < negotiated.blockSize()) {
            complete();
        }
    }

    private void complete() {
        try {
            out.force(true);
            out.close();
            Files.move(temp, target); // no REPLACE_EXISTING: a file that appeared meanwhile is kept
            temp = null;
            listener.stored(peer, requested, written, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        } catch (FileAlreadyExistsException e) {
            listener.failed(peer, requested, "file already exists");
        } catch (IOException e) {
            listener.failed(peer, requested, "cannot store the file: " + e.getMessage());
        }
        close();
    }

    /** Sends {@code packet} (or the last reply again, when null) and re-arms the timeout. */
    private void reply(TftpPacket packet) {
        if (packet != null) {
            if (lastReply != null) {
                lastReply.release();
            }
            lastReply = Unpooled.wrappedBuffer(TftpCodec.encode(packet));
        }
        ctx.writeAndFlush(new DatagramPacket(lastReply.retainedDuplicate(), peer));
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
            abort(ErrorCodes.NOT_DEFINED, "timed out waiting for block " + expected);
        } else {
            reply(null);
        }
    }

    private void abort(int code, String reason) {
        send(peer, new TftpPacket.ErrorPacket(code, reason));
        listener.failed(peer, requested, reason);
        close();
    }

    private void send(InetSocketAddress to, TftpPacket packet) {
        ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(TftpCodec.encode(packet)), to));
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
        close();
    }

    private void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (lastReply != null) {
            lastReply.release();
        }
        try {
            if (out != null) {
                out.close();
            }
            if (temp != null) {
                Files.deleteIfExists(temp); // never leave half an upload behind
            }
        } catch (IOException ignored) {
            // nothing more to do for a temporary file we could not remove
        }
        ctx.close();
        onClose.run();
    }
}
