package net.diskless.dhcp.internal.server;

import static net.diskless.dhcp.internal.server.Clients.SERVER;
import static net.diskless.dhcp.internal.server.Clients.discover;
import static net.diskless.dhcp.internal.server.Clients.request;
import static net.diskless.dhcp.internal.server.Clients.select;
import static net.diskless.dhcp.internal.server.Clients.type;
import static net.diskless.dhcp.internal.server.Clients.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.diskless.api.MacAddress;
import net.diskless.api.leases.Lease;
import net.diskless.api.names.BootptabEntry;
import net.diskless.dhcp.internal.codec.DhcpCodec;
import net.diskless.dhcp.internal.codec.DhcpMessage;
import net.diskless.dhcp.internal.codec.DhcpOptions;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.codec.MessageType;
import net.diskless.dhcp.internal.codec.OptionCodes;
import org.junit.jupiter.api.Test;

class ResponderTest {

    private static final int CLIENT1 = Ipv4.parse("10.99.0.2");
    private final AtomicLong now = new AtomicLong(1_000_000);

    /** client1 (…:01) is a static host with bootptab facts; 10.99.0.150 is reserved in hosts for nobody here. */
    private final Hosts hosts = new Hosts() {
        @Override
        public Optional<StaticHost> byMac(MacAddress mac) {
            if (mac.equals(MacAddress.of(Clients.mac(1)))) {
                return Optional.of(new StaticHost("client1", CLIENT1, new BootptabEntry("client1", Map.of(
                        "sm", "255.255.255.0", "gw", "10.99.0.254", "bf", "pxeboot", "hd", "/boot", "hn", "",
                        "rp", "10.99.0.1:/export/root/client1", "T150", "0x0a630001", "T151", "text", "T152", "\"quoted\"", "T153", "0a:63"))));
            }
            return Optional.empty();
        }

        @Override
        public boolean reserved(int ip) {
            return ip == Ipv4.parse("10.99.0.150") || ip == CLIENT1;
        }

        @Override
        public boolean canBoot(int ip) {
            return ip == CLIENT1;
        }
    };

    private Responder responder(String... subnets) {
        return responder(Clients.settings(java.util.Arrays.stream(subnets).map(Subnet::parse).toList()), List.of());
    }

    private Responder responder(Settings s, List<Lease> leases) {
        return new Responder(s, hosts, leases, now::get);
    }

    private static Decision handle(Responder r, DhcpMessage m) {
        return r.handle(m, 300, 0, 68, false);
    }

    @Test
    void staticHostGetsItsAddressAndBootptabFacts() throws Exception {
        Responder r = responder("10.99.0.0/24 router=10.99.0.1");
        Decision d = handle(r, discover(1));
        DhcpMessage offer = wire(d);
        assertEquals(MessageType.OFFER, offer.messageType().orElseThrow());
        assertEquals(CLIENT1, offer.yiaddr());
        assertEquals(SERVER, offer.siaddr());
        assertEquals("/boot/pxeboot", offer.file());
        assertEquals("10.99.0.1:/export/root/client1", offer.options().text(OptionCodes.ROOT_PATH).orElseThrow());
        assertEquals("client1", offer.options().text(OptionCodes.HOST_NAME).orElseThrow());
        assertEquals(Ipv4.parse("10.99.0.254"), offer.options().int32(OptionCodes.ROUTER).orElseThrow(), "bootptab gw wins");
        assertEquals(SERVER, offer.options().int32(OptionCodes.SERVER_ID).orElseThrow());
        assertEquals(Ipv4.parse("10.99.0.1"), offer.options().int32(150).orElseThrow(), "T150 as hex bytes");
        assertEquals("text", offer.options().text(151).orElseThrow());
        assertEquals("quoted", offer.options().text(152).orElseThrow());
        assertEquals(0x0a63, offer.options().uint16(153).orElseThrow());
        assertEquals(Ipv4.parse("10.99.0.255"), ((Decision.Reply) d).destination());
        assertEquals(68, ((Decision.Reply) d).port());
        DhcpMessage ack = wire(handle(r, select(1, CLIENT1, SERVER)));
        assertEquals(MessageType.ACK, ack.messageType().orElseThrow());
        assertEquals(3600, ack.options().int32(OptionCodes.LEASE_TIME).orElseThrow());
        assertNull(((Decision.Reply) handle(r, select(1, CLIENT1, SERVER))).lease(), "static hosts need no lease record");
    }

