package net.diskless.names.ldap.internal;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ldap} source: ethers, hosts, bootparams and bootptab facts from RFC 2307 entries
 * ({@code ieee802Device}, {@code ipHost}, {@code bootableDevice}). Idle and UNAVAIL until {@code urls} names a
 * server: the appliance's empty default configuration never makes it connect anywhere.
 */
@Component(configurationPid = LdapNameSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = NameSource.SOURCE_PROPERTY + "=ldap")
@Designate(ocd = LdapNameSource.Config.class)
public final class LdapNameSource implements NameSource {

    static final String PID = "net.diskless.names.ldap";
    private static final Logger LOG = LoggerFactory.getLogger(LdapNameSource.class);

    @ObjectClassDefinition(name = "Diskless LDAP name source",
            description = "RFC 2307 entries from LDAP servers. Nothing is asked until urls names a server.")
    public @interface Config {
        @AttributeDefinition(name = "Server URLs", required = false,
                description = "ldap://host:port or ldaps://host:port, tried in this order (fail-over). Empty: the source is idle (UNAVAIL).")
        String[] urls() default {};

        @AttributeDefinition(name = "Base DN", required = false, description = "Where entries are searched (subtree).")
        String baseDn() default "";

        @AttributeDefinition(name = "ethers base DN", required = false, description = "Empty: the base DN.")
        String ethersBase() default "";

        @AttributeDefinition(name = "hosts base DN", required = false, description = "Empty: the base DN.")
        String hostsBase() default "";

        @AttributeDefinition(name = "bootparams base DN", required = false, description = "Empty: the base DN.")
        String bootparamsBase() default "";

        @AttributeDefinition(name = "Search scope", options = {
                @org.osgi.service.metatype.annotations.Option(label = "subtree", value = "sub"),
                @org.osgi.service.metatype.annotations.Option(label = "one level", value = "one")})
        String scope() default "sub";

        @AttributeDefinition(name = "ethers by MAC filter", description = "{0} is the MAC address (both RFC 2307's 8:0:20:1:2:3 and the padded form are asked).")
        String ethersByMacFilter() default "(&(objectClass=ieee802Device)(macAddress={0}))";

        @AttributeDefinition(name = "ethers by name filter", description = "{0} is the host name.")
        String ethersByNameFilter() default "(&(objectClass=ieee802Device)(cn={0}))";

        @AttributeDefinition(name = "hosts by name filter")
        String hostsByNameFilter() default "(&(objectClass=ipHost)(cn={0}))";

        @AttributeDefinition(name = "hosts by address filter")
        String hostsByAddressFilter() default "(&(objectClass=ipHost)(ipHostNumber={0}))";

        @AttributeDefinition(name = "bootparams filter")
        String bootparamsFilter() default "(&(objectClass=bootableDevice)(cn={0}))";

        @AttributeDefinition(name = "bootptab by MAC filter", description = "A device with a MAC and an IPv4 address (and maybe bootFile) is a bootptab entry.")
        String bootptabByMacFilter() default "(&(objectClass=ieee802Device)(objectClass=ipHost)(macAddress={0}))";

        @AttributeDefinition(name = "bootptab by name filter")
        String bootptabByNameFilter() default "(&(objectClass=ieee802Device)(objectClass=ipHost)(cn={0}))";

        @AttributeDefinition(name = "Name attribute")
        String nameAttribute() default "cn";

        @AttributeDefinition(name = "MAC attribute")
        String macAttribute() default "macAddress";

        @AttributeDefinition(name = "Address attribute")
        String ipAttribute() default "ipHostNumber";

        @AttributeDefinition(name = "Boot parameter attribute", description = "Values key=server:path.")
        String bootParameterAttribute() default "bootParameter";

        @AttributeDefinition(name = "Boot file attribute")
        String bootFileAttribute() default "bootFile";

        @AttributeDefinition(name = "StartTLS", description = "Upgrade ldap:// connections with StartTLS before binding.")
        boolean startTls() default false;

