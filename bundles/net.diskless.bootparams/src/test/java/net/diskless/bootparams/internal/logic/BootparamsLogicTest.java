package net.diskless.bootparams.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import org.junit.jupiter.api.Test;

class BootparamsLogicTest {

    private static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostEntry host(String name, String ip, String... aliases) {
        return new HostEntry(name, List.of(aliases), List.of(ip(ip)));
    }

    private static BootParams params(String client, String... kv) {
        return new BootParams(client, java.util.Arrays.stream(kv).map(p -> p.split("=", 2))
                .map(p -> new BootParam(p[0], p[1])).toList());
    }

    private final Directory directory = new TestDirectory(
            List.of(host("server", "10.0.0.1"), host("client1", "10.0.0.2", "c1"), host("client2", "10.0.0.3"),
                    host("lonely", "10.0.0.4")),
            Map.of("client1", params("client1", "root=server:/export/root/c1", "swap=server:/swap/c1", "term=:xterm",
                            "odd=novalue", "far=elsewhere:/x"),
                    "*", params("*", "root=server:/export/root/generic")));

    private final BootparamsLogic logic = new BootparamsLogic("dom", client -> ip("10.0.0.254"));

    @Test
    void whoamiGivesHostnameDomainAndRouter() {
        var a = assertInstanceOf(Outcome.Answer.class, logic.whoami(directory, ip("10.0.0.2")));
        assertEquals(new Whoami("client1", "dom", ip("10.0.0.254")), a.value());
        var wildcard = assertInstanceOf(Outcome.Answer.class, logic.whoami(directory, ip("10.0.0.3")));
        assertEquals("client2", ((Whoami) wildcard.value()).hostname());
    }

    @Test
    void whoamiIsSilentForAnAddressWithoutHostsEntry() {
        var s = assertInstanceOf(Outcome.Silent.class, logic.whoami(directory, ip("10.0.0.9")));
        assertTrue(s.reason().contains("no hosts entry for 10.0.0.9"), s.reason());
    }

    @Test
    void getfileSplitsServerAndPathAndResolvesTheServer() {
        var a = assertInstanceOf(Outcome.Answer.class, logic.getfile(directory, "c1", "root"));
        assertEquals(new Getfile("server", ip("10.0.0.1"), "/export/root/c1"), a.value());
        assertEquals("client1", a.hostname(), "an alias is asked by its canonical name");
        var swap = assertInstanceOf(Outcome.Answer.class, logic.getfile(directory, "client1", "swap"));
        assertEquals("/swap/c1", ((Getfile) swap.value()).path());
        var wildcard = assertInstanceOf(Outcome.Answer.class, logic.getfile(directory, "client2", "root"));
        assertEquals("/export/root/generic", ((Getfile) wildcard.value()).path());
    }

    @Test
    void dumpWithoutEntryAndEmptyServersAreAnsweredWithEmptyNames() {
        var dump = assertInstanceOf(Outcome.Answer.class, logic.getfile(directory, "client1", "dump"));
        assertEquals(new Getfile("", ip("0.0.0.0"), ""), dump.value());
        var term = assertInstanceOf(Outcome.Answer.class, logic.getfile(directory, "client1", "term"));
        assertEquals(new Getfile("", ip("0.0.0.0"), "xterm"), term.value());
    }

    @Test
    void getfileIsSilentWhenItCannotAnswer() {
        for (String[] q : new String[][] {{"client1", "home"}, {"client1", "odd"}, {"client1", "far"}, {"nobody", "root"}}) {
            assertInstanceOf(Outcome.Silent.class, logic.getfile(directory, q[0], q[1]), String.join(" ", q));
        }
    }

    @Test
    void theRouterIsThisServersAddressOnTheClientsSubnet() {
        List<RouterLookup.Local> locals = List.of(new RouterLookup.Local(ip("127.0.0.1"), 8),
                new RouterLookup.Local(ip("192.168.1.5"), 24), new RouterLookup.Local(ip("10.99.0.1"), 24));
        assertEquals(ip("10.99.0.1"), RouterLookup.choose(locals, ip("10.99.0.2")).orElseThrow());
        assertEquals(ip("192.168.1.5"), RouterLookup.choose(locals, ip("172.16.0.1")).orElseThrow(), "else the first");
        assertTrue(RouterLookup.choose(List.of(new RouterLookup.Local(ip("127.0.0.1"), 8)), ip("10.0.0.1")).isEmpty());
    }
}
