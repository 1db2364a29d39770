package net.diskless.tftp.internal.server;

import java.net.InetSocketAddress;

/**
 * What the transport needs to know, decoupled from the OSGi configuration so it can be tested alone.
 *
 * @param bind             address and port of the request socket (port 69 by default)
 * @param maxBlockSize     largest blksize granted (RFC 2348 allows up to 65464; the component clamps it to the path MTU)
 * @param maxWindowSize    largest windowsize granted (RFC 7440); 1 disables windowing
 * @param timeoutMillis    retransmission timeout when the client does not ask for one
 * @param retries          retransmissions of one window before the transfer is abandoned
 * @param maxTransfers     transfers in progress at once; more get "server busy"
 * @param netasciiMaxBytes netascii files are converted in memory; larger ones are refused
 */
public record ServerSettings(InetSocketAddress bind, int maxBlockSize, int maxWindowSize, long timeoutMillis,
                             int retries, int maxTransfers, long netasciiMaxBytes) {

    public ServerSettings {
        if (maxBlockSize < 8 || maxBlockSize > 65464) {
            throw new IllegalArgumentException("maxBlockSize must be 8..65464, not " + maxBlockSize);
        }
        if (maxWindowSize < 1 || maxWindowSize > 65535) {
            throw new IllegalArgumentException("maxWindowSize must be 1..65535, not " + maxWindowSize);
        }
        if (timeoutMillis < 10) {
            throw new IllegalArgumentException("timeoutMillis must be at least 10, not " + timeoutMillis);
        }
        if (retries < 0 || maxTransfers < 1) {
            throw new IllegalArgumentException("retries must be >= 0 and maxTransfers >= 1");
        }
    }
}
