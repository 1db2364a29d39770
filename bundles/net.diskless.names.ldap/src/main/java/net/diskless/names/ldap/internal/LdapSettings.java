package net.diskless.names.ldap.internal;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import net.diskless.api.appliance.ApplianceHome;

/** The configuration turned into {@link LdapServers.Settings}, or the reason the source stays idle. */
final class LdapSettings {

    /** Either settings or, with none configured, why the source is idle. */
    record Parsed(LdapServers.Settings settings, String idleReason) {
    }

    private LdapSettings() {
    }

    /** Throws {@link IllegalArgumentException} with the reason for configuration that cannot work. */
    static Parsed parse(ApplianceHome home, LdapNameSource.Config c) {
        List<LDAPURL> urls = new ArrayList<>();
        for (String u : c.urls()) {
            if (u == null || u.isBlank()) {
                continue;
            }
            for (String one : u.trim().split("[\\s,]+")) { // "ldap://a ldap://b" in one value reads as two
                try {
                    LDAPURL url = new LDAPURL(one);
                    if (!"ldap".equalsIgnoreCase(url.getScheme()) && !"ldaps".equalsIgnoreCase(url.getScheme())) {
                        throw new IllegalArgumentException("unsupported scheme in " + one + " (ldap or ldaps)");
                    }
                    if (!url.hostProvided()) {
                        throw new IllegalArgumentException("no host in " + one);
                    }
                    urls.add(url);
                } catch (LDAPException e) {
                    throw new IllegalArgumentException("bad URL " + one + ": " + e.getMessage());
                }
            }
        }
        if (urls.isEmpty()) {
            return new Parsed(null, "no LDAP server configured (urls)");
        }
        boolean tlsNeeded = c.startTls() || urls.stream().anyMatch(u -> "ldaps".equalsIgnoreCase(u.getScheme()));
        SSLContext tls = tlsNeeded ? tls(home, c) : null;
        BindRequest bind = null;
        if (!c.bindDn().isBlank()) {
            if (c.bindPasswordFile().isBlank()) {
                throw new IllegalArgumentException("bindDn is set but bindPasswordFile is not");
            }
            bind = new SimpleBindRequest(c.bindDn(), firstLine(home.resolve(c.bindPasswordFile()), "bind password"));
        }
        return new Parsed(new LdapServers.Settings(List.copyOf(urls), c.startTls(), tls, c.verifyHostname(), bind,
                c.poolSize(), c.connectTimeoutMs(), c.responseTimeoutMs(), c.maxEntries()), null);
    }

    private static SSLContext tls(ApplianceHome home, LdapNameSource.Config c) {
        try {
            TrustManager trust;
            if (c.trustStore().isBlank()) {
                trust = JVMDefaultTrustManager.getInstance();
            } else {
                Path store = home.resolve(c.trustStore());
                char[] pin = c.trustStorePasswordFile().isBlank() ? null
                        : firstLine(home.resolve(c.trustStorePasswordFile()), "trust store password").toCharArray();
                String name = store.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                String format = name.endsWith(".jks") ? "JKS" : "PKCS12";
                trust = new TrustStoreTrustManager(store.toFile(), pin, format, true);
            }
            return LdapServers.tlsContext(trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage());
        }
    }

    /** The first line of a secret file, without its line end. Its content never appears in a message. */
    static String firstLine(Path file, String what) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new IllegalArgumentException(what + " file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e);
        }
    }
}
