package net.diskless.directory.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameMap;
import net.diskless.api.names.NameSource;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory: every running name source composed per map in nsswitch.conf order, cached.
 * Sources are bound dynamically and greedily: stop the NIS bundle, start the LDAP one, and the next
 * lookup uses it, with no restart of anything that asks the directory.
 */
@Component(immediate = true, configurationPid = DirectoryComponent.PID,
        service = {Directory.class, DirectoryStatus.class})
@Designate(ocd = DirectoryComponent.Config.class)
public final class DirectoryComponent implements Directory, DirectoryStatus {

    static final String PID = "net.diskless.directory";
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryComponent.class);

    @ObjectClassDefinition(name = "Diskless directory",
            description = "Orders the name sources per map like nsswitch.conf and caches their answers.")
    public @interface Config {
        @AttributeDefinition(name = "nsswitch.conf",
                description = "The file giving the order of sources per map; relative paths are under the appliance home.")
        String nsswitch() default "etc/nsswitch.conf";

        @AttributeDefinition(name = "Cache time to live (s)",
                description = "How long an answer is kept; a source that reports a change invalidates at once. 0 disables the cache.",
                min = "0")
        int cacheTtlSeconds() default 30;

        @AttributeDefinition(name = "Cache entries", description = "Most answers kept.", min = "1")
        int cacheEntries() default 8192;

        @AttributeDefinition(name = "Reload check (ms)",
                description = "How often nsswitch.conf is checked for changes, at most.", min = "0")
        long reloadCheckMs() default 1000;
    }

    private final NameSources sources = new NameSources();
    private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();
    private final NsSwitchFile nsswitch;
    private final LookupCache cache;

    @Activate
    public DirectoryComponent(@Reference ApplianceHome home, Config config) {
        this.nsswitch = new NsSwitchFile(home.resolve(config.nsswitch()),
                TimeUnit.MILLISECONDS.toNanos(config.reloadCheckMs()), System::nanoTime);
        this.cache = new LookupCache(TimeUnit.SECONDS.toNanos(config.cacheTtlSeconds()),
                Math.max(1, config.cacheEntries()), System::nanoTime);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(ServiceReference<NameSource> ref, NameSource source) {
        sources.add(ref, source);
        LOG.info("name source '{}' available", ref.getProperty(NameSource.SOURCE_PROPERTY));
    }

    void unbindSource(ServiceReference<NameSource> ref) {
        sources.remove(ref);
        loggedFailures.removeIf(k -> k.startsWith(ref.getProperty(NameSource.SOURCE_PROPERTY) + "/"));
        LOG.info("name source '{}' gone", ref.getProperty(NameSource.SOURCE_PROPERTY));
    }

    @Override
    public Set<String> runningSources() {
        return new java.util.TreeSet<>(sources.snapshot().keySet());
    }

    @Override
    public java.nio.file.Path nsswitchFile() {
        return nsswitch.path();
    }

    @Override
    public String chains() {
        return NsSwitchFile.describe(nsswitch.current());
    }

    @Override
    public Answer<EthersEntry> ethersByMac(MacAddress mac) {
        return lookup(NameMap.ETHERS, "ethers.byaddr", mac, s -> s.ethersByMac(mac));
    }

    @Override
    public Answer<EthersEntry> ethersByHost(String hostname) {
        String key = hostname.toLowerCase(Locale.ROOT);
        return lookup(NameMap.ETHERS, "ethers.byname", key, s -> s.ethersByHost(hostname));
    }

    @Override
    public Answer<HostEntry> hostByName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return lookup(NameMap.HOSTS, "hosts.byname", key, s -> s.hostByName(name));
    }

    @Override
    public Answer<HostEntry> hostByAddress(InetAddress address) {
        return lookup(NameMap.HOSTS, "hosts.byaddr", address, s -> s.hostByAddress(address));
    }

    @Override
    public Answer<BootParams> bootparams(String client) {
        Answer<BootParams> own = lookup(NameMap.BOOTPARAMS, "bootparams", client.toLowerCase(Locale.ROOT),
                s -> s.bootparams(client));
        if (own.found() || BootParams.WILDCARD.equals(client)) {
            return own;
        }
        Answer<BootParams> wildcard = lookup(NameMap.BOOTPARAMS, "bootparams", BootParams.WILDCARD,
                s -> s.bootparams(BootParams.WILDCARD));
        List<Answer.Attempt> attempts = new ArrayList<>(own.attempts());
        attempts.addAll(wildcard.attempts());
        return new Answer<>(wildcard.value(), wildcard.source(), attempts);
    }

    @Override
    public Answer<BootptabEntry> bootptabByMac(MacAddress mac) {
        return lookup(NameMap.BOOTPTAB, "bootptab.byaddr", mac, s -> s.bootptabByMac(mac));
    }

    @Override
    public Answer<BootptabEntry> bootptabByName(String name) {
        return lookup(NameMap.BOOTPTAB, "bootptab.byname", name.toLowerCase(Locale.ROOT), s -> s.bootptabByName(name));
    }

    @Override
    public Answer<ClientIdentity> identify(MacAddress mac) {
        Answer<EthersEntry> ether = ethersByMac(mac);
        List<Answer.Attempt> trail = new ArrayList<>(ether.attempts());
        if (ether.found()) {
            Answer<HostEntry> host = hostByName(ether.value().hostname());
            trail.addAll(host.attempts());
            var ipv4 = host.optional().flatMap(HostEntry::ipv4);
            if (ipv4.isPresent()) {
                return new Answer<>(new ClientIdentity(mac, ether.value().hostname(), ipv4.get()),
                        "ethers:" + ether.source() + " hosts:" + host.source(), trail);
            }
        }
        // bootpd clients need no ethers entry: bootptab's ha= and ip= say the same thing.
        Answer<BootptabEntry> bootp = bootptabByMac(mac);
        trail.addAll(bootp.attempts());
        var ip = bootp.optional().flatMap(BootptabEntry::ip).filter(Inet4Address.class::isInstance);
        if (ip.isPresent()) {
            return new Answer<>(new ClientIdentity(mac, bootp.value().name(), ip.get()),
                    "bootptab:" + bootp.source(), trail);
        }
        return Answer.none(trail);
    }

    private <T> Answer<T> lookup(NameMap map, String query, Object key, Function<NameSource, LookupResult<T>> ask) {
        List<NsSwitch.Step> chain = nsswitch.current().chain(map);
        Map<String, NameSource> running = sources.snapshot();
        return cache.get(new LookupCache.Key(query, key), fingerprint(chain, running),
                () -> SourceChain.lookup(chain, running, ask, this::logFailureOnce));
    }

    private LookupCache.Fingerprint fingerprint(List<NsSwitch.Step> chain, Map<String, NameSource> running) {
        List<Object> ids = new ArrayList<>(chain.size());
        List<Long> generations = new ArrayList<>(chain.size());
        for (NsSwitch.Step step : chain) {
            NameSource s = running.get(step.source());
            ids.add(s == null ? step.source() : new IdentityKey(s));
            long g;
            try {
                g = s == null ? -1 : s.generation();
            } catch (RuntimeException e) {
                g = -2;
            }
            generations.add(g);
        }
        return new LookupCache.Fingerprint(chain, ids, generations);
    }

    /** Compares sources by identity: a restarted bundle's new source object is a different source. */
    private record IdentityKey(Object source) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.source == source;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(source);
        }
    }

    private void logFailureOnce(String source, Throwable e) {
        if (loggedFailures.add(source + "/" + e.getClass().getName())) {
            LOG.error("name source '{}' failed: {} (treated as UNAVAIL; logged once)", source, e.toString());
        }
    }
}
