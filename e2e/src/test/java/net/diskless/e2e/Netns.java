package net.diskless.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The `ip netns` plumbing under {@link Testbed}: availability, listing, deleting and the stale sweep. */
final class Netns {

    /** Names test beds create: "dl", owner PID, optional instance "i<k>", role. Nothing else is ever swept. */
    private static final Pattern OURS = Pattern.compile("dl(\\d{1,10})(?:i\\d+)?[a-z][a-z0-9]{0,7}");
    private static final Pattern OUR_TEMP = Pattern.compile("diskless-e2e-(\\d{1,10})-\\d+");
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(15);

    private Netns() {
    }

    /** Null when namespaces can be made here, else the reason they cannot. */
    static String whyUnavailable() {
        long euid = effectiveUid();
        if (euid != 0) {
            return "not running as root (effective uid " + euid + "); creating network namespaces needs root";
        }
        try {
            Exec.run(IP_TIMEOUT, List.of("ip", "-V"));
        } catch (UncheckedIOException e) {
            return "the `ip` command (iproute2) is not installed or not on PATH: " + e.getCause().getMessage();
        }
        String probe = "dl" + ProcessHandle.current().pid() + "probe";
        Result add = ip("netns", "add", probe);
        if (!add.ok()) {
            return "`ip netns add` failed (unprivileged container?): " + add.stderr().strip();
        }
        ip("netns", "del", probe);
        return null;
    }

    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) { // Uid: real effective saved fs
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to id -u
        }
        Result id = Exec.run(IP_TIMEOUT, List.of("id", "-u"));
        return id.ok() ? Long.parseLong(id.stdout().strip()) : -1;
    }

    /** Names from `ip netns list` (lines look like "dl123srv (id: 0)"). */
    static List<String> list() {
        return ipOk("netns", "list").stdout().lines().map(l -> l.split("\\s+")[0])
                .filter(s -> !s.isEmpty()).toList();
    }

    /** Removes namespaces and temp dirs whose owning JVM is gone (a killed run). Touches only our names. */
    static void sweepStale() {
        List<String> problems = new ArrayList<>();
        for (String ns : list()) {
            Matcher m = OURS.matcher(ns);
            if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                delete(ns, problems);
            }
        }
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path dir : tmp.toList()) {
                Matcher m = OUR_TEMP.matcher(dir.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                    Exec.deleteTree(dir);
                }
            }
        } catch (IOException e) {
            problems.add("temp dir sweep: " + e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot sweep what an earlier run left: " + problems);
        }
    }

    /** Prefix for a test bed's temp dir, so the sweep can tell its owner. */
    static String tempPrefix() {
        return "diskless-e2e-" + ProcessHandle.current().pid() + "-";
    }

    private static boolean alive(long pid) {
        return Exec.running(pid); // a killed test JVM may linger as a zombie: that owner is gone too
    }

    /** SIGKILLs (by PID) whatever runs inside {@code ns}, then deletes it and its /etc/netns/ files. */
    static void delete(String ns, List<String> problems) {
        List<ProcessHandle> inside = pidsIn(ns);
        inside.forEach(ProcessHandle::destroyForcibly);
        if (!Exec.awaitExit(inside, Duration.ofSeconds(10))) {
            problems.add("processes in " + ns + " survived SIGKILL: " + inside);
        }
        // The kernel frees the namespace, and with it the bridge, veths and taps, once nothing holds it.
        Result del = ip("netns", "del", ns);
        if (!del.ok() && list().contains(ns)) {
            problems.add("ip netns del " + ns + ": " + del.stderr().strip());
        }
        try { // per-namespace /etc files that `ip netns exec` bind-mounts, if a test made any
            Exec.deleteTree(Path.of("/etc/netns", ns));
        } catch (IOException e) {
            problems.add("cannot delete /etc/netns/" + ns + ": " + e);
        }
    }

    private static List<ProcessHandle> pidsIn(String ns) {
        long self = ProcessHandle.current().pid();
        return ip("netns", "pids", ns).stdout().lines().map(String::strip).filter(s -> s.matches("\\d+"))
                .map(Long::parseLong).filter(pid -> pid != self)
                .map(ProcessHandle::of).flatMap(Optional::stream).toList();
    }

    static Result ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return Exec.run(IP_TIMEOUT, cmd);
    }

    static Result ipOk(String... args) {
        Result r = ip(args);
        if (!r.ok()) {
            throw new IllegalStateException("ip " + String.join(" ", args) + " failed: " + r);
        }
        return r;
    }
}