        @AttributeDefinition(name = "Trust store", required = false,
                description = "JKS or PKCS#12 file of trusted certificates for ldaps:// and StartTLS. Empty: the JVM's default trust.")
        String trustStore() default "";

        @AttributeDefinition(name = "Trust store password file", required = false)
        String trustStorePasswordFile() default "";

        @AttributeDefinition(name = "Verify host name", description = "The server certificate must name the host connected to.")
        boolean verifyHostname() default true;

        @AttributeDefinition(name = "Bind DN", required = false, description = "Empty: anonymous.")
        String bindDn() default "";

        @AttributeDefinition(name = "Bind password file", required = false,
                description = "A file holding the bind password (one line). The password itself is never configuration.")
        String bindPasswordFile() default "";

        @AttributeDefinition(name = "Pool size", min = "1")
        int poolSize() default 4;

        @AttributeDefinition(name = "Connect timeout (ms)", min = "1")
        int connectTimeoutMs() default 3000;

        @AttributeDefinition(name = "Response timeout (ms)", min = "1")
        int responseTimeoutMs() default 3000;

        @AttributeDefinition(name = "Retry interval (ms)", min = "0",
                description = "While the servers are down, how often one lookup tries them again; the others do not wait.")
        long retryIntervalMs() default 5000;

        @AttributeDefinition(name = "Answers kept for outages (s)", min = "0",
                description = "While the servers are down, answers fetched at most this long ago are given; then UNAVAIL.")
        int staleSeconds() default 300;

        @AttributeDefinition(name = "Answers kept", min = "1")
        int cacheEntries() default 4096;

        @AttributeDefinition(name = "Refresh interval (s)", min = "0",
                description = "The directory's cached answers from this source are dropped at least this often. 0: only on reconnect.")
        int refreshSeconds() default 60;

        @AttributeDefinition(name = "Most entries per search", min = "1")
        int maxEntries() default 16;
    }

    private final Rfc2307 schema;
    private final LdapServers servers;
    private final String idleReason;
    private final SearchScope scope;
    private final Bases bases;
    private final Filters filters;
    private final Outage outage;
    private final RecentAnswers recent;
    private final long refreshNanos;
    private final long started = System.nanoTime();
    /** Entries that matched but could not be used, reported once each (bounded). */
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private record Bases(String ethers, String hosts, String bootparams) {
    }

