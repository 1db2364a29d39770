package net.diskless.rpc.server;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where and how an RPC server listens.
 *
 * @param name            short service name for thread names and logs ({@code portmap}, {@code bootparams})
 * @param address         the address to bind ({@code 0.0.0.0}: every IPv4 interface)
 * @param tcpPort         TCP port; 0 picks a free one; -1 serves no TCP
 * @param udpPort         UDP port; 0 picks a free one; -1 serves no UDP
 * @param maxRecordBytes  largest RPC message accepted over TCP (all fragments); a longer record mark closes the connection
 * @param workerThreads   threads running procedures
 * @param queuedCalls     calls waiting for a worker; more are dropped (the client retransmits)
 * @param peerLogIntervalNanos a peer's malformed messages are logged once per interval
 */
public record ServerSettings(String name, InetAddress address, int tcpPort, int udpPort, int maxRecordBytes,
                             int workerThreads, int queuedCalls, long peerLogIntervalNanos) {

    public ServerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (tcpPort < -1 || tcpPort > 65535 || udpPort < -1 || udpPort > 65535) {
            throw new IllegalArgumentException("port out of range: tcp " + tcpPort + ", udp " + udpPort);
        }
        if (tcpPort < 0 && udpPort < 0) {
            throw new IllegalArgumentException(name + ": neither TCP nor UDP to serve");
        }
        if (maxRecordBytes < 64 || workerThreads < 1 || queuedCalls < 1) {
            throw new IllegalArgumentException(name + ": maxRecordBytes >= 64, workerThreads >= 1, queuedCalls >= 1");
        }
    }
}
