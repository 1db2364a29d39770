package net.diskless.dhcp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.diskless.api.MacAddress;
import org.junit.jupiter.api.Test;

class DhcpCodecTest {

    @Test
    void decodesADiscover() throws Exception {
        DhcpMessage m = DhcpCodec.decode(Requests.discover());
        assertEquals(DhcpMessage.BOOTREQUEST, m.op());
        assertEquals(0x1234, m.xid());
        assertEquals(MacAddress.parse("52:54:00:aa:bb:01"), m.mac().orElseThrow());
        assertEquals(MessageType.DISCOVER, m.messageType().orElseThrow());
        assertArrayEquals(new byte[] {1, 3, 17}, m.options().get(OptionCodes.PARAMETER_REQUEST_LIST).orElseThrow());
        assertTrue(m.rfc1048());
        assertFalse(m.isBootp());
    }

    @Test
    void anRfc951RequestWithoutCookieIsPlainBootp() throws Exception {
        byte[] b = Requests.request(7, new byte[64]);
        DhcpMessage m = DhcpCodec.decode(b);
        assertFalse(m.rfc1048());
        assertTrue(m.isBootp());
        assertEquals(0, m.options().size());
    }

    @Test
    void aBootpRequestWithCookieAndNoMessageTypeIsBootp() throws Exception {
        DhcpMessage m = DhcpCodec.decode(Requests.request(7, Requests.vendor(255)));
        assertTrue(m.rfc1048());
        assertTrue(m.isBootp());
    }

    @Test
    void readsOverloadedFileThenSname() throws Exception {
        byte[] b = Requests.request(9, Requests.vendor(53, 1, 3, 52, 1, 3, 255));
        // file: option 12 "ab", sname: option 12 "cd" and option 17 "/r": file is read first (RFC 2131 4.1)
        byte[] file = {12, 2, 'a', 'b', (byte) 255};
        byte[] sname = {12, 2, 'c', 'd', 17, 2, '/', 'r', (byte) 255};
        System.arraycopy(file, 0, b, 108, file.length);
        System.arraycopy(sname, 0, b, 44, sname.length);
        DhcpMessage m = DhcpCodec.decode(b);
        assertEquals(3, m.overload());
        assertEquals("abcd", m.options().text(OptionCodes.HOST_NAME).orElseThrow());
        assertEquals("/r", m.options().text(OptionCodes.ROOT_PATH).orElseThrow());
        assertEquals("", m.file());
        assertEquals("", m.sname());
    }

    @Test
    void roundTripsAReply() throws Exception {
        DhcpMessage request = DhcpCodec.decode(Requests.discover());
        DhcpOptions options = DhcpOptions.builder().uint8(OptionCodes.MESSAGE_TYPE, 2)
                .int32(OptionCodes.SERVER_ID, Ipv4.parse("10.99.0.1"))
                .int32(OptionCodes.SUBNET_MASK, Ipv4.parse("255.255.255.0"))
                .text(OptionCodes.ROOT_PATH, "10.99.0.1:/export/root").build();
        DhcpMessage reply = DhcpMessage.replyTo(request, 0, Ipv4.parse("10.99.0.2"), Ipv4.parse("10.99.0.1"), "srv",
                "pxeboot", options);
        DhcpCodec.Encoded e = DhcpCodec.encode(reply, DhcpCodec.DEFAULT_MAX, DhcpCodec.DEFAULT_MAX);
        assertEquals(300, e.bytes().length);
        assertEquals(0, e.overload());
        assertEquals(List.of(), e.dropped());
        assertEquals(reply, DhcpCodec.decode(e.bytes()));
    }

    @Test
    void aFullVendorAreaOverloadsIntoSnameAndKeepsTheRootPath() throws Exception {
        DhcpMessage request = DhcpCodec.decode(Requests.request(5, new byte[64]));
        String rootPath = "10.99.0.1:/export/diskless/clients/client1/root"; // 49 bytes as option: not in 60 with the rest
        DhcpOptions options = DhcpOptions.builder()
                .int32(OptionCodes.SUBNET_MASK, Ipv4.parse("255.255.255.0"))
                .ips(OptionCodes.ROUTER, List.of(Ipv4.parse("10.99.0.254")))
                .text(OptionCodes.HOST_NAME, "client1")
                .text(OptionCodes.ROOT_PATH, rootPath).build();
        DhcpMessage reply = DhcpMessage.replyTo(request, 0, Ipv4.parse("10.99.0.2"), Ipv4.parse("10.99.0.1"), "",
                "boot/pxeboot", options);
        DhcpCodec.Encoded e = DhcpCodec.encode(reply, DhcpCodec.BOOTP_LENGTH, DhcpCodec.DEFAULT_MAX);
        assertEquals(300, e.bytes().length, "still a 300-byte BOOTP reply");
        assertEquals(2, e.overload(), "file holds the boot file, so only sname takes options");
        DhcpMessage back = DhcpCodec.decode(e.bytes());
        assertEquals(rootPath, back.options().text(OptionCodes.ROOT_PATH).orElseThrow());
        assertEquals("boot/pxeboot", back.file());
        assertEquals(options, withoutOverload(back.options()));
    }

