package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The nis and ldap sources against Debian's ypserv and slapd (in the {@code dir} namespace), inside the running
 * appliance (server namespace) with {@code ldap nis files} in nsswitch.conf. A bootparams client built with rpcgen
 * asks GETFILE for client1's root, whose path tells which source answered ({@code /export/ldap/…},
 * {@code /export/nis/…}, {@code /export/files/…}); the shell (typed into the appliance's Gogo console) stops and
 * starts the source bundles and asks {@code identify}. Root only: skipped elsewhere, with the reason.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NameSourcesIT {

    private static final Duration CALL = Duration.ofSeconds(10);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Pattern ROOT = Pattern.compile("getfile 'server' 10\\.99\\.0\\.1 '/export/(ldap|nis|files)/client1'");
    private static final String LDAP = "net.diskless.names.ldap";
    private static final String NIS = "net.diskless.names.nis";

    private Testbed tb;
    private NameServersBed servers;
    private ApplianceProcess app;
    private Path bpclient;
    private Path home;
    private final Map<String, String> ids = new ConcurrentHashMap<>();

    @BeforeAll
    void setUp() throws IOException {
        Testbed.requireRootAndNamespaces();
        NameServersBed.requireTools();
        tb = Testbed.create();
        try {
            servers = new NameServersBed(tb);
            servers.buildNisMaps();
            servers.startRpcbind();
            servers.startYpserv();
            servers.startSlapd();
            bpclient = RpcBed.buildClient(tb);
            home = tb.tempDir().resolve("home");
            Path etc = Files.createDirectories(home.resolve("etc"));
            Files.writeString(etc.resolve("hosts"), "10.99.0.1 server\n10.99.0.2 client1\n");
            Files.writeString(etc.resolve("ethers"), "52:54:00:aa:bb:01 client1\n");
            Files.writeString(etc.resolve("bootparams"), "client1 root=server:/export/files/client1\n");
            Files.writeString(etc.resolve("nsswitch.conf"), "ethers: ldap nis files\nhosts: ldap nis files\nbootparams: ldap nis files\n");
            Files.writeString(etc.resolve("ldap.secret"), servers.password() + "\n");
            ApplianceProcess.configure(home, "net.diskless.bootparams", "domain = test", "router = 10.99.0.254");
            ApplianceProcess.configure(home, "net.diskless.directory", "cacheTtlSeconds = 1");
            ApplianceProcess.configure(home, LDAP, "urls = ldap://" + NameServersBed.ADDRESS + ":389",
                    "baseDn = " + NameServersBed.BASE, "bindDn = " + NameServersBed.ADMIN, "bindPasswordFile = etc/ldap.secret",
                    "connectTimeoutMs = 1000", "responseTimeoutMs = 1000", "retryIntervalMs = 500", "staleSeconds = 4");
            ApplianceProcess.configure(home, NIS, "domains = " + servers.domain(), "servers = " + NameServersBed.ADDRESS,
                    "timeoutMs = 1000", "retryIntervalMs = 500", "staleSeconds = 4");
            app = tb.startAppliance(home, Duration.ofSeconds(60), true);
        } catch (IOException | RuntimeException | Error e) {
            tearDown();
            throw e;
        }
    }

    @AfterAll
    void tearDown() {
        try {
            if (tb != null) {
                tb.close();
            }
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }

    private Result getfile(String client, String key) {
        return tb.execClient(CALL, bpclient.toString(), RpcBed.SERVER, "udp", "getfile", client, key);
    }

    /** Which source gave client1's root: ldap, nis or files; fails when no answer came. */
    private String rootSource() {
        Result r = getfile("client1", "root");
        Matcher m = ROOT.matcher(r.stdout().strip());
        assertTrue(r.ok() && m.matches(), () -> "GETFILE client1 root: " + r);
        return m.group(1);
    }

    private String shell(String command) {
        return app.shell(command, SHELL);
    }

    /** {@code stop ID} / {@code start ID} (Gogo's start takes an id or a location, not a symbolic name). */
    private void bundle(String action, String bsn) {
        String out = shell(action + " " + bundleId(bsn));
        assertTrue(!out.contains("Exception"), () -> action + " " + bsn + ": " + out);
    }

    private String bundleId(String bsn) {
        Matcher m = Pattern.compile("(?m)^\\D*(\\d+)\\s*\\|[^|]*\\|[^|]*\\|" + Pattern.quote(bsn) + " ").matcher(shell("lb -s " + bsn));
        assertTrue(m.find(), () -> "no bundle " + bsn + " in lb -s");
        return m.group(1);
    }

    /**
     * One shell line, as an operator would type it: {@code start NEW; stop OLD}. (Stopping first works too, but then
     * the next source in the order, files here, answers for the moment neither runs.)
     */
    private void swap(String from, String to) {
        String out = shell("start " + ids.get(to) + "; stop " + ids.get(from));
        assertTrue(!out.contains("Exception"), () -> "swap " + from + " -> " + to + ": " + out);
    }

    private void awaitRootFrom(String source, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            last = rootSource();
            if (last.equals(source)) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("client1's root still from " + last + ", not " + source + ", after " + timeout
                + "; log:\n" + app.log());
    }

    @Test
    @Order(1)
    void theServersHoldTheFixture() throws IOException {
        Result ethers = servers.ypcat("ethers.byaddr");
        assertTrue(ethers.ok() && ethers.stdout().contains("52:54:0:aa:bb:1 52:54:0:aa:bb:1 client1"), ethers::toString);
        Result bootparams = servers.ypcat("bootparams");
        assertTrue(bootparams.ok() && bootparams.stdout().contains("client1 root=server:/export/nis/client1"), bootparams::toString);
        Result hosts = servers.ypcat("hosts.byname");
        assertTrue(hosts.ok() && hosts.stdout().contains("client1-nis 10.99.0.2"), hosts::toString);
        Result match = servers.ypmatch("client1", "bootparams");
        assertTrue(match.ok() && match.stdout().contains("root=server:/export/nis/client1"), match::toString);
        Result ldap = servers.ldapsearch("(macAddress=52:54:0:aa:bb:1)", "cn", "bootParameter");
        assertTrue(ldap.ok() && ldap.stdout().contains("bootParameter: root=server:/export/ldap/client1"), ldap::toString);
    }

    @Test
    @Order(2)
    void answersComeFromLdapThenNisThenFiles() {
        assertEquals("ldap", rootSource());
        String identify = shell("identify 52:54:00:aa:bb:01");
        assertTrue(identify.contains("52:54:00:aa:bb:01\tclient1\t10.99.0.2\t[from ethers:ldap hosts:ldap"), identify);
        // ldap has no nisonly: NOTFOUND there, nis answers (ethers, hosts and bootparams)
        Result nisonly = getfile("nisonly", "root");
        assertTrue(nisonly.ok() && nisonly.stdout().contains("'/export/nis/nisonly'"), nisonly::toString);
        String fromNis = shell("identify 52:54:00:aa:bb:03");
        assertTrue(fromNis.contains("nisonly\t10.99.0.3\t[from ethers:nis hosts:nis; ldap=NOTFOUND, nis=SUCCESS"), fromNis);
        String ldaponly = shell("bootparams ldaponly");
        assertTrue(ldaponly.contains("ldaponly\troot=server:/export/ldap/ldaponly\t[from ldap"), ldaponly);
        // YPPROC_ALL through the shell: the whole bootparams map of the test domain
        String all = shell("nis:all bootparams");
        assertTrue(all.contains("client1\troot=server:/export/nis/client1 swap=server:/export/swap/client1")
                && all.contains("[2 entries of bootparams in " + servers.domain()), all);
    }

    /**
     * The issue's swap: a client asks GETFILE in a loop while the NIS bundle is started and the LDAP bundle stopped,
     * and back, ten times. Every call is answered by ldap or nis (never files: one of them always runs); the first
     * answer after each swap comes from the source now running; no exception in the log, no threads left behind.
     */
    @Test
    @Order(3)
    void swappingNisAndLdapWhileAClientBoots() throws Exception {
        bundle("stop", NIS);
        awaitRootFrom("ldap", Duration.ofSeconds(10));
        ids.put(LDAP, bundleId(LDAP));
        ids.put(NIS, bundleId(NIS));
        int offset = app.logLength();
        long threadsBefore = threads();
        long eventAdminThreadsBefore = eventAdminThreads();
        // The booting client: GETFILE in a shell loop in the client namespace, one call after the other (bounded).
        Testbed.Spawned client = tb.spawn(tb.clientNs(), "sh", "-c", "i=0; while [ $i -lt 20000 ]; do "
                + bpclient + " " + RpcBed.SERVER + " udp getfile client1 root || echo FAILED; i=$((i+1)); done");
        try {
            sleep(500);
            for (int round = 0; round < 10; round++) {
                swap(LDAP, NIS);
                assertEquals("nis", rootSource(), "the first answer after the swap");
                swap(NIS, LDAP);
                assertEquals("ldap", rootSource(), "the first answer after the swap");
            }
        } finally {
            Exec.killTree(client.process().toHandle());
        }
        List<String> lines = client.log().lines().toList();
        lines = lines.subList(0, Math.max(0, lines.size() - 1)); // the last one may be cut by the kill
        Map<String, Integer> answeredBy = new java.util.TreeMap<>();
        List<String> failures = new java.util.ArrayList<>();
        for (String line : lines) {
            Matcher m = ROOT.matcher(line.strip());
            if (m.matches()) {
                answeredBy.merge(m.group(1), 1, Integer::sum);
            } else {
                failures.add(line);
            }
        }
        assertEquals(List.of(), failures, "GETFILE calls that got no answer");
        assertTrue(lines.size() >= 100, "too few calls to mean anything: " + lines.size());
        assertTrue(answeredBy.containsKey("ldap") && answeredBy.containsKey("nis"), "answered by " + answeredBy);
        assertTrue(!answeredBy.containsKey("files"), "files answered while one of ldap and nis always ran: " + answeredBy);
        List<String> suspicious = ApplianceProcess.suspiciousLines(app.logSince(offset), true);
        assertEquals(List.of(), suspicious, "exceptions or errors in the log during the swaps");
        // Threads: the NIS client's transport and the LDAP pool go with their bundle
        sleep(2000);
        // EventAdmin's delivery pools grow with the events (every GETFILE posts one) up to their fixed bounds (20
        // and half that): they are no swap's threads, so they are not counted.
        long threadsAfter = threads() - eventAdminThreads();
        threadsBefore -= eventAdminThreadsBefore;
        assertTrue(threadsAfter <= threadsBefore + 4, "threads " + threadsBefore + " before, " + threadsAfter
                + " after 10 swaps (EventAdmin's pools not counted): " + threadNames());
        System.err.println("[e2e] swap: " + lines.size() + " GETFILE calls, answered by " + answeredBy
                + "; appliance threads " + threadsBefore + " -> " + threadsAfter);
    }

    /** slapd killed: recent answers, then UNAVAIL and files (nis stopped), logged once; slapd back: ldap again. */
    @Test
    @Order(4)
    void anLdapOutageFallsThroughToFilesAndRecovers() throws IOException {
        bundle("stop", NIS);
        bundle("start", LDAP);
        awaitRootFrom("ldap", Duration.ofSeconds(10));
        int offset = app.logLength();
        servers.killSlapd();
        assertEquals("ldap", rootSource(), "a recent answer is given while the server is down");
        awaitRootFrom("files", Duration.ofSeconds(20));
        for (int i = 0; i < 10; i++) {
            assertEquals("files", rootSource());
        }
        String during = app.logSince(offset);
        assertEquals(1, count(during, "ldap: server unavailable"), "the outage is logged once:\n" + during);
        servers.startSlapd();
        awaitRootFrom("ldap", Duration.ofSeconds(20));
        app.awaitLog(Pattern.compile("ldap: server answers again"), offset, Duration.ofSeconds(5));
    }

    /** ypserv killed: recent answers, then files, logged once; ypserv back (on a new port): nis again. */
    @Test
    @Order(5)
    void aNisOutageFallsThroughToFilesAndRecovers() {
        bundle("stop", LDAP);
        bundle("start", NIS);
        awaitRootFrom("nis", Duration.ofSeconds(10));
        int offset = app.logLength();
        servers.killYpserv();
        assertEquals("nis", rootSource(), "a recent answer is given while the server is down");
        awaitRootFrom("files", Duration.ofSeconds(20));
        for (int i = 0; i < 5; i++) {
            assertEquals("files", rootSource());
        }
        assertEquals(1, count(app.logSince(offset), "nis: server unavailable"), () -> "logged once:\n" + app.logSince(offset));
        servers.startYpserv();
        awaitRootFrom("nis", Duration.ofSeconds(20));
        app.awaitLog(Pattern.compile("nis: server answers again"), offset, Duration.ofSeconds(5));
        bundle("start", LDAP);
    }

    /** The NIS source reconfigured while running to ask ypbind (in the dir namespace) where ypserv is. */
    @Test
    @Order(6)
    void nisThroughYpbind() throws IOException {
        servers.startYpbind();
        bundle("stop", LDAP);
        int offset = app.logLength();
        ApplianceProcess.configure(home, NIS, "domains = " + servers.domain(), "ypbind = " + NameServersBed.ADDRESS,
                "timeoutMs = 1000", "retryIntervalMs = 500", "staleSeconds = 4");
        app.awaitLog(Pattern.compile("nis: domains \\[" + servers.domain() + "\\], ypbind at " + NameServersBed.ADDRESS
                + ", servers \\[\\]"), offset, Duration.ofSeconds(20));
        awaitRootFrom("nis", Duration.ofSeconds(10));
        app.awaitLog(Pattern.compile("nis: ypbind at " + NameServersBed.ADDRESS + " is bound to "
                + Pattern.quote(NameServersBed.ADDRESS) + ":\\d+ for " + servers.domain()), offset, Duration.ofSeconds(5));
        bundle("start", LDAP);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private long eventAdminThreads() {
        return threadNames().entrySet().stream().filter(e -> e.getKey().startsWith("EventAdmin"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Thread names by count, to say which ones a failed thread check is about. */
    private Map<String, Long> threadNames() {
        Map<String, Long> names = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(app.pid()), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    names.merge(Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+", "#"), 1L, Long::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return names;
    }

    private long threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.substring(8).strip());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the appliance's thread count", e);
        }
        throw new AssertionError("no Threads: line for " + app.pid());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
