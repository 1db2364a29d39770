package net.diskless.tftp.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import net.diskless.tftp.internal.codec.ErrorCodes;
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
final class Transfer extends TransferSession {

    private final BlockSource source;
    private final Negotiated negotiated;
    private final long lastBlock;

    private boolean awaitingOptionAck;
    private long base = 1;          // first block not yet acknowledged
    private long sentUpTo;          // highest block sent

    Transfer(InetSocketAddress peer, String requested, BlockSource source, Negotiated negotiated,
             ServerSettings settings, TransferListener listener, Runnable onClose) {
        super(peer, requested, negotiated, settings, listener, onClose);
        this.source = source;
        this.negotiated = negotiated;
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
    protected void received(TftpPacket decoded) {
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
            listener.completed(peer, requested, source.size(), elapsedMillis());
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
        send(peer, new TftpPacket.OptionAck(negotiated.oack()));
        arm();
    }

    @Override
    protected void retransmit() {
        if (awaitingOptionAck) {
            sendOptionAck();
        } else {
            sendWindow(base);
        }
    }

    @Override
    protected String timeoutReason() {
        return "timed out after " + (retries - 1) + " retransmissions" + (awaitingOptionAck ? " of the OACK" : " at block " + base);
    }

    @Override
    protected void release() {
        source.close();
    }
}