    @Activate
    public LdapNameSource(@Reference ApplianceHome home, Config config) {
        this.schema = new Rfc2307(config.nameAttribute(), config.macAttribute(), config.ipAttribute(),
                config.bootParameterAttribute(), config.bootFileAttribute());
        this.scope = "one".equalsIgnoreCase(config.scope()) ? SearchScope.ONE : SearchScope.SUB;
        String base = config.baseDn();
        this.bases = new Bases(or(config.ethersBase(), base), or(config.hostsBase(), base), or(config.bootparamsBase(), base));
        this.outage = new Outage("ldap", LOG, config.retryIntervalMs(), System::nanoTime);
        this.recent = new RecentAnswers(TimeUnit.SECONDS.toNanos(config.staleSeconds()), config.cacheEntries(), System::nanoTime);
        this.refreshNanos = TimeUnit.SECONDS.toNanos(config.refreshSeconds());
        Filters f = null;
        LdapServers s = null;
        String idle = null;
        try {
            f = Filters.of(config);
            LdapSettings.Parsed parsed = LdapSettings.parse(home, config);
            if (parsed.settings() == null) {
                idle = parsed.idleReason();
            } else {
                s = new LdapServers(parsed.settings());
                LOG.info("ldap: servers {}, base '{}'", parsed.settings().urls(), base);
            }
        } catch (IllegalArgumentException e) {
            idle = "configuration: " + e.getMessage();
            LOG.error("ldap: {} (the source answers UNAVAIL until the configuration is fixed)", idle);
        }
        this.filters = f;
        this.servers = s;
        this.idleReason = idle;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Deactivate
    void close() {
        if (servers != null) {
            servers.close();
        }
    }

    @Override
    public String name() {
        return "ldap";
    }

    @Override
    public long generation() {
        long epoch = refreshNanos > 0 ? (System.nanoTime() - started) / refreshNanos : 0;
        return (outage.generation() << 32) ^ epoch;
    }

    @Override
    public LookupResult<EthersEntry> ethersByMac(MacAddress mac) {
        return lookup("ethers.byaddr", mac, bases.ethers(), macFilter(filters == null ? null : filters.ethersByMac(), mac),
                (e, m) -> schema.ethers(e, mac));
    }

    @Override
    public LookupResult<EthersEntry> ethersByHost(String hostname) {
        return lookup("ethers.byname", key(hostname), bases.ethers(), filter(f -> f.ethersByName(), hostname),
                (e, m) -> schema.ethers(e, null));
    }

    @Override
    public LookupResult<HostEntry> hostByName(String name) {
        return lookup("hosts.byname", key(name), bases.hosts(), filter(f -> f.hostsByName(), name),
                (e, m) -> schema.host(e).filter(h -> h.hasName(name)));
    }

    @Override
    public LookupResult<HostEntry> hostByAddress(InetAddress address) {
        return lookup("hosts.byaddr", address, bases.hosts(), filter(f -> f.hostsByAddress(), address.getHostAddress()),
                (e, m) -> schema.host(e).filter(h -> h.addresses().contains(address)));
    }

    @Override
    public LookupResult<BootParams> bootparams(String client) {
        return lookup("bootparams", key(client), bases.bootparams(), filter(f -> f.bootparams(), client),
                (e, m) -> schema.bootparams(e, client));
    }

    @Override
    public LookupResult<BootptabEntry> bootptabByMac(MacAddress mac) {
        return lookup("bootptab.byaddr", mac, bases.ethers(), macFilter(filters == null ? null : filters.bootptabByMac(), mac),
                (e, m) -> schema.bootptab(e, mac));
    }

    @Override
    public LookupResult<BootptabEntry> bootptabByName(String name) {
        return lookup("bootptab.byname", key(name), bases.ethers(), filter(f -> f.bootptabByName(), name),
                (e, m) -> schema.bootptab(e, null));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private Filter filter(java.util.function.Function<Filters, Filters.Template> which, String value) {
        return filters == null ? null : which.apply(filters).with(value);
    }

    private static Filter macFilter(Filters.Template template, MacAddress mac) {
        if (template == null) {
            return null;
        }
        List<Filter> any = Rfc2307.macSpellings(mac).stream().map(template::with).toList();
        return any.size() == 1 ? any.get(0) : Filter.createORFilter(any);
    }

    private <T> LookupResult<T> lookup(String map, Object key, String base, Filter filter,
                                       BiFunction<Entry, Object, Optional<T>> convert) {
        if (servers == null || filter == null) {
            return LookupResult.unavailable(idleReason == null ? "not configured" : idleReason);
        }
        Object cacheKey = List.of(map, key);
        if (outage.mayAsk()) {
            try {
                LookupResult<T> result = LookupResult.notFound();
                for (SearchResultEntry e : servers.search(base, scope, filter, schema.attributes())) {
                    Optional<T> value = convert.apply(e, key);
                    if (value.isPresent()) {
                        result = LookupResult.found(value.get());
                        break;
                    }
                    if (reported.size() < 1000 && reported.add(map + "/" + e.getDN())) {
                        LOG.warn("ldap: {} matched {} for {} but lacks what the map needs (name, {}, {}): ignored (logged once)",
                                e.getDN(), map, key, schema.macAttribute(), schema.ipAttribute());
                    }
                }
                outage.succeeded();
                recent.put(cacheKey, result);
                return result;
            } catch (LDAPException e) {
                outage.failed(e.getResultCode() + ": " + e.getMessage());
            } catch (RuntimeException | Error e) { // never leave the probe taken: the next one must come
                outage.failed(e.toString());
                if (e instanceof Error err) {
                    throw err;
                }
            }
        }
        Optional<LookupResult<T>> kept = recent.get(cacheKey);
        return kept.orElseGet(() -> LookupResult.unavailable("LDAP server unavailable: " + outage.reason()));
    }
}
