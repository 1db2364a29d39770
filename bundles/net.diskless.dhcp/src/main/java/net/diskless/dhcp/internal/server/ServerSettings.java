package net.diskless.dhcp.internal.server;

import java.net.InetSocketAddress;

/**
 * The transport's settings.
 *
 * @param bind         the BOOTP server socket (0.0.0.0:67)
 * @param pxePort      the PXE boot server port (4011) opened in proxyDHCP mode; 0 for none
 * @param perClientRate requests per second accepted from one hardware address; more are dropped
 */
public record ServerSettings(InetSocketAddress bind, int pxePort, int perClientRate) {
}
