package net.diskless.tftp.internal.server;

/** {@link LockstepTransferTest} on the NIO transport, the fallback where epoll does not load. */
class NioLockstepTransferTest extends LockstepTransferTest {
    @Override
    Transport transport() {
        return Transport.NIO;
    }
}
