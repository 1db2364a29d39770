package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import net.diskless.tftp.internal.codec.MalformedPacketException;
import net.diskless.tftp.internal.codec.TftpCodec;
import net.diskless.tftp.internal.codec.TftpPacket;

/**
 * A scripted TFTP client: a plain non-blocking {@link DatagramChannel} on 127.0.0.1, every receive bounded by a
 * {@link Selector} timeout. It does nothing on its own (no ACKs, no retransmissions): the test says what is sent.
 */
final class TestClient implements AutoCloseable {

    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A datagram as it arrived: its sender, its bytes, and its decoding (DATA payloads are views of {@code raw}). */
    record Received(InetSocketAddress from, byte[] raw, TftpPacket packet) {

        TftpPacket.Data data() {
            return assertInstanceOf(TftpPacket.Data.class, packet, () -> "expected DATA, got " + packet);
        }

        TftpPacket.ErrorPacket error() {
            return assertInstanceOf(TftpPacket.ErrorPacket.class, packet, () -> "expected ERROR, got " + packet);
        }

        TftpPacket.OptionAck oack() {
            return assertInstanceOf(TftpPacket.OptionAck.class, packet, () -> "expected OACK, got " + packet);
        }

        /** The DATA payload's bytes. */
        byte[] payload() {
            ByteBuffer p = data().payload().duplicate();
            byte[] b = new byte[p.remaining()];
            p.get(b);
            return b;
        }

        @Override
        public String toString() {
            return packet + " from " + from;
        }
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(65536 + 16);

    TestClient() {
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(new InetSocketAddress(LOOPBACK, 0));
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(TftpPacket packet, InetSocketAddress to) {
        send(TftpCodec.encode(packet), to);
    }

    void sendRaw(byte[] datagram, InetSocketAddress to) {
        send(ByteBuffer.wrap(datagram), to);
    }

    private void send(ByteBuffer datagram, InetSocketAddress to) {
        try {
            int n = channel.send(datagram, to);
            assertEquals(datagram.limit(), n, "datagram not sent whole");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, or null when none arrives within {@code timeout}. */
    Received receive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                if (from != null) {
                    buffer.flip();
                    byte[] raw = Arrays.copyOf(buffer.array(), buffer.limit());
                    try {
                        return new Received(from, raw, TftpCodec.decode(ByteBuffer.wrap(raw)));
                    } catch (MalformedPacketException e) {
                        return fail("the server sent a malformed datagram (" + e.getMessage() + ") from " + from);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram; fails when none arrives within {@link ServerTestSupport#WAIT}. */
    Received expect() {
        Received r = receive(ServerTestSupport.WAIT);
        if (r == null) {
            fail("nothing received within " + ServerTestSupport.WAIT);
        }
        return r;
    }

    /** The next datagram, which must be DATA from {@code from} with wire block number {@code block}. */
    Received expectData(InetSocketAddress from, int block) {
        Received r = expect();
        assertEquals(from, r.from(), () -> "sender of " + r);
        assertEquals(block, r.data().block(), () -> "block number of " + r);
        return r;
    }

    /**
     * Like {@link #expectData}, but first skips DATA blocks that are behind {@code block} (by up to 4096): the
     * retransmissions a short server timeout may add while the test is between two steps.
     */
    Received expectDataSkippingRetransmissions(InetSocketAddress from, int block) {
        while (true) {
            Received r = expect();
            assertEquals(from, r.from(), () -> "sender of " + r);
            int behind = (block - r.data().block()) & 0xFFFF;
            if (behind == 0) {
                return r;
            }
            if (behind > 4096) {
                fail("expected DATA " + block + ", got " + r);
            }
        }
    }

    /** The next datagram, which must be an ERROR with {@code code}. */
    Received expectError(int code) {
        Received r = expect();
        assertEquals(code, r.error().code(), () -> "error code of " + r);
        return r;
    }

    /** Fails when anything arrives within {@code quiet}. */
    void expectNothing(Duration quiet) {
        Received r = receive(quiet);
        if (r != null) {
            fail("expected silence for " + quiet + ", got " + r);
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // test teardown
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