    @Test
    void staticHostAskingForAnotherAddressIsNakked() throws Exception {
        Responder r = responder("10.99.0.0/24");
        DhcpMessage nak = wire(handle(r, select(1, Ipv4.parse("10.99.0.77"), SERVER)));
        assertEquals(MessageType.NAK, nak.messageType().orElseThrow());
        assertEquals(0, nak.yiaddr());
    }

    @Test
    void requestForAnotherSubnetIsNakked() throws Exception {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.110");
        DhcpMessage initReboot = request(9, 5, 0, 0, type(MessageType.REQUEST)
                .int32(OptionCodes.REQUESTED_IP, Ipv4.parse("192.168.1.20")).build());
        Decision d = handle(r, initReboot);
        assertEquals(MessageType.NAK, wire(d).messageType().orElseThrow());
        assertTrue(((Decision.Reply) d).summary().reason().contains("not on 10.99.0.0/24"));
    }

    @Test
    void poolLeaseIsStoredBeforeTheAckAndRenewed() throws Exception {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.110 lease=600");
        DhcpMessage offer = wire(handle(r, discover(9)));
        assertEquals(Ipv4.parse("10.99.0.100"), offer.yiaddr());
        assertEquals(600, offer.options().int32(OptionCodes.LEASE_TIME).orElseThrow(), "the subnet caps the lease");
        Decision.Reply ack = (Decision.Reply) handle(r, select(9, offer.yiaddr(), SERVER));
        assertNotNull(ack.lease());
        assertEquals(Lease.State.BOUND, ack.lease().state());
        assertEquals("01525400aabb09", ack.lease().clientId());
        DhcpMessage renew = request(9, 7, offer.yiaddr(), 0, type(MessageType.REQUEST).build());
        Decision.Reply renewed = (Decision.Reply) handle(r, renew);
        assertEquals(MessageType.ACK, renewed.message().messageType().orElseThrow());
        assertEquals(offer.yiaddr(), renewed.destination(), "a renewal is answered by unicast to ciaddr");
        // another client asking for that address is refused
        assertEquals(MessageType.NAK, wire(handle(r, select(10, offer.yiaddr(), SERVER))).messageType().orElseThrow());
    }

    @Test
    void reservationsWinOverPools() throws Exception {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.149-10.99.0.151");
        Set<Integer> given = new HashSet<>();
        for (int c = 20; c < 22; c++) {
            given.add(wire(handle(r, discover(c))).yiaddr());
        }
        assertEquals(Set.of(Ipv4.parse("10.99.0.149"), Ipv4.parse("10.99.0.151")), given);
        DhcpMessage wants = request(30, 1, 0, 0, type(MessageType.REQUEST).int32(OptionCodes.REQUESTED_IP,
                Ipv4.parse("10.99.0.150")).build());
        assertEquals(MessageType.NAK, wire(handle(r, wants)).messageType().orElseThrow());
    }

    @Test
    void aFloodOfDiscoversCannotKeepAddressesFromClientsThatRequest() throws Exception {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.103");
        for (int c = 100; c < 200; c++) { // far more offers than addresses
            assertInstanceOf(Decision.Reply.class, handle(r, discover(c)));
        }
        DhcpMessage offer = wire(handle(r, discover(7)));
        assertTrue(Subnet.parse("10.99.0.0/24 pool=10.99.0.100-10.99.0.103").inPool(offer.yiaddr()));
        assertEquals(MessageType.ACK, wire(handle(r, select(7, offer.yiaddr(), SERVER))).messageType().orElseThrow());
        // and the static host is untouched by all of it
        assertEquals(CLIENT1, wire(handle(r, discover(1))).yiaddr());
    }

