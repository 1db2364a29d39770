package net.diskless.rpc.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.ReplyQueue;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.dcache.oncrpc4j.rpc.RpcDispatcher;
import org.dcache.oncrpc4j.rpc.RpcMessageParserTCP;
import org.dcache.oncrpc4j.rpc.RpcMessageParserUDP;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.nio.transport.UDPNIOTransport;
import org.glassfish.grizzly.nio.transport.UDPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.slf4j.Logger;

/**
 * One RPC server: oncrpc4j programs served over grizzly TCP and/or UDP. Built from oncrpc4j's public filters
 * rather than its {@code OncRpcSvc} so that guards can sit in front of them (see {@link RecordMarkGuard},
 * {@link CallGuard}) and nothing is published to a portmapper behind the appliance's back (the
 * {@code RpcRegistry} does that). Procedures run on a bounded pool; a full queue drops calls, which UDP
 * clients retransmit.
 */
public final class RpcServer implements AutoCloseable {

    private final ServerSettings settings;
    private final Logger log;
    private final ReplyQueue replies = new ReplyQueue();
    private final ThreadPoolExecutor workers;
    private final ProgramTable programs = new ProgramTable();
    private final AtomicLong dropped = new AtomicLong();
    private final PeerLog peerLog;
    private TCPNIOTransport tcp;
    private UDPNIOTransport udp;
    private InetSocketAddress tcpAddress;
    private InetSocketAddress udpAddress;

    private RpcServer(ServerSettings settings, Map<OncRpcProgram, RpcDispatchable> programs, Logger log) {
        this.settings = settings;
        this.log = log;
        this.peerLog = new PeerLog(log, settings.peerLogIntervalNanos(), 4096);
        programs.forEach(this::register);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queuedCalls()), r -> {
                    Thread t = new Thread(r, "diskless-" + settings.name() + "-rpc-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> {
                    // Logged on the 1st, 2nd, 4th, 8th… drop: a flood shows without flooding the log.
                    long d = dropped.incrementAndGet();
                    if (Long.bitCount(d) == 1) {
                        log.warn("{}: busy, {} call(s) dropped so far", settings.name(), d);
                    }
                });
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** Binds and starts; on failure nothing is left running and the exception says what could not be bound. */
    public static RpcServer start(ServerSettings settings, Map<OncRpcProgram, RpcDispatchable> programs, Logger log)
            throws IOException {
        RpcServer server = new RpcServer(settings, programs, log);
        try {
            server.bind();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void bind() throws IOException {
        String name = settings.name();
        RpcDispatcher dispatcher = new RpcDispatcher(workers, programs, false, call -> { });
        if (settings.tcpPort() >= 0) {
            tcp = TCPNIOTransportBuilder.newInstance()
                    .setReuseAddress(true)
                    .setTcpNoDelay(true)
                    .setIOStrategy(SameThreadIOStrategy.getInstance())
                    .setSelectorThreadPoolConfig(selectors(name + "-tcp"))
                    .setSelectorRunnersCount(1)
                    .build();
            tcp.setProcessor(chain(new RecordMarkGuard(name, settings.maxRecordBytes(), peerLog),
                    new RpcMessageParserTCP(), new CallGuard(name, peerLog), new ProtocolFilter(name, replies, peerLog),
                    dispatcher));
            Connection<?> c = tcp.bind(new InetSocketAddress(settings.address(), settings.tcpPort()), 64);
            tcpAddress = (InetSocketAddress) c.getLocalAddress();
            tcp.start();
        }
        if (settings.udpPort() >= 0) {
            // No SO_REUSEADDR for UDP: on Linux it would let this socket share port 111 with the host's rpcbind
            // and take part of its traffic, instead of failing to bind.
            udp = UDPNIOTransportBuilder.newInstance()
                    .setReuseAddress(false)
                    .setIOStrategy(SameThreadIOStrategy.getInstance())
                    .setSelectorThreadPoolConfig(selectors(name + "-udp"))
                    .setSelectorRunnersCount(1)
                    .build();
            udp.setProcessor(chain(new RpcMessageParserUDP(), new CallGuard(name, peerLog),
                    new ProtocolFilter(name, replies, peerLog), dispatcher));
            Connection<?> c = udp.bind(new InetSocketAddress(settings.address(), settings.udpPort()));
            udpAddress = (InetSocketAddress) c.getLocalAddress();
            udp.start();
        }
    }

    private static ThreadPoolConfig selectors(String name) {
        return ThreadPoolConfig.defaultConfig().copy().setPoolName("diskless-" + name).setCorePoolSize(1).setMaxPoolSize(1)
                .setDaemon(true);
    }

    private static org.glassfish.grizzly.filterchain.FilterChain chain(Filter... filters) {
        FilterChainBuilder b = FilterChainBuilder.stateless().add(new TransportFilter());
        for (Filter f : filters) {
            b.add(f);
        }
        return b.build();
    }

    /** Serves another program (or version) from now on. */
    public void register(OncRpcProgram program, RpcDispatchable handler) {
        programs.put(program, new GuardedProgram(settings.name(), handler, peerLog));
    }

    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcpAddress);
    }

    public Optional<InetSocketAddress> udpAddress() {
        return Optional.ofNullable(udpAddress);
    }

    /** Calls dropped because every worker was busy and the queue full. */
    public long droppedCalls() {
        return dropped.get();
    }

    /** Stops listening and every thread of this server; idempotent. */
    @Override
    public synchronized void close() {
        shutdown(tcp);
        shutdown(udp);
        tcp = null;
        udp = null;
        workers.shutdownNow();
        replies.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdown(NIOTransport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.shutdownNow();
        } catch (IOException | RuntimeException e) {
            log.warn("{}: closing {}: {}", settings.name(), transport.getName(), e.toString());
        }
    }
}
