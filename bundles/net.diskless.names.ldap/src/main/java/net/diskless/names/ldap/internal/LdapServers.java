package net.diskless.names.ldap.internal;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/**
 * The configured servers behind one connection pool: tried in the order given (fail-over), each connection
 * StartTLS-protected when asked, and bound with the configured DN. The pool is made on first use, not at
 * activation, so a server that is down never delays the appliance's start.
 */
final class LdapServers implements AutoCloseable {

    /** How to reach the servers: everything but the names of things to search. */
    record Settings(List<LDAPURL> urls, boolean startTls, SSLContext tls, boolean verifyHostname, BindRequest bind,
                    int poolSize, int connectTimeoutMs, int responseTimeoutMs, int maxEntries) {
    }

    private final Settings settings;
    private final ServerSet servers;
    private final PostConnectProcessor startTls;
    private LDAPConnectionPool pool;
    private boolean closed;

    LdapServers(Settings settings) {
        this.settings = settings;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(settings.connectTimeoutMs());
        options.setResponseTimeoutMillis(settings.responseTimeoutMs());
        options.setAbandonOnTimeout(true);
        if (settings.verifyHostname()) {
            options.setSSLSocketVerifier(new com.unboundid.util.ssl.HostNameSSLSocketVerifier(true));
        }
        List<ServerSet> sets = new ArrayList<>();
        for (LDAPURL url : settings.urls()) {
            SocketFactory factory = "ldaps".equalsIgnoreCase(url.getScheme())
                    ? settings.tls().getSocketFactory() : SocketFactory.getDefault();
            sets.add(new SingleServerSet(url.getHost(), url.getPort(), factory, options));
        }
        this.servers = sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
        this.startTls = settings.startTls() ? new StartTLSPostConnectProcessor(settings.tls()) : null;
    }

    static SSLContext tlsContext(javax.net.ssl.TrustManager trust) throws GeneralSecurityException {
        return new com.unboundid.util.ssl.SSLUtil(trust).createSSLContext();
    }

    private synchronized LDAPConnectionPool pool() throws LDAPException {
        if (closed) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "source stopped");
        }
        if (pool == null) {
            LDAPConnectionPool p = new LDAPConnectionPool(servers, settings.bind(), 1, Math.max(1, settings.poolSize()),
                    startTls, true);
            p.setConnectionPoolName("diskless-ldap");
            // A connection the server closed (restart) is replaced and the search retried once, not failed.
            p.setRetryFailedOperationsDueToInvalidConnections(true);
            p.setMaxWaitTimeMillis(settings.connectTimeoutMs());
            pool = p;
        }
        return pool;
    }

    /**
     * Entries under {@code base} matching {@code filter}, sorted by DN so a directory holding two matches answers
     * the same way every time. Size limit exceeded: the entries that came are used. No such base: none.
     */
    List<SearchResultEntry> search(String base, SearchScope scope, Filter filter, String... attributes)
            throws LDAPException {
        SearchRequest request = new SearchRequest(base, scope, filter, attributes);
        request.setSizeLimit(settings.maxEntries());
        request.setTimeLimitSeconds(Math.max(1, settings.responseTimeoutMs() / 1000));
        request.setResponseTimeoutMillis(settings.responseTimeoutMs());
        List<SearchResultEntry> entries;
        try {
            SearchResult result = pool().search(request);
            entries = new ArrayList<>(result.getSearchEntries());
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                entries = new ArrayList<>(e.getSearchEntries());
            } else if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            } else {
                throw e;
            }
        }
        entries.sort(Comparator.comparing(SearchResultEntry::getDN, String.CASE_INSENSITIVE_ORDER));
        return entries;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
