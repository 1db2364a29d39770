package net.diskless.rarp.internal.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.diskless.api.MacAddress;
import net.diskless.rarp.internal.codec.Decoded;
import net.diskless.rarp.internal.codec.RarpCodec;
import net.diskless.rarp.internal.codec.RarpFrame;
import org.junit.jupiter.api.Test;

class ResponderTest {

    static final MacAddress BOOTABLE = MacAddress.parse("52:54:00:aa:bb:01");
    static final MacAddress NO_BOOT_FILE = MacAddress.parse("52:54:00:aa:bb:02");
    static final MacAddress OTHER_SUBNET = MacAddress.parse("52:54:00:aa:bb:03");
    static final MacAddress STRANGER = MacAddress.parse("52:54:00:aa:bb:99");
    static final MacAddress SERVER_MAC = MacAddress.parse("02:00:00:00:00:01");

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** ethers + hosts + tftpboot of the tests: client1 can be booted, client2 cannot, client3 is elsewhere. */
    static final class FakeClients implements Clients {
        final Map<MacAddress, Known> known = new HashMap<>(Map.of(
                BOOTABLE, new Known("client1", ip("10.99.0.2")),
                NO_BOOT_FILE, new Known("client2", ip("10.99.0.3")),
                OTHER_SUBNET, new Known("client3", ip("192.168.7.3"))));
        final Set<Inet4Address> bootable = new HashSet<>(Set.of(ip("10.99.0.2")));

        @Override
        public Identity identify(MacAddress mac) {
            Known k = known.get(mac);
            return k != null ? k : new Unknown("ethers: files NOTFOUND");
        }

        @Override
        public Optional<String> bootFile(Inet4Address client) {
            return bootable.contains(client) ? Optional.of("tftpboot/" + net.diskless.api.HexIp.of(client)) : Optional.empty();
        }
    }

    /** Every listener call as a line, and every frame put on the link with the time it went. */
    static final class Recorder implements Listener {
        final List<String> lines = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        ManualScheduler clock;

        @Override
        public void requestSeen(Link link, RarpFrame request) {
            lines.add("request " + request.targetMac());
        }

        @Override
        public void unknown(Link link, MacAddress mac, String reason) {
            lines.add("unknown " + mac + ": " + reason);
        }

        @Override
        public void replied(Link link, MacAddress mac, Reply reply, long delayMillis, int absorbed) {
            lines.add("replied " + mac + " " + reply.clientIp().getHostAddress() + " after " + delayMillis
                    + " absorbed " + absorbed + " (" + reply.why() + ")");
        }

        @Override
        public void delayed(Link link, MacAddress mac, Reply reply, long delayMillis, boolean alreadyPending) {
            lines.add("delayed " + mac + (alreadyPending ? " again" : ""));
        }

        @Override
        public void notAnswered(Link link, MacAddress mac, String reason) {
            lines.add("not answered " + mac + ": " + reason);
        }
    }

    final FakeClients clients = new FakeClients();
    final ManualScheduler scheduler = new ManualScheduler();
    final Recorder recorder = new Recorder();
    final Link br0 = link("br0", List.of(new Ipv4Net(ip("10.99.0.1"), 24)));

    Link link(String name, List<Ipv4Net> addresses) {
        return new Link(name, SERVER_MAC, () -> addresses, frame -> {
            recorder.sent.add(frame);
            recorder.sentAt.add(scheduler.now());
        });
    }

    Responder responder(Policy policy) {
        return new Responder(new Responder.Settings(policy, 3000, 16), clients, scheduler, recorder);
    }

    static RarpFrame request(MacAddress mac) {
        return ((Decoded.Request) RarpCodec.decode(RarpCodec.request(mac))).frame();
    }