    @Test
    void poolFullOfLeasesAnswersNothing() {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.100");
        int ip = ((Decision.Reply) handle(r, discover(9))).message().yiaddr();
        assertInstanceOf(Decision.Reply.class, handle(r, select(9, ip, SERVER)));
        Decision d = handle(r, discover(10));
        assertInstanceOf(Decision.Ignore.class, d);
        assertTrue(((Decision.Ignore) d).logged());
    }

    @Test
    void leasesFromTheStoreAreNeverGivenTwice() throws Exception {
        Lease held = new Lease(Ipv4.inet(Ipv4.parse("10.99.0.100")), "01525400aabb09", MacAddress.of(Clients.mac(9)), "",
                java.time.Instant.ofEpochMilli(now.get() + 60_000), Lease.State.BOUND);
        Responder r = responder(Clients.settings(List.of(Subnet.parse("10.99.0.0/24 pool=10.99.0.100-10.99.0.101"))),
                List.of(held));
        assertEquals(Ipv4.parse("10.99.0.101"), wire(handle(r, discover(10))).yiaddr());
        assertEquals(Ipv4.parse("10.99.0.100"), wire(handle(r, discover(9))).yiaddr(), "its holder gets it back");
        now.addAndGet(120_000); // expired: free again
        Responder later = responder(Clients.settings(List.of(Subnet.parse("10.99.0.0/24 pool=10.99.0.100-10.99.0.100"))),
                List.of(held));
        assertEquals(Ipv4.parse("10.99.0.100"), wire(handle(later, discover(11))).yiaddr());
    }

    @Test
    void releaseAndDeclineAreRecorded() {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.101");
        int ip = ((Decision.Reply) handle(r, discover(9))).message().yiaddr();
        handle(r, select(9, ip, SERVER));
        Decision rel = handle(r, request(9, 3, ip, 0, type(MessageType.RELEASE).int32(OptionCodes.SERVER_ID, SERVER).build()));
        assertEquals(Lease.State.RELEASED, ((Decision.Record) rel).lease().state());
        Decision dec = handle(r, request(9, 4, 0, 0, type(MessageType.DECLINE).int32(OptionCodes.REQUESTED_IP, ip).build()));
        assertEquals(Lease.State.DECLINED, ((Decision.Record) dec).lease().state());
        assertNotEquals(ip, ((Decision.Reply) handle(r, discover(12))).message().yiaddr(), "a declined address waits");
    }

    @Test
    void anOfferTakenBackByAFloodStillGoesToTheClientThatRequestsIt() throws Exception {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.100");
        int ip = wire(handle(r, discover(9))).yiaddr();
        assertEquals(ip, wire(handle(r, discover(10))).yiaddr(), "the only address, offered again to another");
        assertEquals(MessageType.ACK, wire(handle(r, select(9, ip, SERVER))).messageType().orElseThrow());
        assertEquals(MessageType.NAK, wire(handle(r, select(10, ip, SERVER))).messageType().orElseThrow());
    }

    @Test
    void clientThatChoseAnotherServerIsLeftAlone() {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.101");
        int ip = ((Decision.Reply) handle(r, discover(9))).message().yiaddr();
        Decision d = handle(r, select(9, ip, Ipv4.parse("10.99.0.9")));
        assertFalse(((Decision.Ignore) d).logged());
    }

    @Test
    void informGetsOptionsWithoutAnAddress() throws Exception {
        Responder r = responder("10.99.0.0/24 dns=10.99.0.53 domain=example.net");
        Decision d = handle(r, request(40, 1, Ipv4.parse("10.99.0.40"), 0, type(MessageType.INFORM).build()));
        DhcpMessage ack = wire(d);
        assertEquals(0, ack.yiaddr());
        assertFalse(ack.options().has(OptionCodes.LEASE_TIME));
        assertEquals("example.net", ack.options().text(OptionCodes.DOMAIN_NAME).orElseThrow());
        assertEquals(Ipv4.parse("10.99.0.40"), ((Decision.Reply) d).destination());
    }

