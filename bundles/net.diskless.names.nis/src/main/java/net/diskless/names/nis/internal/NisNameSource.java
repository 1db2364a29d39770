package net.diskless.names.nis.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nis} source: the ethers, hosts and bootparams maps of one or more NIS domains, read with YPPROC_MATCH
 * from the configured ypserv hosts (the first that answers; the others are fail-over). Idle and UNAVAIL until both
 * a domain and a server are configured. Also the shell command {@code nis:all MAP [DOMAIN]} (YPPROC_ALL).
 */
@Component(configurationPid = NisNameSource.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {NameSource.SOURCE_PROPERTY + "=nis", "osgi.command.scope=nis", "osgi.command.function=all"})
@Designate(ocd = NisNameSource.Config.class)
public final class NisNameSource implements NameSource {

    static final String PID = "net.diskless.names.nis";
    private static final Logger LOG = LoggerFactory.getLogger(NisNameSource.class);

    @ObjectClassDefinition(name = "Diskless NIS name source",
            description = "NIS maps from ypserv. Nothing is asked until domains and servers are set.")
    public @interface Config {
        @AttributeDefinition(name = "Domains", required = false,
                description = "NIS domains, asked in this order (first answer wins): clients of several domains, each with its own bootparams map.")
        String[] domains() default {};

        @AttributeDefinition(name = "Servers", required = false,
                description = "ypserv hosts, 'host' (port from its portmapper) or 'host:port'; the first that answers is used, the others are fail-over.")
        String[] servers() default {};

        @AttributeDefinition(name = "ypbind host", required = false,
                description = "Ask the ypbind on this host (usually 127.0.0.1) which ypserv it is bound to for each domain, before the servers above; asked again after every failure.")
        String ypbind() default "";

        @AttributeDefinition(name = "Portmapper port", min = "1", max = "65535")
        int portmapperPort() default 111;

        @AttributeDefinition(name = "Timeout (ms)", min = "1", description = "Per call, portmapper and ypserv.")
        long timeoutMs() default 2000;

        @AttributeDefinition(name = "Retry interval (ms)", min = "0",
                description = "While no server answers, how often one lookup tries again; the others do not wait.")
        long retryIntervalMs() default 5000;

        @AttributeDefinition(name = "Answers kept for outages (s)", min = "0")
        int staleSeconds() default 300;

        @AttributeDefinition(name = "Answers kept", min = "1")
        int cacheEntries() default 4096;

        @AttributeDefinition(name = "Refresh interval (s)", min = "0",
                description = "The directory's cached answers from this source are dropped at least this often.")
        int refreshSeconds() default 60;

        @AttributeDefinition(name = "ethers by address map")
        String ethersByAddrMap() default "ethers.byaddr";

        @AttributeDefinition(name = "ethers by name map")
        String ethersByNameMap() default "ethers.byname";

        @AttributeDefinition(name = "hosts by name map")
        String hostsByNameMap() default "hosts.byname";

        @AttributeDefinition(name = "hosts by address map")
        String hostsByAddrMap() default "hosts.byaddr";

        @AttributeDefinition(name = "bootparams map")
        String bootparamsMap() default "bootparams";

        @AttributeDefinition(name = "Most entries listed", min = "1", description = "nis:all stops after this many.")
        int maxListEntries() default 10000;
    }

    private final Config config;
    private final List<String> domains;
    private final List<NisServer> servers;
    private final String ypbind;
    private final java.util.Map<String, NisServer> bound = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean configured;
    private final String idleReason;
    private final Outage outage;
    private final RecentAnswers recent;
    private final long refreshNanos;
    private final long started = System.nanoTime();
    private volatile int preferred;
    /** Map values that did not parse, reported once each (bounded, so a bad map cannot grow it without end). */
    private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Activate
    public NisNameSource(Config config) {
        this.config = config;
        this.outage = new Outage("nis", LOG, config.retryIntervalMs(), System::nanoTime);
        this.recent = new RecentAnswers(TimeUnit.SECONDS.toNanos(config.staleSeconds()), config.cacheEntries(), System::nanoTime);
        this.refreshNanos = TimeUnit.SECONDS.toNanos(config.refreshSeconds());
        List<String> d = words(config.domains());
        List<NisServer> s = new ArrayList<>();
        String idle = null;
        try {
            for (String domain : d) {
                new Yp.MapRequest(domain, config.bootparamsMap()); // checks the names' lengths
            }
            for (String server : words(config.servers())) {
                s.add(new NisServer(NisServer.Address.parse(server), config.portmapperPort(), config.timeoutMs()));
            }
            if (d.isEmpty() || (s.isEmpty() && config.ypbind().isBlank())) {
                idle = "no NIS " + (d.isEmpty() ? "domain" : "server") + " configured";
                s.clear();
            } else {
                LOG.info("nis: domains {}, {}servers {}", d, config.ypbind().isBlank() ? "" : "ypbind at " + config.ypbind().strip() + ", ",
                        s.stream().map(NisServer::address).toList());
            }
        } catch (IllegalArgumentException e) {
            idle = "configuration: " + e.getMessage();
            s.clear();
            LOG.error("nis: {} (the source answers UNAVAIL until the configuration is fixed)", idle);
        }
        this.domains = d;
        this.servers = List.copyOf(s);
        this.ypbind = config.ypbind().strip();
        this.configured = idle == null;
        this.idleReason = idle;
    }

