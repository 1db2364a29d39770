package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running appliance ({@code java -jar appliance.jar --home DIR}), optionally behind a launcher prefix such
 * as {@code ip netns exec NS}. Shared by {@link ApplianceProcessIT} and {@link Testbed#startAppliance}.
 */
public final class ApplianceProcess implements AutoCloseable {

    /** Logged once every component is active. */
    private static final Pattern READY = Pattern.compile("Diskless ready in (\\d+) ms");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at ");

    private final Process process;
    private final Path log;
    private final Thread hook;
    private int shellMarks;
    private long readyMillis = -1;
    private boolean killed;

    private ApplianceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        // A child outlives its JVM: without this, Ctrl-C on a test run would leave appliances running.
        this.hook = new Thread(() -> stop(Duration.ofSeconds(10)), "appliance-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The exported appliance: the {@code diskless.jar} system property (set by the pom), which must exist. */
    public static Path jar() {
        String prop = System.getProperty("diskless.jar", "../distro/target/appliance.jar");
        Path jar = Path.of(prop).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("appliance jar not found at " + jar + ": build the distro first (mvn install -DskipTests)");
        }
        return jar;
    }

    /**
     * Writes {@code config/PID.cfg} ({@code key = value} lines) into a home before the appliance starts: the
     * appliance applies every file there before any component activates, so the defaults never run first.
     */
    public static void configure(Path home, String pid, String... lines) {
        try {
            Path dir = Files.createDirectories(home.resolve("config"));
            Files.writeString(dir.resolve(pid + ".cfg"), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write config/" + pid + ".cfg in " + home, e);
        }
    }

    /**
     * For appliances in the host namespace: TFTP on 127.0.0.1 and a free port, so a test never binds (or needs
     * root for, or collides on) port 69 of the machine.
     */
    public static void tftpOnLoopback(Path home) {
        configure(home, "net.diskless.tftp", "address = 127.0.0.1", "port = 0");
        rpcOnLoopback(home);
        nfsOnLoopback(home);
    }

    /**
     * For appliances in the host namespace: the portmapper and bootparamd on 127.0.0.1 and free ports, so a test
     * never binds port 111 of the machine (where the host's rpcbind may run) or logs an error for it.
     */
    public static void rpcOnLoopback(Path home) {
        configure(home, "net.diskless.rpc", "address = 127.0.0.1", "port = 0");
        configure(home, "net.diskless.bootparams", "address = 127.0.0.1", "port = 0");
    }

    /**
     * For appliances run as an operator might without root: RARP off, so it neither captures on this machine's
     * interfaces nor (without CAP_NET_RAW) logs that it cannot.
     */
    public static void rarpOff(Path home) {
        configure(home, "net.diskless.rarp", "enabled = false");
    }

    /**
     * For appliances in the host namespace: NFS and MOUNT on 127.0.0.1 and free ports, so a test never binds port
     * 2049 of the machine (or fails to start where something else has it).
     */
    public static void nfsOnLoopback(Path home) {
        configure(home, "net.diskless.nfs", "address = 127.0.0.1", "port = 0", "mountPort = 0");
    }

    /**
     * For appliances in the host namespace: DHCP on 127.0.0.1 and a free port, so a test never binds port 67 of
     * the machine nor answers a DHCP client on a real network.
     */
    public static void dhcpOnLoopback(Path home) {
        configure(home, "net.diskless.dhcp", "address = 127.0.0.1", "port = 0");
    }

    /** The java running this test, so the appliance runs on the same JDK. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Starts {@code launcher... java -jar <jar> --home <home>} with stdout and stderr merged, in order, into a
     * file in {@code logDir}, and waits (bounded) for the ready line. Fails with the log if the appliance dies
     * or is not ready in time (and then stops it).
     */
    public static ApplianceProcess start(List<String> launcher, Path home, Path logDir, Duration readyTimeout) {
        return start(launcher, home, logDir, readyTimeout, false);
    }

    /**
     * As {@link #start(List, Path, Path, Duration)}; with {@code shell}, the Gogo shell reads commands from this
     * process (see {@link #shell}) instead of there being no console: what an operator types, from a test.
     */
    public static ApplianceProcess start(List<String> launcher, Path home, Path logDir, Duration readyTimeout,
                                         boolean shell) {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(javaCommand());
        if (shell) {
            cmd.add("-Dgosh.args=--noshutdown"); // a shell on stdin (a pipe: JLine's dumb terminal), which never stops the appliance
        }
        cmd.addAll(List.of("-jar", jar().toString(), "--home", home.toString()));
        ApplianceProcess app;
        try {
            Files.createDirectories(logDir);
            Path log = Files.createTempFile(logDir, "appliance-", ".log");
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(shell ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            app = new ApplianceProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
        app.awaitReady(readyTimeout);
        return app;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = log();
            Matcher m = READY.matcher(text);
            if (m.find()) {
                readyMillis = Long.parseLong(m.group(1));
                return;
            }
            if (!process.isAlive()) {
                fail("appliance exited with " + process.exitValue() + " before it was ready; log:\n" + text);
            }
            if (System.nanoTime() - deadline > 0) {
                stop(Duration.ofSeconds(10));
                fail("appliance not ready within " + timeout + "; log:\n" + log());
            }
            try { // bounded poll; returns at once if the appliance dies
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stop(Duration.ofSeconds(10));
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for the appliance");
            }
        }
    }

    /**
     * Where a service listens, from its {@code listening: SERVICE TRANSPORT HOST:PORT} line, which the appliance
     * logs before the ready line. Fails with the log when there is none.
     */
    public java.net.InetSocketAddress endpoint(String service, String transport) {
        Pattern line = Pattern.compile("listening: " + Pattern.quote(service) + " " + Pattern.quote(transport)
                + " \\[?([^\\s\\]]+)\\]?:(\\d+)");
        Matcher m = line.matcher(log());
        if (!m.find()) {
            fail("no 'listening: " + service + " " + transport + "' line; log:\n" + log());
        }
        return new java.net.InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Length of the log so far: pass it to {@link #logSince} to look only at what came after. */
    public int logLength() {
        return log().length();
    }

    /** What the appliance logged after {@code offset} (a {@link #logLength()} taken earlier). */
    public String logSince(int offset) {
        String text = log();
        return offset <= text.length() ? text.substring(offset) : text;
    }

    /**
     * Waits (polling, bounded) until the log after {@code offset} matches {@code pattern}; returns the match, or
     * fails with the log when the appliance dies or the time is up.
     */
    public Matcher awaitLog(Pattern pattern, int offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(logSince(offset));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                return fail("no '" + pattern + "' in the log within " + timeout
                        + (process.isAlive() ? "" : " (appliance exited)") + "; log:\n" + log());
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS); // bounded poll; returns at once if the appliance dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + pattern);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Types {@code command} into the shell (an appliance started with a shell) and waits, bounded, until it has run;
     * returns what the shell printed for it (with log lines that came meanwhile).
     */
    public synchronized String shell(String command, Duration timeout) {
        String mark = "@@done-" + (++shellMarks);
        int offset = logLength();
        try {
            var in = process.getOutputStream();
            in.write((command + "\necho " + mark + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            return fail("cannot type into the appliance's shell (started without one?): " + e);
        }
        Matcher m = awaitLog(Pattern.compile("(?<!echo )" + Pattern.quote(mark)), offset, timeout);
        return logSince(offset).substring(0, m.start());
    }

    /** Everything the appliance printed so far, stdout and stderr interleaved. */
    public String log() {
        return Exec.read(log);
    }

    /** N from "Diskless ready in N ms". */
    public long readyMillis() {
        return readyMillis;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True if {@link #stop} had to SIGKILL: the caller should report that as a failure. */
    public boolean killed() {
        return killed;
    }

    /**
     * SIGTERM (what {@link Process#destroy()} sends on Linux), then waits up to {@code timeout}; only if the
     * appliance is still running then, SIGKILL (and {@link #killed()} becomes true). Returns the exit status.
     */
    public synchronized int stop(Duration timeout) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (maybe this is the hook): stop anyway
        }
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killed = true;
                    Exec.killTree(process.toHandle());
                }
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                killed = true;
                Exec.killTree(process.toHandle());
                Thread.currentThread().interrupt();
            }
        }
        return process.isAlive() ? Result.TIMED_OUT : process.exitValue();
    }

    /** Stops the appliance if it still runs; for try-with-resources, so a failing test leaves nothing behind. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    /** Lines that mean something went wrong: stack frames, exceptions and, if asked, ERROR log lines. */
    public static List<String> suspiciousLines(String log, boolean includeErrors) {
        return log.lines()
                .filter(l -> STACK_FRAME.matcher(l).find() || l.contains("Exception")
                        || (includeErrors && l.contains("ERROR")))
                .filter(l -> !l.contains(EVENTADMIN_SHUTDOWN_RACE))
                .toList();
    }

    /**
     * Felix EventAdmin 1.6.4 logs this when an event posted while the framework stops reaches its delivery pool
     * after the pool terminated (seen about once in ten stops right after start-up): the event is dropped, which
     * at shutdown loses nothing. Not a line of ours; ignored here so it cannot hide anything else.
     */
    static final String EVENTADMIN_SHUTDOWN_RACE = "WARNING: EventAdmin: Exception: java.util.concurrent.RejectedExecutionException";
}