    @Test
    void relayedRequestsGoBackToTheRelay() {
        Responder r = responder("10.98.0.0/24 pool=10.98.0.10-10.98.0.20 router=10.98.0.1");
        DhcpMessage relayed = request(50, 1, 0, Ipv4.parse("10.98.0.1"), type(MessageType.DISCOVER).build());
        Decision.Reply offer = (Decision.Reply) handle(r, relayed);
        assertEquals(Ipv4.parse("10.98.0.10"), offer.message().yiaddr());
        assertEquals(Ipv4.parse("10.98.0.1"), offer.destination());
        assertEquals(67, offer.port());
        DhcpMessage unknownRelay = request(50, 1, 0, Ipv4.parse("172.16.0.1"), type(MessageType.DISCOVER).build());
        assertTrue(((Decision.Ignore) handle(r, unknownRelay)).reason().contains("no subnet is configured"));
        DhcpMessage tooFar = new DhcpMessage(1, 1, 17, 1, 0, 0, 0, 0, 0, Ipv4.parse("10.98.0.1"), Clients.mac(50), "", "",
                true, 0, type(MessageType.DISCOVER).build());
        assertTrue(((Decision.Ignore) handle(r, tooFar)).reason().startsWith("hop count 17"));
    }

    @Test
    void pxeBootFilePerArchitectureAndIpxeGetsItsScript() throws Exception {
        Responder r = responder("10.99.0.0/24 pool=10.99.0.100-10.99.0.110");
        DhcpOptions.Builder uefi = type(MessageType.DISCOVER).text(OptionCodes.VENDOR_CLASS, "PXEClient:Arch:00007:UNDI:003016")
                .uint16(OptionCodes.CLIENT_ARCH, 7).put(OptionCodes.CLIENT_UUID, new byte[17]);
        DhcpMessage offer = wire(handle(r, request(60, 1, 0, 0, uefi.build())));
        assertEquals("ipxe.efi", offer.file());
        assertEquals("PXEClient", offer.options().text(OptionCodes.VENDOR_CLASS).orElseThrow());
        assertTrue(offer.options().has(OptionCodes.CLIENT_UUID));
        DhcpMessage bios = wire(handle(r, request(61, 1, 0, 0, type(MessageType.DISCOVER)
                .text(OptionCodes.VENDOR_CLASS, "PXEClient").uint16(OptionCodes.CLIENT_ARCH, 0).build())));
        assertEquals("undionly.kpxe", bios.file());
        DhcpMessage ipxe = wire(handle(r, request(60, 2, 0, 0, uefi.text(OptionCodes.USER_CLASS, "iPXE").build())));
        assertEquals("boot.ipxe", ipxe.file(), "iPXE is not given iPXE again");
        DhcpMessage ipxe175 = wire(handle(r, request(62, 2, 0, 0, type(MessageType.DISCOVER)
                .put(OptionCodes.IPXE_ENCAPSULATED, new byte[] {1, 1, 1}).build())));
        assertEquals("boot.ipxe", ipxe175.file());
    }