    private static List<String> words(String[] values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null) {
                for (String w : v.trim().split("[\\s,]+")) {
                    if (!w.isEmpty()) {
                        out.add(w);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    @Deactivate
    void close() {
        servers.forEach(NisServer::close);
        bound.values().forEach(NisServer::close);
    }

    @Override
    public String name() {
        return "nis";
    }

    @Override
    public long generation() {
        long epoch = refreshNanos > 0 ? (System.nanoTime() - started) / refreshNanos : 0;
        return (outage.generation() << 32) ^ epoch;
    }

    @Override
    public LookupResult<EthersEntry> ethersByMac(MacAddress mac) {
        return lookup(config.ethersByAddrMap(), NisMaps.macKeys(mac),
                v -> NisMaps.ethers(v).filter(e -> e.mac().equals(mac)));
    }

    @Override
    public LookupResult<EthersEntry> ethersByHost(String hostname) {
        return lookup(config.ethersByNameMap(), keys(hostname),
                v -> NisMaps.ethers(v).filter(e -> e.hostname().equalsIgnoreCase(hostname)));
    }

    @Override
    public LookupResult<HostEntry> hostByName(String name) {
        return lookup(config.hostsByNameMap(), keys(name), v -> NisMaps.hosts(v).filter(h -> h.hasName(name)));
    }

    @Override
    public LookupResult<HostEntry> hostByAddress(InetAddress address) {
        return lookup(config.hostsByAddrMap(), List.of(address.getHostAddress()),
                v -> NisMaps.hosts(v).filter(h -> h.addresses().contains(address)));
    }

    @Override
    public LookupResult<BootParams> bootparams(String client) {
        return lookup(config.bootparamsMap(), keys(client), v -> NisMaps.bootparams(client, v));
    }

    /** The name as asked, then lower case: ypmake lower-cases the keys of hosts.byname (makedbm -l). */
    private static List<String> keys(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals(name) ? List.of(name) : List.of(name, lower);
    }

    private <T> LookupResult<T> lookup(String map, List<String> keys, Function<String, Optional<T>> parse) {
        if (!configured) {
            return LookupResult.unavailable(idleReason);
        }
        for (String k : keys) {
            if (k.getBytes(StandardCharsets.UTF_8).length > Yp.MAX_RECORD) {
                return LookupResult.notFound(); // no NIS map can hold it
            }
        }
        Object cacheKey = List.of(map, keys);
        if (outage.mayAsk()) {
            try {
                LookupResult<T> result = ask(map, keys, parse);
                outage.succeeded();
                recent.put(cacheKey, result);
                return result;
            } catch (IOException | TimeoutException | RuntimeException e) {
                outage.failed(e instanceof TimeoutException ? "no answer within " + config.timeoutMs() + " ms" : e.toString());
            } catch (Error e) { // never leave the probe taken: the next one must come
                outage.failed(e.toString());
                throw e;
            }
        }
        Optional<LookupResult<T>> kept = recent.get(cacheKey);
        return kept.orElseGet(() -> LookupResult.unavailable("NIS server unavailable: " + outage.reason()));
    }

    /** Every domain in order, every spelling of the key: the first value that parses answers. */
    private <T> LookupResult<T> ask(String map, List<String> keys, Function<String, Optional<T>> parse)
            throws IOException, TimeoutException {
        boolean served = false;
        for (String domain : domains) {
            for (String key : keys) {
                Yp.ValueReply reply = match(new Yp.KeyRequest(domain, map, key.getBytes(StandardCharsets.UTF_8)));
                served |= reply.status != Yp.YP_NODOM;
                switch (reply.status) {
                    case Yp.YP_TRUE -> {
                        String text = new String(reply.value, StandardCharsets.UTF_8);
                        Optional<T> value = parse.apply(text);
                        if (value.isPresent()) {
                            return LookupResult.found(value.get());
                        }
                        if (reported.size() < 1000 && reported.add(domain + "/" + map + "/" + key)) {
                            LOG.warn("nis: {} in {}: the value of '{}' is not usable and is ignored: '{}' (logged once)",
                                    map, domain, printable(key), printable(text));
                        }
                    }
                    case Yp.YP_NOKEY, Yp.YP_NOMAP, Yp.YP_NODOM, Yp.YP_FALSE -> {
                        // not in this map of this domain: the next spelling or domain may have it
                    }
                    default -> throw new IOException("ypserv answered " + Yp.status(reply.status) + " for " + map + " in " + domain);
                }
            }
        }
        if (!served) { // a server that serves none of our domains cannot say "no such entry"
            throw new IOException("the server serves none of the domains " + domains + " (YP_NODOM)");
        }
        return LookupResult.notFound();
    }

    /** For log lines: control characters shown as '?', at most 200 characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        s.codePoints().limit(200).forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return s.length() > 200 ? b + "…" : b.toString();
    }

    /** The preferred server, else the others in order; the one that answers becomes preferred. */
    private Yp.ValueReply match(Yp.KeyRequest request) throws IOException, TimeoutException {
        Exception last = null;
        if (!ypbind.isEmpty()) {
            NisServer server = null;
            try {
                server = bound(request.domain());
                return server.match(request);
            } catch (IOException | TimeoutException e) {
                NisServer dropped = bound.remove(request.domain()); // ask ypbind again next time: it may rebind
                if (dropped != null) {
                    dropped.close();
                }
                last = e;
            }
        }
        int start = preferred;
        for (int i = 0; i < servers.size(); i++) {
            int index = (start + i) % servers.size();
            NisServer server = servers.get(index);
            try {
                Yp.ValueReply reply = server.match(request);
                if (index != preferred) {
                    preferred = index;
                    LOG.info("nis: now asking {}", server.address());
                }
                return reply;
            } catch (IOException | TimeoutException e) {
                last = e;
            }
        }
        if (last instanceof TimeoutException t) {
            throw t;
        }
        throw (IOException) last;
    }

    /** The server ypbind is bound to for {@code domain}, asked once and kept until it fails. */
    private NisServer bound(String domain) throws IOException, TimeoutException {
        NisServer server = bound.get(domain);
        if (server == null) {
            NisServer.Address address = YpBind.ask(ypbind, config.portmapperPort(), domain, config.timeoutMs());
            server = new NisServer(address, config.portmapperPort(), config.timeoutMs());
            NisServer raced = bound.putIfAbsent(domain, server);
            if (raced != null) {
                server.close();
                return raced;
            }
            LOG.info("nis: ypbind at {} is bound to {} for {}", ypbind, address, domain);
        }
        return server;
    }

    /** Shell: {@code nis:all MAP}, every key and value of a map in the first domain (YPPROC_ALL over TCP). */
    public String all(String map) {
        return !configured ? "nis: " + idleReason : all(map, domains.get(0));
    }

    /** Shell: {@code nis:all MAP DOMAIN}. */
    public String all(String map, String d) {
        if (!configured) {
            return "nis: " + idleReason;
        }
        Exception last = null;
        List<NisServer> candidates = new ArrayList<>(servers);
        if (!ypbind.isEmpty()) {
            try {
                candidates.add(0, bound(d));
            } catch (IOException | TimeoutException e) {
                last = e;
            }
        }
        for (NisServer server : candidates) {
            try {
                Yp.AllReply reply = server.all(new Yp.MapRequest(d, map), config.maxListEntries());
                StringBuilder out = new StringBuilder();
                for (Yp.KeyValue kv : reply.entries) {
                    out.append(new String(kv.key(), StandardCharsets.UTF_8)).append('\t')
                            .append(new String(kv.value(), StandardCharsets.UTF_8)).append('\n');
                }
                if (reply.status != Yp.YP_NOMORE) {
                    out.append("[").append(Yp.status(reply.status)).append("]\n");
                }
                if (reply.truncated) {
                    out.append("[stopped after ").append(config.maxListEntries()).append(" entries]\n");
                }
                return out.append("[").append(reply.entries.size()).append(" entries of ").append(map)
                        .append(" in ").append(d).append(" from ").append(server.address()).append("]").toString();
            } catch (IOException | TimeoutException | IllegalArgumentException e) {
                last = e;
            }
        }
        return "nis: no server listed " + map + ": " + last;
    }
}
