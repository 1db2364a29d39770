package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Real DHCP and BOOTP clients in client namespaces against the appliance on 10.99.0.1:67: busybox udhcpc, ISC
 * dhclient, dhcpcd, klibc ipconfig (DHCP, and BOOTP where the options overflow the vendor area) and a pure
 * RFC 951 request. Static hosts get their directory address and bootptab facts, root path included; others get
 * a pool address that is in the lease journal. Root only: skipped elsewhere, with the reason.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhcpClientsIT {

    private static final Duration CLIENT = Duration.ofSeconds(40);
    private DhcpBed bed;
    private RuntimeException setupFailure;

    @BeforeEach
    void bed() {
        Testbed.requireRootAndNamespaces();
        if (setupFailure != null) {
            throw setupFailure;
        }
        if (bed == null) {
            try {
                bed = DhcpBed.start(Testbed.Options.defaults().withClientAddress(null),
                        "subnets = 10.99.0.0/24 pool=10.99.0.100-10.99.0.199 router=10.99.0.1 lease=600");
            } catch (RuntimeException e) {
                setupFailure = e;
                throw e;
            }
        }
        bed.unconfigure(bed.testbed().clientNs());
    }

    @AfterAll
    void close() {
        if (bed != null) {
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(bed.appliance().log(), true), bed.appliance()::log);
            bed.close();
        }
    }

    /** Runs udhcpc in {@code ns}; returns what its script saw on "bound" (env variables). */
    private Map<String, String> udhcpc(String ns) {
        Path env = bed.testbed().tempDir().resolve("udhcpc-" + ns + ".env");
        Path script = bed.shell("udhcpc-" + ns + ".sh", "[ \"$1\" = bound ] && env > " + env + "\nexit 0\n");
        Result r = bed.testbed().exec(ns, CLIENT, "busybox", "udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "5", "-T", "1",
                "-O", "rootpath", "-s", script.toString());
        assertTrue(r.ok() && Files.exists(env), () -> "udhcpc: " + r + "\nappliance:\n" + bed.logTail());
        return parseEnv(Exec.read(env));
    }

    private static Map<String, String> parseEnv(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    @Test
    void udhcpcStaticHostGetsItsAddressAndRootPath() {
        Map<String, String> env = udhcpc(bed.testbed().clientNs());
        assertEquals(DhcpBed.CLIENT1_IP, env.get("ip"), env::toString);
        assertEquals(DhcpBed.ROOT_PATH, env.get("rootpath"), env::toString);
        assertEquals(DhcpBed.BOOT_FILE, env.get("boot_file"));
        assertEquals(DhcpBed.SERVER, env.get("siaddr"));
        assertEquals(DhcpBed.SERVER, env.get("serverid"));
        assertEquals("client1", env.get("hostname"));
        assertEquals("255.255.255.0", env.get("subnet"));
        assertEquals("10.99.0.1 10.99.0.53", env.get("dns"));
        assertEquals("600", env.get("lease"));
    }

    @Test
    void udhcpcUnknownClientGetsAPoolAddressThatIsJournalled() {
        String ns = bed.testbed().addClient("pool", "52:54:00:aa:bb:77");
        Map<String, String> env = udhcpc(ns);
        String ip = env.get("ip");
        assertTrue(ip != null && ip.matches("10\\.99\\.0\\.1\\d\\d"), env::toString);
        assertTrue(bed.journalRecords().stream().anyMatch(r -> r[0].equals(ip) && r[1].equals("BOUND")
                && r[2].equals("52:54:00:aa:bb:77")), () -> "journal:\n" + Exec.read(bed.journal()));
        // again: the same address (its lease), not a second one
        assertEquals(ip, udhcpc(ns).get("ip"));
    }

    @Test
    void dhclient() {
        Path out = bed.testbed().tempDir().resolve("dhclient.out");
        // dhclient -d never exits: the script ends it once bound
        Path script = bed.shell("dhclient.sh", "case \"$reason\" in BOUND|REBOOT) echo \"ip=$new_ip_address\" > " + out
                + "; echo \"root=$new_root_path\" >> " + out + "; echo \"file=$new_filename\" >> " + out
                + "; echo \"host=$new_host_name\" >> " + out + "; kill $PPID;; esac\nexit 0\n");
        Path dir = bed.testbed().tempDir();
        Result r = bed.testbed().exec(bed.testbed().clientNs(), CLIENT, "dhclient", "-4", "-v", "-1", "-d", "-lf",
                dir.resolve("dhclient.leases").toString(), "-pf", dir.resolve("dhclient.pid").toString(), "-sf",
                script.toString(), "eth0");
        assertTrue(Files.exists(out), () -> "dhclient: " + r + "\nappliance:\n" + bed.logTail());
        Map<String, String> got = parseEnv(Exec.read(out));
        assertEquals(DhcpBed.CLIENT1_IP, got.get("ip"), got::toString);
        assertEquals(DhcpBed.ROOT_PATH, got.get("root"));
        assertEquals(DhcpBed.BOOT_FILE, got.get("file"));
        assertEquals("client1", got.get("host"));
    }

    @Test
    void dhcpcd() {
        Path out = bed.testbed().tempDir().resolve("dhcpcd.out");
        Path script = bed.shell("dhcpcd.sh", "case \"$reason\" in BOUND|REBOOT) echo \"ip=$new_ip_address\" > " + out
                + "; echo \"root=$new_root_path\" >> " + out + "; echo \"file=$new_filename\" >> " + out + ";; esac\nexit 0\n");
        Result r = bed.testbed().exec(bed.testbed().clientNs(), CLIENT, "dhcpcd", "-d", "-B", "-4", "-1", "-t", "10",
                "-f", "/dev/null", "-c", script.toString(), "--noipv4ll", "eth0");
        assertTrue(Files.exists(out), () -> "dhcpcd: " + r + "\nappliance:\n" + bed.logTail());
        Map<String, String> got = parseEnv(Exec.read(out));
        assertEquals(DhcpBed.CLIENT1_IP, got.get("ip"), got::toString);
        assertEquals(DhcpBed.ROOT_PATH, got.get("root"));
        assertEquals(DhcpBed.BOOT_FILE, got.get("file"));
    }

    /** klibc's ipconfig prints what it got; -n keeps it from configuring the interface. */
    private String ipconfig(String protocol) {
        Path conf = Path.of("/run/net-eth0.conf"); // ipconfig writes this even with -n: put back what was there
        String before = Files.exists(conf) ? Exec.read(conf) : null;
        try {
            Result r = bed.testbed().exec(bed.testbed().clientNs(), CLIENT, "/usr/lib/klibc/bin/ipconfig", "-n", "-t", "10",
                    "-c", protocol, "-d", "eth0");
            assertTrue(r.ok(), () -> "ipconfig: " + r + "\nappliance:\n" + bed.logTail());
            return r.stdout() + r.stderr();
        } finally {
            try {
                if (before == null) {
                    Files.deleteIfExists(conf);
                } else {
                    Files.writeString(conf, before);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void assertIpconfig(String out, String protocol) {
        assertTrue(out.contains("complete (" + protocol + " from " + DhcpBed.SERVER + ")"), out);
        assertTrue(out.contains("address: " + DhcpBed.CLIENT1_IP + " "), out);
        assertTrue(out.contains("rootpath: " + DhcpBed.ROOT_PATH), out);
        assertTrue(out.contains("filename  : " + DhcpBed.BOOT_FILE), out);
        assertTrue(out.contains("host   : client1"), out);
    }

    @Test
    void klibcIpconfigBootpGetsTheRootPathThoughTheVendorAreaOverflows() {
        int offset = bed.appliance().logLength();
        assertIpconfig(ipconfig("bootp"), "bootp");
        bed.appliance().awaitLog(Pattern.compile("dhcp: BOOTREPLY " + Pattern.quote(DhcpBed.CLIENT1_IP)), offset,
                Duration.ofSeconds(5));
    }

    @Test
    void klibcIpconfigDhcp() {
        assertIpconfig(ipconfig("dhcp"), "dhcp");
    }

    @Test
    void pureRfc951BootpRequestGetsABootpReply() {
        String ns = bed.testbed().addClient("bootp", DhcpBed.CLIENT2_MAC, DhcpBed.CLIENT2_IP + "/24");
        Result r = bed.testbed().exec(ns, CLIENT, "python3", bed.script("bootp_probe.py").toString(), DhcpBed.SERVER,
                DhcpBed.CLIENT2_IP, DhcpBed.CLIENT2_MAC);
        assertTrue(r.ok(), () -> r + "\nappliance:\n" + bed.logTail());
        Map<String, String> got = parseEnv(r.stdout());
        assertEquals(DhcpBed.CLIENT2_IP, got.get("yiaddr"), r::toString);
        assertEquals(DhcpBed.SERVER, got.get("siaddr"));
        assertEquals(DhcpBed.BOOT_FILE, got.get("file"));
        assertEquals("False", got.get("dhcp"), "a BOOTP reply has no message type");
        assertEquals("True", got.get("cookie"), "vendor options in RFC 1048 format");
        assertEquals(DhcpBed.ROOT_PATH, got.get("option17"));
        assertEquals("client2", got.get("option12"));
        assertEquals("hello", got.get("option150"));
        assertEquals("10.99.0.1,10.99.0.53", got.get("option6"));
        assertFalse(bed.appliance().log().contains("did not fit"), bed::logTail);
    }

    @Test
    void everyReplyIsLoggedWithClientAddressAndFile() {
        udhcpc(bed.testbed().clientNs());
        Matcher m = Pattern.compile("dhcp: ACK " + Pattern.quote(DhcpBed.CLIENT1_IP) + " to " + DhcpBed.CLIENT1_MAC
                + " file " + DhcpBed.BOOT_FILE + " via /10\\.99\\.0\\.255:68").matcher(bed.appliance().log());
        assertTrue(m.find(), bed::logTail);
    }
}
