package net.diskless.tftp.internal.server;

/** {@link RequestPortTest} on the NIO transport, the fallback where epoll does not load. */
class NioRequestPortTest extends RequestPortTest {
    @Override
    Transport transport() {
        return Transport.NIO;
    }
}
