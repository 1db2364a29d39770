package net.diskless.names.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.diskless.api.MacAddress;
import net.diskless.api.names.LookupResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StartTLS and LDAPS against UnboundID's in-memory server with a self-signed certificate made here: the source
 * trusts it through the configured trust store and refuses it without (the JVM's default trust).
 */
class LdapTlsTest {

    @TempDir
    Path home;

    InMemoryDirectoryServer server;
    LdapNameSource source;

    @BeforeEach
    void start() throws Exception {
        Path keystore = home.resolve("server.p12");
        Files.writeString(home.resolve("store.pin"), "changeit\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCode made = ManageCertificates.main(null, out, out, "generate-self-signed-certificate",
                "--keystore", keystore.toString(), "--keystore-password-file", home.resolve("store.pin").toString(),
                "--keystore-type", "PKCS12", "--alias", "server", "--subject-dn", "CN=127.0.0.1",
                "--subject-alternative-name-ip-address", "127.0.0.1", "--days-valid", "2");
        assertEquals(ResultCode.SUCCESS, made, out::toString);
        SSLUtil serverTls = new SSLUtil(new KeyStoreKeyManager(keystore.toFile(), "changeit".toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager());
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.setSchema(null);
        InetAddress lo = InetAddress.getLoopbackAddress();
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("starttls", lo, 0, serverTls.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig("ldaps", lo, 0, serverTls.createSSLServerSocketFactory(), null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=org", "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: cn=client1,dc=example,dc=org", "objectClass: device", "objectClass: ieee802Device",
                "cn: client1", "macAddress: 52:54:0:aa:bb:1");
        server.startListening();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.shutDown(true);
    }

    private LdapNameSource source(String url, boolean startTls, boolean trustStore) {
        Map<String, Object> values = new HashMap<>(Map.of("urls", new String[] {url}, "baseDn", "dc=example,dc=org",
                "startTls", startTls, "retryIntervalMs", 0L, "connectTimeoutMs", 2000));
        if (trustStore) {
            values.put("trustStore", "server.p12");
            values.put("trustStorePasswordFile", "store.pin");
        }
        return new LdapNameSource(() -> home, Configs.ldap(values));
    }

    private static final MacAddress MAC = MacAddress.parse("52:54:00:aa:bb:01");

    @Test
    void startTlsWithTheTrustStore() {
        source = source("ldap://127.0.0.1:" + server.getListenPort("starttls"), true, true);
        assertEquals("client1", source.ethersByMac(MAC).asOptional().orElseThrow().hostname());
    }

    @Test
    void ldapsWithTheTrustStore() {
        source = source("ldaps://127.0.0.1:" + server.getListenPort("ldaps"), false, true);
        assertEquals("client1", source.ethersByMac(MAC).asOptional().orElseThrow().hostname());
    }

    @Test
    void anUntrustedCertificateIsUnavailable() {
        source = source("ldaps://127.0.0.1:" + server.getListenPort("ldaps"), false, false);
        assertInstanceOf(LookupResult.Unavailable.class, source.ethersByMac(MAC));
    }
}
