package net.diskless.rpc.internal.portmap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Forwards CALLIT calls to the real service over UDP and hands the results back. Each forward runs on a small
 * bounded pool with its own socket and a deadline, so a slow or silent service never holds a portmapper
 * worker and a flood of CALLITs is dropped rather than queued without end.
 */
public final class CallitForwarder implements AutoCloseable {

    private final InetAddress target;
    private final int timeoutMs;
    private final ThreadPoolExecutor pool;
    private final SecureRandom xids = new SecureRandom();

    public CallitForwarder(InetAddress target, int timeoutMs, int threads, int queued) {
        this.target = target;
        this.timeoutMs = timeoutMs;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued), r -> {
            Thread t = new Thread(r, "diskless-portmap-callit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** What became of one forward. */
    public sealed interface Outcome {
        record Results(byte[] results) implements Outcome { }

        record Failed(String reason) implements Outcome { }
    }

    /**
     * Forwards asynchronously; {@code done} gets the outcome (on a pool thread). False when the pool is full:
     * the call is dropped, as a broadcast to a busy portmapper would be.
     */
    public boolean forward(int port, CallitArgs call, Consumer<Outcome> done) {
        try {
            pool.execute(() -> done.accept(exchange(port, call)));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private Outcome exchange(int port, CallitArgs call) {
        int xid = xids.nextInt();
        byte[] message = ForwardCodec.call(xid, call.program(), call.version(), call.procedure(), call.args());
        InetSocketAddress service = new InetSocketAddress(target, port);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(target, 0))) {
            socket.send(new DatagramPacket(message, message.length, service));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            byte[] buffer = new byte[65536];
            // Bounded: ends at the deadline whatever arrives; datagrams from elsewhere or for another xid are skipped.
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return new Outcome.Failed("no reply from " + service + " within " + timeoutMs + " ms");
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (!service.equals(reply.getSocketAddress())) {
                    continue;
                }
                Optional<byte[]> results = ForwardCodec.successResults(reply.getData(), reply.getLength(), xid);
                if (results.isPresent()) {
                    return new Outcome.Results(results.get());
                }
                if (reply.getLength() >= 4 && java.nio.ByteBuffer.wrap(buffer).getInt() == xid) {
                    return new Outcome.Failed("the service at " + service + " answered with an error");
                }
            }
        } catch (IOException e) {
            return new Outcome.Failed("forwarding to " + service + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
