package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The appliance serving BOOTP/DHCP in the server namespace of a {@link Testbed} (10.99.0.1, port 67, replies to
 * the subnet's broadcast address on br0), with a home whose directory knows two static hosts:
 * client1 (52:54:00:aa:bb:01, the client namespace, 10.99.0.2) and client2 (52:54:00:aa:bb:02, 10.99.0.3), both
 * with bootptab facts whose root path does not fit in a 64-byte BOOTP vendor area together with the rest.
 * Everything else gets an address from the pool the test configures.
 */
final class DhcpBed implements AutoCloseable {

    static final String SERVER = "10.99.0.1";
    static final String CLIENT1_MAC = "52:54:00:aa:bb:01";
    static final String CLIENT1_IP = "10.99.0.2";
    static final String CLIENT2_MAC = "52:54:00:aa:bb:02";
    static final String CLIENT2_IP = "10.99.0.3";
    static final String ROOT_PATH = "10.99.0.1:/export/diskless/roots/client-with-a-long-root-path";
    static final String BOOT_FILE = "pxeboot";
    static final Duration READY = Duration.ofSeconds(60);
    private static final Pattern BOUND = Pattern.compile("dhcp: (BOOTP/DHCP|proxyDHCP) on udp \\[/0\\.0\\.0\\.0:67");

    private final Testbed tb;
    private final Path home;
    private ApplianceProcess app;

    private DhcpBed(Testbed tb, Path home) {
        this.tb = tb;
        this.home = home;
    }

    /** A test bed with {@code options}, the home, {@code dhcpConfig} as config/net.diskless.dhcp.cfg, started. */
    static DhcpBed start(Testbed.Options options, String... dhcpConfig) {
        Testbed tb = Testbed.create(options);
        try {
            Path home = tb.tempDir().resolve("home");
            writeEtc(home);
            ApplianceProcess.configure(home, "net.diskless.dhcp", dhcpConfig);
            DhcpBed bed = new DhcpBed(tb, home);
            bed.startAppliance();
            return bed;
        } catch (IOException e) {
            tb.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            try {
                tb.close();
            } catch (RuntimeException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    /** Starts the appliance (again, after a kill) on the same home and waits until DHCP listens. */
    ApplianceProcess startAppliance() {
        app = tb.startAppliance(home, READY);
        app.awaitLog(BOUND, 0, Duration.ofSeconds(30));
        return app;
    }

    static void writeEtc(Path home) throws IOException {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("ethers"), CLIENT1_MAC + "\tclient1\n" + CLIENT2_MAC + "\tclient2\n");
        Files.writeString(etc.resolve("hosts"), SERVER + "\tbootserver\n" + CLIENT1_IP + "\tclient1\n" + CLIENT2_IP
                + "\tclient2\n");
        // mask 6 + router 6 + two name servers 10 + host name 9 + T150 7 + root path 2+62: far past 60 bytes
        Files.writeString(etc.resolve("bootptab"), ".default:sm=255.255.255.0:sa=" + SERVER + ":hn:gw=" + SERVER
                + ":ds=10.99.0.1 10.99.0.53:bf=" + BOOT_FILE + ":rp=\"" + ROOT_PATH + "\":T150=\"hello\":\n"
                + "client1:ha=525400aabb01:tc=.default:\n"
                + "client2:ha=525400aabb02:tc=.default:\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "ethers: files\nhosts: files\nbootptab: files\n");
    }

    Testbed testbed() {
        return tb;
    }

    ApplianceProcess appliance() {
        return app;
    }

    Path home() {
        return home;
    }

    Path journal() {
        return home.resolve("var/dhcp/leases.journal");
    }

    /** The journal's records as {@code [ip, state, mac]}, in file order. */
    List<String[]> journalRecords() {
        List<String[]> out = new ArrayList<>();
        if (!Files.exists(journal())) {
            return out;
        }
        for (String line : Exec.read(journal()).split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 8 && f[0].equals("L1")) {
                out.add(new String[] {f[1], f[2], f[5]});
            }
        }
        return out;
    }

    /** A test resource (a script under dhcp/) copied into the bed's temp dir, executable. */
    Path script(String name) {
        try (InputStream in = DhcpBed.class.getResourceAsStream("/dhcp/" + name)) {
            assertTrue(in != null, "no resource dhcp/" + name);
            Path out = tb.tempDir().resolve(name);
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shell script in the temp dir with {@code body}. */
    Path shell(String name, String body) {
        try {
            Path out = tb.tempDir().resolve(name);
            Files.writeString(out, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes whatever address a client left on its eth0, so the next client starts unconfigured. */
    void unconfigure(String ns) {
        tb.exec(ns, Duration.ofSeconds(10), "ip", "addr", "flush", "dev", "eth0");
    }

    String logTail() {
        String log = app.log();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    @Override
    public void close() {
        tb.close();
    }
}
