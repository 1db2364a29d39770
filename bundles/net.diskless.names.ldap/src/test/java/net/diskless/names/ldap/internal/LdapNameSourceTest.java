package net.diskless.names.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.names.LookupResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against UnboundID's in-memory server (the real-server tests with slapd are in e2e). */
class LdapNameSourceTest {

    @TempDir
    Path home;

    InMemoryDirectoryServer server;
    LdapNameSource source;

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.setSchema(null); // RFC 2307 classes are not in its standard schema; slapd checks them in e2e
        config.addAdditionalBindCredentials("cn=reader,dc=example,dc=org", "s3cret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), freePort(), null));
        config.setAuthenticationRequiredOperationTypes(com.unboundid.ldap.sdk.OperationType.SEARCH);
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=org", "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: ou=hosts,dc=example,dc=org", "objectClass: organizationalUnit", "ou: hosts");
        server.add("dn: cn=client1,ou=hosts,dc=example,dc=org", "objectClass: device", "objectClass: ieee802Device",
                "objectClass: ipHost", "objectClass: bootableDevice", "cn: client1", "cn: c1",
                "macAddress: 52:54:0:aa:bb:1", "ipHostNumber: 10.99.0.2",
                "bootParameter: root=server:/export/root/client1", "bootFile: pxelinux.0");
        server.add("dn: cn=server,ou=hosts,dc=example,dc=org", "objectClass: device", "objectClass: ipHost",
                "cn: server", "ipHostNumber: 10.99.0.1");
        server.startListening();
        Files.writeString(home.resolve("pw"), "s3cret\n");
    }

    /** A fixed port, so the server comes back where the source expects it after an outage. */
    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (server != null) {
            server.shutDown(true);
        }
    }

    private LdapNameSource source(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of(
                "urls", new String[] {"ldap://127.0.0.1:" + server.getListenPort()},
                "baseDn", "dc=example,dc=org",
                "bindDn", "cn=reader,dc=example,dc=org",
                "bindPasswordFile", "pw",
                "retryIntervalMs", 0L,
                "connectTimeoutMs", 1000));
        values.putAll(extra);
        ApplianceHome h = () -> home;
        return new LdapNameSource(h, Configs.ldap(values));
    }

    @Test
    void answersEveryMap() throws Exception {
        source = source(Map.of());
        MacAddress mac = MacAddress.parse("52:54:00:aa:bb:01");
        assertEquals("client1", source.ethersByMac(mac).asOptional().orElseThrow().hostname());
        assertEquals(mac, source.ethersByHost("client1").asOptional().orElseThrow().mac());
        assertEquals(List.of("c1"), source.hostByName("c1").asOptional().orElseThrow().aliases());
        assertEquals("server", source.hostByAddress(InetAddress.getByName("10.99.0.1")).asOptional().orElseThrow().canonicalName());
        assertEquals("server:/export/root/client1",
                source.bootparams("client1").asOptional().orElseThrow().get("root").orElseThrow().value());
        assertEquals("pxelinux.0", source.bootptabByMac(mac).asOptional().orElseThrow().bootFile().orElseThrow());
        assertInstanceOf(LookupResult.NotFound.class, source.ethersByMac(MacAddress.parse("52:54:00:aa:bb:99")));
        assertInstanceOf(LookupResult.NotFound.class, source.hostByName("*"), "a * is a literal, not a wildcard");
        assertInstanceOf(LookupResult.NotFound.class, source.hostByName("x)(cn=*"), "filter syntax is escaped");
    }

    @Test
    void withoutUrlsItIsIdleAndUnavailable() {
        source = new LdapNameSource(() -> home, Configs.ldap(Map.of()));
        var r = source.ethersByMac(MacAddress.parse("52:54:00:aa:bb:01"));
        assertInstanceOf(LookupResult.Unavailable.class, r);
        assertTrue(((LookupResult.Unavailable<?>) r).reason().contains("no LDAP server"), r.toString());
    }

    @Test
    void aWrongPasswordIsUnavailableNotNotFound() throws Exception {
        Files.writeString(home.resolve("pw"), "wrong\n");
        source = source(Map.of());
        assertInstanceOf(LookupResult.Unavailable.class, source.hostByName("client1"));
    }

    @Test
    void anOutageAnswersFromRecentAnswersThenUnavailableAndRecovers() throws Exception {
        source = source(Map.of("staleSeconds", 300));
        MacAddress mac = MacAddress.parse("52:54:00:aa:bb:01");
        assertTrue(source.ethersByMac(mac).asOptional().isPresent());
        long before = source.generation();
        server.shutDown(true);
        assertEquals("client1", source.ethersByMac(mac).asOptional().orElseThrow().hostname(), "kept answer");
        assertTrue(source.generation() != before, "an outage moves the generation on");
        assertInstanceOf(LookupResult.Unavailable.class, source.hostByName("server"), "never fetched: UNAVAIL");
        server.startListening();
        assertEquals("server", source.hostByName("server").asOptional().orElseThrow().canonicalName());
    }

    @Test
    void failsOverToTheSecondServer() throws Exception {
        int port = server.getListenPort();
        int dead;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // closed again: nothing listens there
        }
        source = source(Map.of("urls", new String[] {"ldap://127.0.0.1:" + dead, "ldap://127.0.0.1:" + port}));
        assertEquals("client1", source.ethersByMac(MacAddress.parse("52:54:00:aa:bb:01")).asOptional().orElseThrow().hostname());
    }

    @Test
    void manyMatchesAnswerTheFirstByDnWithinTheSizeLimit() throws Exception {
        for (int i = 0; i < 40; i++) {
            server.add("dn: cn=dup" + (char) ('a' + i % 26) + i + ",ou=hosts,dc=example,dc=org", "objectClass: device",
                    "objectClass: ipHost", "cn: dup" + (char) ('a' + i % 26) + i, "cn: dup", "ipHostNumber: 10.1.0." + i);
        }
        source = source(Map.of("maxEntries", 5));
        var first = source.hostByName("dup").asOptional().orElseThrow();
        assertEquals(first, source.hostByName("dup").asOptional().orElseThrow(), "the same answer every time");
        assertTrue(first.hasName("dup"));
    }

    @Test
    void aSilentServerIsAskedOncePerRetryInterval() throws Exception {
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var silent = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) { // ends when the socket closes
                    try {
                        held.add(silent.accept());
                        accepted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "silent-ldap");
            acceptor.setDaemon(true);
            acceptor.start();
            source = source(Map.of("urls", new String[] {"ldap://127.0.0.1:" + silent.getLocalPort()},
                    "connectTimeoutMs", 300, "responseTimeoutMs", 300, "retryIntervalMs", 60_000L));
            MacAddress mac = MacAddress.parse("52:54:00:aa:bb:01");
            assertInstanceOf(LookupResult.Unavailable.class, source.ethersByMac(mac));
            int connections = accepted.get();
            assertTrue(connections >= 1, "the server was asked");
            for (int i = 0; i < 200; i++) {
                assertInstanceOf(LookupResult.Unavailable.class, source.hostByName("client" + i));
            }
            assertEquals(connections, accepted.get(), "no lookup went to the server within the retry interval");
        } finally {
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }
}
