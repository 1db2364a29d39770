package net.diskless.tftp.internal.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of one server and the datagram channels that go with them: epoll channels need epoll
 * loops, NIO channels NIO loops.
 */
final class EventLoops implements AutoCloseable {

    private final Transport transport;
    private final EventLoopGroup group;

    private EventLoops(Transport transport, EventLoopGroup group) {
        this.transport = transport;
        this.group = group;
    }

    /**
     * {@link Transport#AUTO} becomes epoll when its native library loads and NIO otherwise; an explicit
     * {@link Transport#EPOLL} that cannot load is an error, so a configuration never silently means another.
     */
    static EventLoops open(Transport wanted, int threads) throws IOException {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("tftp", true);
        boolean epoll = switch (wanted) {
            case NIO -> false;
            case AUTO -> Epoll.isAvailable();
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IOException("the epoll transport is not available here: " + Epoll.unavailabilityCause());
                }
                yield true;
            }
        };
        return epoll
                ? new EventLoops(Transport.EPOLL, new EpollEventLoopGroup(threads, threadFactory))
                : new EventLoops(Transport.NIO, new NioEventLoopGroup(threads, threadFactory));
    }

    /** Why AUTO did not pick epoll, for the log; null when it did or was not asked to. */
    static String epollUnavailableReason() {
        return Epoll.isAvailable() ? null : String.valueOf(Epoll.unavailabilityCause());
    }

    Transport transport() {
        return transport;
    }

    EventLoopGroup group() {
        return group;
    }

    DatagramChannel newChannel(InternetProtocolFamily family) {
        return transport == Transport.EPOLL ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
    }

    /** Whether a received datagram names the local address it was sent to (needs IP_RECVORIGDSTADDR). */
    boolean reportsDestination() {
        return transport == Transport.EPOLL;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