    @Test
    void proxyDhcpGivesBootInformationWithoutAddresses() throws Exception {
        Responder r = responder(Clients.proxySettings(), List.of());
        DhcpOptions pxe = type(MessageType.DISCOVER).text(OptionCodes.VENDOR_CLASS, "PXEClient:Arch:00000")
                .uint16(OptionCodes.CLIENT_ARCH, 0).build();
        DhcpMessage offer = wire(handle(r, request(70, 1, 0, 0, pxe)));
        assertEquals(0, offer.yiaddr());
        assertEquals("undionly.kpxe", offer.file());
        assertFalse(offer.options().has(OptionCodes.LEASE_TIME));
        DhcpOptions req = type(MessageType.REQUEST).text(OptionCodes.VENDOR_CLASS, "PXEClient:Arch:00000")
                .uint16(OptionCodes.CLIENT_ARCH, 0).build();
        Decision.Reply ack = (Decision.Reply) r.handle(request(70, 2, Ipv4.parse("10.99.0.123"), 0, req), 300,
                Ipv4.parse("10.99.0.123"), 4011, true);
        assertEquals(MessageType.ACK, ack.message().messageType().orElseThrow());
        assertEquals(Ipv4.parse("10.99.0.123"), ack.destination());
        assertEquals(4011, ack.port());
        assertInstanceOf(Decision.Ignore.class, handle(r, discover(71)), "not a PXE client: not ours in proxy mode");
    }

    @Test
    void bootpClientGetsBootptabFactsAndALongerReplyWhenTheyOverflow() throws Exception {
        Responder r = responder("10.99.0.0/24");
        DhcpMessage bootp = new DhcpMessage(1, 1, 0, 9, 0, 0, 0, 0, 0, 0, Clients.mac(1), "", "", false, 0, DhcpOptions.EMPTY);
        Decision.Reply reply = (Decision.Reply) r.handle(bootp, 300, 0, 68, false);
        byte[] bytes = DhcpCodec.encode(reply.message(), reply.preferredLength(), reply.maxLength()).bytes();
        DhcpMessage m = DhcpCodec.decode(bytes);
        assertTrue(m.isBootp());
        assertEquals(CLIENT1, m.yiaddr());
        assertEquals("10.99.0.1:/export/root/client1", m.options().text(OptionCodes.ROOT_PATH).orElseThrow());
        assertEquals(0, m.overload());
        assertTrue(bytes.length > 300, "the options do not fit in 64 bytes");
    }

    @Test
    void bootpOverloadModeKeepsThreeHundredBytes() throws Exception {
        Settings s = Clients.settings(List.of(Subnet.parse("10.99.0.0/24")));
        Settings overload = new Settings(s.local(), s.subnets(), 0, 0, 68, 67, 16, true, 3600, 86400, 30, 600, "", 0, "",
                s.archBootFiles(), s.ipxeBootFile(), false, 0, true);
        Responder r = responder(overload, List.of());
        DhcpMessage bootp = new DhcpMessage(1, 1, 0, 9, 0, 0, 0, 0, 0, 0, Clients.mac(1), "", "", false, 0, DhcpOptions.EMPTY);
        Decision.Reply reply = (Decision.Reply) r.handle(bootp, 300, 0, 68, false);
        byte[] bytes = DhcpCodec.encode(reply.message(), reply.preferredLength(), reply.maxLength()).bytes();
        DhcpMessage m = DhcpCodec.decode(bytes);
        assertEquals(300, bytes.length);
        assertEquals(2, m.overload());
        assertEquals("10.99.0.1:/export/root/client1", m.options().text(OptionCodes.ROOT_PATH).orElseThrow());
    }

    @Test
    void unbootableClientsGetTheirOfferLate() {
        Settings s = Clients.settings(List.of(Subnet.parse("10.99.0.0/24 pool=10.99.0.100-10.99.0.110")));
        Settings delayed = new Settings(s.local(), s.subnets(), 0, 0, 68, 67, 16, true, 3600, 86400, 30, 600, "", 0, "",
                s.archBootFiles(), s.ipxeBootFile(), false, 1500, false);
        Responder r = responder(delayed, List.of());
        assertEquals(1500, ((Decision.Reply) handle(r, discover(9))).delayMs());
        assertEquals(0, ((Decision.Reply) handle(r, discover(1))).delayMs(), "client1 has a boot file");
    }

    @Test
    void unknownClientWithoutPoolIsQuietlyIgnored() {
        Decision d = handle(responder("10.99.0.0/24"), discover(33));
        assertFalse(((Decision.Ignore) d).logged());
    }
}
