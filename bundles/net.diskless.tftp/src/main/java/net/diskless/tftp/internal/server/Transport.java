package net.diskless.tftp.internal.server;

/**
 * Which netty transport carries TFTP. {@link #EPOLL} (Linux, native) costs fewer system calls per block,
 * sends a window with one {@code sendmmsg}, and reports the address each request was sent to, so a server
 * bound to the wildcard answers from that address. {@link #NIO} is the JDK's portable transport.
 */
public enum Transport {
    /** Epoll where its native library loads, NIO elsewhere. */
    AUTO,
    EPOLL,
    NIO
}
