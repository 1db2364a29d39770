package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Real directory servers in a namespace of a {@link Testbed} ({@code dir}, 10.99.0.5): Debian's {@code slapd} from a
 * slapd.conf in a temp dir (back_mdb, RFC 2307 schema, fixture entries loaded with slapadd), and {@code rpcbind} +
 * {@code ypserv} serving a test domain whose maps {@code makedbm} builds from fixture files, the way ypmake does. The
 * maps live in {@code /var/yp/DOMAIN} (ypserv reads nothing else); the domain is named after this JVM and removed on
 * {@link #close()}. The machine's own NIS domain is never set. Every process is started by the bed and killed by PID.
 */
final class NameServersBed implements AutoCloseable {

    static final String ADDRESS = "10.99.0.5";
    static final String BASE = "dc=example,dc=org";
    static final String ADMIN = "cn=admin,dc=example,dc=org";
    static final Duration UP = Duration.ofSeconds(20);

    static final String NIS_ETHERS = """
            52:54:0:aa:bb:1 client1
            52:54:0:aa:bb:3 nisonly
            """;
    static final String NIS_HOSTS = """
            10.99.0.1 server
            10.99.0.2 client1 client1-nis
            10.99.0.3 nisonly
            """;
    static final String NIS_BOOTPARAMS = """
            client1 root=server:/export/nis/client1 swap=server:/export/swap/client1
            nisonly root=server:/export/nis/nisonly
            """;

    private final Testbed tb;
    private final String ns;
    private final String domain;
    private final String password;
    private final Path slapdDir;
    private Testbed.Spawned slapd;
    private Testbed.Spawned rpcbind;
    private Testbed.Spawned ypserv;

    NameServersBed(Testbed tb) {
        this.tb = tb;
        this.ns = tb.addClient("dir", "52:54:00:aa:bb:05", ADDRESS + "/24");
        this.domain = "dl" + ProcessHandle.current().pid() + "test";
        this.password = "pw" + Long.toHexString(System.nanoTime());
        this.slapdDir = tb.tempDir().resolve("slapd");
    }

    static void requireTools() {
        for (String tool : List.of("/usr/sbin/slapd", "/usr/sbin/slapadd", "/usr/bin/ldapsearch", "/usr/sbin/ypserv",
                "/usr/sbin/rpcbind", "/usr/lib/yp/makedbm", "/usr/bin/ypcat", "/usr/bin/rpcinfo")) {
            if (!Files.isExecutable(Path.of(tool))) {
                System.err.println("[e2e] name source test skipped: " + tool + " missing (Debian slapd, ldap-utils, nis, rpcbind)");
                org.junit.jupiter.api.Assumptions.assumeTrue(false, tool + " missing (Debian slapd, ldap-utils, nis, rpcbind)");
            }
        }
    }

    String namespace() {
        return ns;
    }

    String domain() {
        return domain;
    }

    String password() {
        return password;
    }

    // ---- LDAP ----

    void startSlapd() throws IOException {
        if (!Files.exists(slapdDir.resolve("db"))) {
            Files.createDirectories(slapdDir.resolve("db"));
            Files.writeString(slapdDir.resolve("slapd.conf"), resource("slapd.conf")
                    .replace("@DIR@", slapdDir.toString()).replace("@PASSWORD@", password));
            Files.writeString(slapdDir.resolve("data.ldif"), resource("data.ldif"));
            Result load = Exec.run(UP, List.of("/usr/sbin/slapadd", "-f", conf(), "-l", slapdDir.resolve("data.ldif").toString()));
            assertTrue(load.ok(), () -> "slapadd: " + load);
        }
        slapd = tb.spawn(ns, "/usr/sbin/slapd", "-f", conf(), "-h", "ldap://" + ADDRESS + ":389/", "-d", "0");
        await("slapd answers", () -> ldapsearch("(cn=server)").stdout().contains("dn: cn=server"));
    }

    private String conf() {
        return slapdDir.resolve("slapd.conf").toString();
    }

    /** ldapsearch from the server namespace, bound as the admin (anonymous users see nothing). */
    Result ldapsearch(String filter, String... attributes) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-o", "nettimeout=2",
                "-H", "ldap://" + ADDRESS + ":389", "-D", ADMIN, "-w", password, "-b", BASE, filter));
        cmd.addAll(List.of(attributes));
        return tb.execServer(UP, cmd.toArray(String[]::new));
    }

    void killSlapd() {
        Exec.killTree(slapd.process().toHandle());
    }

    // ---- NIS ----

    /** The maps ypmake would build (see /var/yp/Makefile): key TAB line, hosts.byname keys lower-cased. */
    void buildNisMaps() throws IOException {
        Path src = Files.createDirectories(tb.tempDir().resolve("nis"));
        Path maps = Files.createDirectories(Path.of("/var/yp", domain));
        Files.writeString(src.resolve("ethers"), NIS_ETHERS);
        Files.writeString(src.resolve("hosts"), NIS_HOSTS);
        Files.writeString(src.resolve("bootparams"), NIS_BOOTPARAMS);
        makedbm(src.resolve("ethers"), "{print $1\"\\t\"$0}", maps, "ethers.byaddr", false);
        makedbm(src.resolve("ethers"), "{print $2\"\\t\"$0}", maps, "ethers.byname", false);
        makedbm(src.resolve("hosts"), "{for (n=2; n<=NF; n++) print $n\"\\t\"$0}", maps, "hosts.byname", true);
        makedbm(src.resolve("hosts"), "{print $1\"\\t\"$0}", maps, "hosts.byaddr", false);
        makedbm(src.resolve("bootparams"), "{print $0}", maps, "bootparams", false);
    }

    private void makedbm(Path source, String awk, Path maps, String map, boolean lowerKeys) {
        String out = maps.resolve(map).toString();
        String script = "awk '" + awk + "' " + source + " | /usr/lib/yp/makedbm -r " + (lowerKeys ? "-l " : "")
                + "-i " + source + " -o " + out + " - " + out;
        Result r = Exec.run(UP, List.of("sh", "-c", script));
        assertTrue(r.ok(), () -> "makedbm " + map + ": " + r);
    }

    void startRpcbind() throws IOException {
        // ypserv reads /etc/ypserv.securenets; `ip netns exec` bind-mounts this one over it in our namespace only.
        Path etc = Files.createDirectories(Path.of("/etc/netns", ns));
        Files.writeString(etc.resolve("ypserv.securenets"), "0.0.0.0 0.0.0.0\n");
        rpcbind = tb.spawn(ns, "/usr/sbin/rpcbind", "-f", "-w");
        await("rpcbind answers", () -> tb.exec(ns, UP, "rpcinfo", "-p", "127.0.0.1").ok());
    }

    void startYpserv() {
        ypserv = tb.spawn(ns, "/usr/sbin/ypserv", "-d");
        await("ypserv registered", () -> tb.exec(ns, UP, "rpcinfo", "-u", "127.0.0.1", "ypserv", "2").ok());
    }

    void killYpserv() {
        Exec.killTree(ypserv.process().toHandle());
    }

    /**
     * A ypbind that stays: in a private UTS namespace with the test domain as its domain name, bound to our
     * ypserv by its own config file, registered with our rpcbind (so the appliance can ask it from outside).
     */
    void startYpbind() throws IOException {
        Path conf = tb.tempDir().resolve("yp-stay.conf");
        Files.writeString(conf, "domain " + domain + " server " + ADDRESS + "\n");
        tb.spawn(ns, "unshare", "--uts", "sh", "-c", "domainname " + domain + " && exec /usr/sbin/ypbind -f " + conf
                + " -foreground -no-ping");
        await("ypbind registered", () -> tb.exec(ns, UP, "rpcinfo", "-u", "127.0.0.1", "ypbind", "2").ok());
    }

    /** ypcat from the server namespace, straight to the server (no ypbind). */
    Result ypcat(String map) {
        return tb.execServer(UP, "ypcat", "-d", domain, "-h", ADDRESS, "-k", map);
    }

    /**
     * ypmatch, which needs ypbind: both run in a private UTS namespace ({@code unshare --uts}) inside ours, with
     * the test domain as that namespace's domain name, so the machine's NIS domain is never touched. ypbind gets
     * its own config file naming our server, is stopped by its PID, and its binding files are removed on close.
     */
    Result ypmatch(String key, String map) throws IOException {
        Path conf = tb.tempDir().resolve("yp.conf");
        Files.writeString(conf, "domain " + domain + " server " + ADDRESS + "\n");
        String script = "domainname " + domain + " || exit 3\n"
                + "/usr/sbin/ypbind -f " + conf + " -foreground -no-ping & YPBIND=$!\n"
                + "i=0; until ypwhich >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 100 ] && break; sleep 0.1; done\n"
                + "ypmatch " + key + " " + map + "; r=$?\n"
                + "kill $YPBIND; wait $YPBIND\n"
                + "exit $r\n";
        return tb.exec(ns, UP, "unshare", "--uts", "sh", "-c", script);
    }

    private static void await(String what, BooleanSupplier ok) {
        long deadline = System.nanoTime() + UP.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + UP);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NameServersBed.class.getResourceAsStream("/names/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Removes the test domain's maps; the processes go with the test bed's namespaces. */
    @Override
    public void close() {
        try {
            try (var binding = Files.newDirectoryStream(Path.of("/var/yp/binding"), domain + ".*")) {
                for (Path p : binding) { // ypbind's binding files for our domain only
                    Files.deleteIfExists(p);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // no binding directory: nothing to remove
            }
            Exec.deleteTree(Path.of("/var/yp", domain));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove /var/yp/" + domain, e);
        }
    }
}
