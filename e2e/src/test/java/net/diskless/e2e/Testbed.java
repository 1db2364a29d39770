package net.diskless.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A server network namespace with a bridge {@code br0} and one client namespace whose {@code eth0} is a veth
 * port on that bridge: the bed real clients (tftp, udhcpc, QEMU...) boot from the appliance on.
 *
 * <p>Traffic stays inside: no default route, no forwarding or NAT in the host namespace. Namespaces are named
 * {@code dl<pid><role>} after this JVM, so a later run can tell (and sweep) what a killed run left behind.
 * {@link #close()} undoes everything, also from a shutdown hook when the test JVM is interrupted.
 */
public final class Testbed implements AutoCloseable {

    /** How the client namespace is set up; {@code clientAddress} null leaves eth0 unnumbered (DHCP clients). */
    public record Options(String clientMac, String clientAddress, String serverAddress) {
        public static Options defaults() {
            return new Options("52:54:00:aa:bb:01", "10.99.0.2/24", "10.99.0.1/24");
        }

        public Options withClientMac(String mac) {
            return new Options(mac, clientAddress, serverAddress);
        }

        public Options withClientAddress(String cidr) {
            return new Options(clientMac, cidr, serverAddress);
        }

        /** Address of br0 in the server namespace; it defines the subnet, e.g. 10.99.0.1/16 for perfdhcp. */
        public Options withServerAddress(String cidr) {
            return new Options(clientMac, clientAddress, cidr);
        }
    }

    /** A background process started in one of our namespaces; its stdout and stderr go to {@code output}. */
    public record Spawned(Process process, Path output) {
        public long pid() {
            return process.pid();
        }

        public String log() {
            return Exec.read(output);
        }
    }

    /** Roles name client namespaces (prefix + role); see {@link Netns} for the whole naming scheme. */
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9]{0,7}");

    private final String prefix;
    private final String serverNs;
    private final String clientNs;
    private final Path tempDir;
    private final List<String> namespaces = new CopyOnWriteArrayList<>();
    private final List<Spawned> spawned = new CopyOnWriteArrayList<>();
    private final List<ApplianceProcess> appliances = new CopyOnWriteArrayList<>();
    private final Thread hook;
    private boolean closed;

    private Testbed(String prefix) throws IOException {
        this.prefix = prefix;
        this.serverNs = prefix + "srv";
        this.clientNs = prefix + "cli";
        namespaces.add(serverNs); // claimed by allocatePrefix()
        tempDir = Files.createTempDirectory(Netns.tempPrefix());
        // Per test bed, so an interrupted JVM cleans up whatever test beds are still open.
        hook = new Thread(this::close, "testbed-cleanup-" + prefix);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Skips the calling test (JUnit assumption) unless this process is root, {@code ip} is installed and
     * {@code ip netns add} works; the message says which of these failed.
     */
    public static void requireRootAndNamespaces() {
        String why = Netns.whyUnavailable();
        if (why != null) { // also on stderr: the build's console shows skip counts, not reasons
            System.err.println("[e2e] network namespace test skipped: " + why);
        }
        Assumptions.assumeTrue(why == null, () -> "network namespace test skipped: " + why);
    }

    public static Testbed create() {
        return create(Options.defaults());
    }

    /** Sweeps what killed runs left, then builds the server and client namespaces (see class comment). */
    public static Testbed create(Options options) {
        requireRootAndNamespaces();
        Netns.sweepStale();
        String prefix = allocatePrefix();
        Testbed tb;
        try {
            tb = new Testbed(prefix);
        } catch (IOException e) { // no hook yet to undo the claim
            Netns.delete(prefix + "srv", new ArrayList<>());
            throw new UncheckedIOException(e);
        }
        try {
            Netns.ipOk("-n", tb.serverNs, "link", "set", "lo", "up");
            Netns.ipOk("-n", tb.serverNs, "link", "add", "br0", "type", "bridge");
            Netns.ipOk("-n", tb.serverNs, "addr", "add", options.serverAddress(), "dev", "br0");
            Netns.ipOk("-n", tb.serverNs, "link", "set", "br0", "up");
            tb.addClient("cli", options.clientMac(), options.clientAddress());
            return tb;
        } catch (RuntimeException | Error e) {
            try {
                tb.close();
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** Claims "dl<pid>srv" (or "dl<pid>i<k>srv" while another test bed of this JVM is open). */
    private static String allocatePrefix() {
        String base = "dl" + ProcessHandle.current().pid();
        for (int k = 0; k < 100; k++) {
            String prefix = k == 0 ? base : base + "i" + k;
            if (Netns.list().contains(prefix + "srv")) {
                continue;
            }
            Netns.ipOk("netns", "add", prefix + "srv");
            return prefix;
        }
        throw new IllegalStateException("100 test beds open in one JVM: close them");
    }

    public String serverNs() {
        return serverNs;
    }

    public String clientNs() {
        return clientNs;
    }

    /** All namespaces of this test bed, server first. */
    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Scratch space removed by {@link #close()}. */
    public Path tempDir() {
        return tempDir;
    }

    /** Adds a tap in the server namespace, a port of br0 (for QEMU run there). Returns its name. */
    public String addTap(String name) {
        requireIfName(name);
        Netns.ipOk("-n", serverNs, "tuntap", "add", "dev", name, "mode", "tap");
        Netns.ipOk("-n", serverNs, "link", "set", name, "master", "br0");
        Netns.ipOk("-n", serverNs, "link", "set", name, "up");
        return name;
    }

    /** Another client namespace (prefix + role) whose unnumbered eth0 is a port of br0. Returns its name. */
    public String addClient(String role, String mac) {
        return addClient(role, mac, null);
    }

    /** As {@link #addClient(String, String)}; {@code address} (CIDR) may be null. */
    public String addClient(String role, String mac, String address) {
        if (!ROLE.matcher(role).matches() || role.equals("srv")) {
            throw new IllegalArgumentException("role must match " + ROLE + " and not be srv: " + role);
        }
        String ns = prefix + role;
        String serverEnd = "v" + role; // names the peer in the server namespace, at most 9 chars
        Netns.ipOk("netns", "add", ns);
        namespaces.add(ns);
        Netns.ipOk("-n", ns, "link", "set", "lo", "up");
        // Both ends are created directly in their namespaces: nothing ever appears in the host namespace.
        Netns.ipOk("link", "add", serverEnd, "netns", serverNs, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Netns.ipOk("-n", serverNs, "link", "set", serverEnd, "master", "br0");
        Netns.ipOk("-n", serverNs, "link", "set", serverEnd, "up");
        Netns.ipOk("-n", ns, "link", "set", "eth0", "address", mac);
        if (address != null) {
            Netns.ipOk("-n", ns, "addr", "add", address, "dev", "eth0");
        }
        Netns.ipOk("-n", ns, "link", "set", "eth0", "up");
        return ns;
    }

    /** Runs {@code cmd} in namespace {@code ns} (one of ours), killing its process tree at the deadline. */
    public Result exec(String ns, Duration timeout, String... cmd) {
        return Exec.run(timeout, inNs(ns, cmd));
    }

    public Result execServer(Duration timeout, String... cmd) {
        return exec(serverNs, timeout, cmd);
    }

    public Result execClient(Duration timeout, String... cmd) {
        return exec(clientNs, timeout, cmd);
    }

    /** Starts {@code cmd} in the background in {@code ns}; {@link #close()} kills it if still running. */
    public Spawned spawn(String ns, String... cmd) {
        try {
            Path out = Files.createTempFile(tempDir, "spawn-", ".log");
            Process p = new ProcessBuilder(inNs(ns, cmd))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            Spawned s = new Spawned(p, out);
            spawned.add(s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + Arrays.toString(cmd), e);
        }
    }

    /** Starts the appliance in the server namespace and waits until it is ready (see {@link ApplianceProcess}). */
    public ApplianceProcess startAppliance(Path home, Duration readyTimeout) {
        return startAppliance(home, readyTimeout, false);
    }

    /** As {@link #startAppliance(Path, Duration)}; {@code shell}: see {@link ApplianceProcess#shell}. */
    public ApplianceProcess startAppliance(Path home, Duration readyTimeout, boolean shell) {
        List<String> launcher = List.of("ip", "netns", "exec", serverNs);
        ApplianceProcess app = ApplianceProcess.start(launcher, home, tempDir.resolve("logs"), readyTimeout, shell);
        appliances.add(app);
        return app;
    }

    private List<String> inNs(String ns, String... cmd) {
        if (!namespaces.contains(ns)) { // tests only ever talk inside namespaces they made
            throw new IllegalArgumentException(ns + " is not a namespace of this test bed: " + namespaces);
        }
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        return all;
    }

    /**
     * Stops the appliances (SIGTERM, then SIGKILL), kills what {@link #spawn} started and anything else still
     * inside our namespaces, deletes the namespaces (which deletes the bridge, veths and taps in them) and the
     * temp dir. Idempotent; synchronized so the shutdown hook waits for a close already under way.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        for (ApplianceProcess app : appliances) {
            app.stop(Duration.ofSeconds(15));
        }
        for (Spawned s : spawned) {
            Exec.killTree(s.process().toHandle());
        }
        List<String> reversed = new ArrayList<>(namespaces);
        Collections.reverse(reversed);
        for (String ns : reversed) {
            Netns.delete(ns, problems);
        }
        try {
            Exec.deleteTree(tempDir);
        } catch (IOException e) {
            problems.add("cannot delete " + tempDir + ": " + e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook, or it runs beside it and waits for this lock
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("test bed " + prefix + " teardown incomplete: " + problems);
        }
    }

    private static void requireIfName(String name) {
        if (name.isEmpty() || name.length() > 15 || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("not a valid interface name (1-15 chars): " + name);
        }
    }

    @Override
    public String toString() {
        return "Testbed" + namespaces;
    }
}
