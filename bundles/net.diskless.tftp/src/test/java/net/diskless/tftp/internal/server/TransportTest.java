package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** AUTO must pick the native transport where the appliance ships it, and NIO must stay what it says. */
class TransportTest extends ServerTestSupport {

    @Test
    void autoPicksEpollOnLinuxX86_64() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "only linux-x86_64 ships the epoll library");
        start(calm());
        assertEquals(Transport.EPOLL, server.transport(), () -> "epoll did not load: " + TftpServer.epollUnavailableReason());
    }

    @Test
    void nioIsNio() {
        NioTransport nio = new NioTransport();
        nio.root = root;
        try {
            nio.start(calm());
            assertEquals(Transport.NIO, nio.server.transport());
        } finally {
            nio.server.close();
        }
    }

    private static final class NioTransport extends ServerTestSupport {
        @Override
        Transport transport() {
            return Transport.NIO;
        }
    }
}
