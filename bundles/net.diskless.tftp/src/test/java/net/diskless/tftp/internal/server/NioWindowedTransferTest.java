package net.diskless.tftp.internal.server;

/** {@link WindowedTransferTest} on the NIO transport, the fallback where epoll does not load. */
class NioWindowedTransferTest extends WindowedTransferTest {
    @Override
    Transport transport() {
        return Transport.NIO;
    }
}
