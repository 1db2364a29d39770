package net.diskless.tftp.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import net.diskless.tftp.internal.codec.ErrorCodes;
import net.diskless.tftp.internal.codec.TftpPacket;
import net.diskless.tftp.internal.codec.TransferMode;
import org.junit.jupiter.api.Test;

/**
 * With the default configuration (address 0.0.0.0) a client must get its answers from the address it sent its
 * request to: PXE ROMs and most clients drop packets from another server address. 127.0.0.2 stands in for a
 * second (or secondary) address of the appliance; Linux answers on all of 127.0.0.0/8. This needs the epoll
 * transport (IP_RECVORIGDSTADDR); {@link TransportTest} checks that it is the one picked here.
 */
class SourceAddressTest extends ServerTestSupport {

    private static final InetAddress SECOND;

    static {
        try {
            SECOND = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static boolean secondLoopbackAddressWorks() {
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            b.bind(new InetSocketAddress(SECOND, 0));
            a.bind(new InetSocketAddress(TestClient.LOOPBACK, 0));
            a.send(ByteBuffer.wrap(new byte[] {1}), b.getLocalAddress());
            b.socket().setSoTimeout(1000); // applies to the adaptor's receive, not to the channel's
            b.socket().receive(new java.net.DatagramPacket(new byte[4], 4));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void startOnTheWildcardAddress() throws IOException {
        assumeTrue(secondLoopbackAddressWorks(), "127.0.0.2 is not usable here (not Linux?)");
        start(new ServerSettings(new InetSocketAddress(0), 65464, 64, CALM_TIMEOUT_MS, 2, 16, 1 << 20));
        // Only epoll reports the address a datagram was sent to; NIO answers from the address routing picks.
        assumeTrue(server.transport() == Transport.EPOLL, "the epoll transport does not load here");
    }

    @Test
    void refusalComesFromTheAddressTheRequestWasSentTo() throws IOException {
        startOnTheWildcardAddress();
        TestClient c = client();
        InetSocketAddress target = new InetSocketAddress(SECOND, requestPort().getPort());

        c.send(new TftpPacket.ReadRequest("missing", TransferMode.OCTET), target);

        TestClient.Received e = c.expectError(ErrorCodes.FILE_NOT_FOUND);
        // From that address, but another port: netty cannot choose a datagram's source address, so the refusal
        // leaves through a socket bound to it (as tftpd-hpa, whose refusals come from its child's new socket).
        assertEquals(SECOND, e.from().getAddress(), () -> "the refusal came from " + e.from());
    }

    @Test
    void transferComesFromTheAddressTheRequestWasSentTo() throws IOException {
        startOnTheWildcardAddress();
        file("f.bin", 10);
        TestClient c = client();
        InetSocketAddress target = new InetSocketAddress(SECOND, requestPort().getPort());

        c.send(new TftpPacket.ReadRequest("f.bin", TransferMode.OCTET), target);

        TestClient.Received d1 = c.expect();
        assertEquals(1, d1.data().block());
        assertEquals(SECOND, d1.from().getAddress(), () -> "DATA 1 came from " + d1.from());
    }
}