    @Test
    void whenOverloadIsNotEnoughTheReplyGrows() throws Exception {
        DhcpMessage request = DhcpCodec.decode(Requests.request(5, new byte[64]));
        String rootPath = "10.99.0.1:/" + "x".repeat(150);
        DhcpOptions options = DhcpOptions.builder().text(OptionCodes.ROOT_PATH, rootPath).build();
        DhcpMessage reply = DhcpMessage.replyTo(request, 0, 1, 2, "server", "pxeboot", options);
        DhcpCodec.Encoded e = DhcpCodec.encode(reply, DhcpCodec.BOOTP_LENGTH, DhcpCodec.DEFAULT_MAX);
        assertTrue(e.bytes().length > 300);
        assertEquals(List.of(), e.dropped());
        assertEquals(rootPath, DhcpCodec.decode(e.bytes()).options().text(OptionCodes.ROOT_PATH).orElseThrow());
    }

    @Test
    void optionsLongerThan255AreSplitAndJoinedAgain() throws Exception {
        DhcpMessage request = DhcpCodec.decode(Requests.discover());
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        DhcpOptions options = DhcpOptions.builder().uint8(OptionCodes.MESSAGE_TYPE, 5).put(224, big).build();
        DhcpCodec.Encoded e = DhcpCodec.encode(DhcpMessage.replyTo(request, 0, 0, 0, "", "", options), 1500, 1500);
        assertArrayEquals(big, DhcpCodec.decode(e.bytes()).options().get(224).orElseThrow());
    }

    @Test
    void anOptionThatFitsNowhereIsReportedNotLostSilently() throws Exception {
        DhcpMessage request = DhcpCodec.decode(Requests.discover());
        DhcpOptions options = DhcpOptions.builder().uint8(OptionCodes.MESSAGE_TYPE, 5).put(224, new byte[255])
                .put(225, new byte[255]).build();
        DhcpCodec.Encoded e = DhcpCodec.encode(DhcpMessage.replyTo(request, 0, 0, 0, "s", "f", options), 548, 548);
        assertEquals(List.of(225), e.dropped());
        DhcpMessage back = DhcpCodec.decode(e.bytes());
        assertTrue(back.options().has(224));
        assertEquals(MessageType.ACK, back.messageType().orElseThrow());
    }

    @Test
    void pxeOptions() throws Exception {
        byte[] vendor = Requests.vendor(53, 1, 1, 93, 2, 0, 7, 94, 3, 1, 3, 10, 60, 9, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n',
                't', 77, 4, 'i', 'P', 'X', 'E', 175, 3, 1, 1, 1, 255);
        DhcpMessage m = DhcpCodec.decode(Requests.request(1, vendor));
        assertEquals(List.of(7), m.options().clientArchitectures());
        assertEquals("PXEClient", m.options().text(OptionCodes.VENDOR_CLASS).orElseThrow());
        assertEquals(List.of("iPXE"), m.options().userClasses());
        assertTrue(m.options().has(OptionCodes.IPXE_ENCAPSULATED));
        assertEquals("PXEClient", new String(m.options().get(60).orElseThrow(), StandardCharsets.US_ASCII));
    }

    @Test
    void rfc3004UserClassList() throws Exception {
        DhcpMessage m = DhcpCodec.decode(Requests.request(1, Requests.vendor(53, 1, 1, 77, 6, 2, 'a', 'b', 2, 'c', 'd', 255)));
        assertEquals(List.of("ab", "cd"), m.options().userClasses());
    }

    @Test
    void relayedRequestKeepsGiaddrAndHops() throws Exception {
        byte[] b = Requests.discover();
        b[3] = 2;
        Ipv4.write(b, 24, Ipv4.parse("10.98.0.1"));
        DhcpMessage m = DhcpCodec.decode(b);
        assertEquals(2, m.hops());
        assertEquals("10.98.0.1", Ipv4.text(m.giaddr()));
        DhcpMessage reply = DhcpMessage.replyTo(m, 0, 5, 0, "", "", DhcpOptions.EMPTY);
        assertEquals(m.giaddr(), reply.giaddr());
    }

    private static DhcpOptions withoutOverload(DhcpOptions o) {
        DhcpOptions.Builder b = DhcpOptions.builder();
        o.asMap().forEach((k, v) -> {
            if (k != OptionCodes.OVERLOAD) {
                b.put(k, v);
            }
        });
        return b.build();
    }
}