    @Test
    void bootableClientIsAnsweredAtOnceWithItsAddress() {
        Responder r = responder(Policy.DELAY);
        r.onRequest(br0, request(BOOTABLE));
        assertEquals(1, recorder.sent.size(), recorder.lines::toString);
        assertEquals(0L, recorder.sentAt.get(0));
        assertArrayEquals(RarpCodec.reply(request(BOOTABLE), SERVER_MAC, ip("10.99.0.1"), ip("10.99.0.2")),
                recorder.sent.get(0));
        assertEquals(List.of("request 52:54:00:aa:bb:01",
                "replied 52:54:00:aa:bb:01 10.99.0.2 after 0 absorbed 0 (boot file tftpboot/0A630002)"), recorder.lines);
        assertEquals(0, scheduler.waiting());
    }

    @Test
    void clientWithoutBootFileIsAnsweredOnlyAfterTheDelay() {
        Responder r = responder(Policy.DELAY);
        r.onRequest(br0, request(NO_BOOT_FILE));
        assertEquals(List.of(), recorder.sent);
        scheduler.advance(2999);
        assertEquals(List.of(), recorder.sent);
        scheduler.advance(1);
        assertEquals(List.of(3000L), recorder.sentAt);
        assertArrayEquals(RarpCodec.reply(request(NO_BOOT_FILE), SERVER_MAC, ip("10.99.0.1"), ip("10.99.0.3")),
                recorder.sent.get(0));
        assertEquals("replied 52:54:00:aa:bb:02 10.99.0.3 after 3000 absorbed 0 (no boot file)",
                recorder.lines.get(recorder.lines.size() - 1));
        assertEquals(0, r.pendingCount());
    }

    @Test
    void repeatedRequestsDuringTheDelayGetOneReply() {
        Responder r = responder(Policy.DELAY);
        r.onRequest(br0, request(NO_BOOT_FILE));
        for (int i = 0; i < 5; i++) {
            scheduler.advance(500);
            r.onRequest(br0, request(NO_BOOT_FILE));
        }
        scheduler.advance(500); // 3000 ms after the first request
        assertEquals(List.of(3000L), recorder.sentAt);
        assertTrue(recorder.lines.contains("replied 52:54:00:aa:bb:02 10.99.0.3 after 3000 absorbed 5 (no boot file)"),
                recorder.lines::toString);
        scheduler.advance(10_000);
        assertEquals(1, recorder.sent.size());
        // Once answered, a new request starts a new delay
        r.onRequest(br0, request(NO_BOOT_FILE));
        scheduler.advance(3000);
        assertEquals(List.of(3000L, 16_000L), recorder.sentAt);
    }

    @Test
    void delayedRepliesAreKeptApartPerClientAndPerInterface() {
        Responder r = responder(Policy.DELAY);
        Link eth1 = link("eth1", List.of(new Ipv4Net(ip("10.99.0.254"), 24)));
        clients.known.put(STRANGER, new Clients.Known("client9", ip("10.99.0.9")));
        r.onRequest(br0, request(NO_BOOT_FILE));
        r.onRequest(br0, request(STRANGER));
        r.onRequest(eth1, request(NO_BOOT_FILE));
        assertEquals(3, r.pendingCount());
        scheduler.advance(3000);
        assertEquals(3, recorder.sent.size());
    }

    @Test
    void unknownAddressIsNeverAnswered() {
        Responder r = responder(Policy.IMMEDIATELY);
        r.onRequest(br0, request(STRANGER));
        scheduler.advance(60_000);
        assertEquals(List.of(), recorder.sent);
        assertEquals(List.of("request 52:54:00:aa:bb:99", "unknown 52:54:00:aa:bb:99: ethers: files NOTFOUND"),
                recorder.lines);
    }

    @Test
    void policyNeverLeavesClientsWithoutBootFileUnanswered() {
        Responder r = responder(Policy.NEVER);
        r.onRequest(br0, request(NO_BOOT_FILE));
        scheduler.advance(60_000);
        assertEquals(List.of(), recorder.sent);
        assertTrue(recorder.lines.get(1).startsWith("not answered 52:54:00:aa:bb:02: no boot file"), recorder.lines::toString);
        r.onRequest(br0, request(BOOTABLE)); // a bootable client still is
        assertEquals(1, recorder.sent.size());
    }

