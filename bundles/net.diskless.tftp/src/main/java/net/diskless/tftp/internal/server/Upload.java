package net.diskless.tftp.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.OptionNegotiation.Negotiated;
import net.diskless.tftp.internal.codec.TftpCodec;
import net.diskless.tftp.internal.codec.TftpPacket;

/**
 * One write transfer (lock-step, RFC 1350 with blksize/timeout options), on its own socket. The data
 * goes to a hidden temporary file beside the target and is moved into place only when the last block
 * arrived, so an interrupted upload never leaves a partial file under the real name, and an existing
 * file is never replaced.
 */
final class Upload extends TransferSession {

    private final Path target;
    private final Negotiated negotiated;
    private final long maxBytes;

    private Path temp;
    private FileChannel out;
    private long expected = 1;     // next DATA block index
    private long written;
    private ByteBuf lastReply;     // the last ACK/OACK, sent again on timeout or on a duplicate DATA

    Upload(InetSocketAddress peer, String requested, Path target, Negotiated negotiated, ServerSettings settings,
           long maxBytes, TransferListener listener, Runnable onClose) {
        super(peer, requested, negotiated, settings, listener, onClose);
        this.target = target;
        this.negotiated = negotiated;
        this.maxBytes = maxBytes;
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
        reply(negotiated.oack().isEmpty() ? new TftpPacket.Ack(0) : new TftpPacket.OptionAck(negotiated.oack()));
    }

    @Override
    protected void received(TftpPacket decoded) {
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
            retransmit(); // our ACK was lost: say it again
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
            listener.stored(peer, requested, written, elapsedMillis());
        } catch (FileAlreadyExistsException e) {
            listener.failed(peer, requested, "file already exists");
        } catch (IOException e) {
            listener.failed(peer, requested, "cannot store the file: " + e.getMessage());
        }
        close();
    }

    /** Sends {@code packet} and keeps it to send again. */
    private void reply(TftpPacket packet) {
        if (lastReply != null) {
            lastReply.release();
        }
        lastReply = Unpooled.wrappedBuffer(TftpCodec.encode(packet));
        retransmit();
    }

    @Override
    protected void retransmit() {
        ctx.writeAndFlush(new DatagramPacket(lastReply.retainedDuplicate(), peer));
        arm();
    }

    @Override
    protected String timeoutReason() {
        return "timed out waiting for block " + expected;
    }

    @Override
    protected void release() {
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
    }
}
