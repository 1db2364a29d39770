package net.diskless.nfs.internal.server;

/**
 * Transfer sizes the server offers (FSINFO) and holds calls to.
 *
 * @param maxTcpIo largest READ/WRITE/READDIR over TCP (rtmax, wtmax, dtpref)
 * @param maxUdpIo largest over UDP: a reply must fit one datagram
 */
public record Limits(int maxTcpIo, int maxUdpIo) {

    public Limits {
        if (maxTcpIo < 4096 || maxUdpIo < 4096 || maxUdpIo > 60 * 1024) {
            throw new IllegalArgumentException("maxTcpIo >= 4096, 4096 <= maxUdpIo <= 61440");
        }
    }

    public int maxIo(boolean tcp) {
        return tcp ? maxTcpIo : maxUdpIo;
    }
}