    @Test
    void policyImmediatelyAnswersClientsWithoutBootFileAtOnce() {
        Responder r = responder(Policy.IMMEDIATELY);
        r.onRequest(br0, request(NO_BOOT_FILE));
        assertEquals(List.of(0L), recorder.sentAt);
        assertEquals(0, scheduler.waiting());
    }

    @Test
    void bootFileAppearingDuringTheDelayAnswersAtOnceAndOnlyOnce() {
        Responder r = responder(Policy.DELAY);
        r.onRequest(br0, request(NO_BOOT_FILE));
        scheduler.advance(1000);
        clients.bootable.add(ip("10.99.0.3"));
        r.onRequest(br0, request(NO_BOOT_FILE));
        assertEquals(List.of(1000L), recorder.sentAt);
        scheduler.advance(10_000);
        assertEquals(1, recorder.sent.size(), "the delayed reply was not cancelled");
        assertEquals(0, r.pendingCount());
    }

    @Test
    void clientOnNoSubnetOfTheInterfaceIsNotAnswered() {
        Responder r = responder(Policy.IMMEDIATELY);
        r.onRequest(br0, request(OTHER_SUBNET));
        assertEquals(List.of(), recorder.sent);
        assertTrue(recorder.lines.get(1).contains("not on a subnet of br0"), recorder.lines::toString);
        // An interface without any IPv4 address (a bridge port) cannot answer anyone
        r.onRequest(link("vcli", List.of()), request(BOOTABLE));
        assertEquals(List.of(), recorder.sent);
    }

    @Test
    void serverAddressIsTheOneOnTheClientsSubnet() {
        Responder r = responder(Policy.DELAY);
        Link multi = link("eth0", List.of(new Ipv4Net(ip("192.168.7.1"), 24), new Ipv4Net(ip("10.99.0.1"), 16)));
        r.onRequest(multi, request(BOOTABLE));
        assertEquals("10.99.0.1", addressAt(recorder.sent.get(0), 28));
        r.onRequest(multi, request(OTHER_SUBNET));
        scheduler.advance(3000);
        assertEquals("192.168.7.1", addressAt(recorder.sent.get(1), 28));
    }

    static String addressAt(byte[] frame, int offset) {
        return (frame[offset] & 0xFF) + "." + (frame[offset + 1] & 0xFF) + "." + (frame[offset + 2] & 0xFF) + "."
                + (frame[offset + 3] & 0xFF);
    }

    @Test
    void pendingRepliesAreBounded() {
        Responder r = new Responder(new Responder.Settings(Policy.DELAY, 3000, 2), clients, scheduler, recorder);
        clients.known.put(STRANGER, new Clients.Known("client9", ip("10.99.0.9")));
        clients.known.put(OTHER_SUBNET, new Clients.Known("client3", ip("10.99.0.33")));
        r.onRequest(br0, request(NO_BOOT_FILE));
        r.onRequest(br0, request(STRANGER));
        r.onRequest(br0, request(OTHER_SUBNET));
        assertEquals(2, r.pendingCount());
        assertTrue(recorder.lines.get(recorder.lines.size() - 1).contains("more than 2 delayed replies pending"));
        scheduler.advance(3000);
        assertEquals(2, recorder.sent.size());
    }

    @Test
    void closeCancelsDelayedReplies() {
        Responder r = responder(Policy.DELAY);
        r.onRequest(br0, request(NO_BOOT_FILE));
        r.close();
        scheduler.advance(10_000);
        assertEquals(List.of(), recorder.sent);
        r.onRequest(br0, request(NO_BOOT_FILE));
        assertEquals(0, r.pendingCount());
    }

    @Test
    void aFailedSendIsReportedNotThrown() {
        Responder r = responder(Policy.DELAY);
        Link broken = new Link("br0", SERVER_MAC, () -> List.of(new Ipv4Net(ip("10.99.0.1"), 24)), frame -> {
            throw new IOException("Network is down");
        });
        r.onRequest(broken, request(BOOTABLE));
        assertTrue(recorder.lines.get(1).contains("cannot send the reply on br0: Network is down"), recorder.lines::toString);
    }
}
