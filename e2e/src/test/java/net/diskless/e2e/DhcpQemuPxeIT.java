package net.diskless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A QEMU PC (no KVM needed) booting from the network with its iPXE ROM (`-boot n`), on a tap port of the
 * server namespace's bridge: it gets a pool address and, being iPXE already (user class iPXE, option 175), the
 * iPXE boot file instead of the BIOS one, fetches it over TFTP and runs it. Skipped, with the reason, without
 * qemu-system-x86_64 and its iPXE ROMs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DhcpQemuPxeIT {

    private static final String VM_MAC = "52:54:00:aa:bb:42";
    private static final String QEMU = "/usr/bin/qemu-system-x86_64";

    @Test
    void qemuIpxeRomGetsAnAddressAndTheIpxeBootFile() throws Exception {
        Testbed.requireRootAndNamespaces();
        boolean qemu = Files.isExecutable(Path.of(QEMU)) && Files.isDirectory(Path.of("/usr/lib/ipxe/qemu"));
        if (!qemu) {
            System.err.println("[e2e] QEMU PXE test skipped: no " + QEMU + " or /usr/lib/ipxe/qemu (qemu-system-x86, ipxe-qemu)");
        }
        Assumptions.assumeTrue(qemu, "no " + QEMU + " or /usr/lib/ipxe/qemu (Debian qemu-system-x86, ipxe-qemu)");
        try (DhcpBed bed = DhcpBed.start(Testbed.Options.defaults(),
                "subnets = 10.99.0.0/24 pool=10.99.0.100-10.99.0.199",
                "archBootFiles = 0=undionly.kpxe; 7=ipxe.efi",
                "ipxeBootFile = boot.ipxe")) {
            Path tftpboot = Files.createDirectories(bed.home().resolve("tftpboot"));
            Files.writeString(tftpboot.resolve("boot.ipxe"), "#!ipxe\necho hello-from-diskless\n");
            String tap = bed.testbed().addTap("tap0");
            Testbed.Spawned vm = bed.testbed().spawn(bed.testbed().serverNs(), QEMU, "-machine", "accel=tcg", "-m", "128",
                    "-nographic", "-nodefaults", "-serial", "stdio", "-vga", "none", "-boot", "n",
                    "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
                    "-device", "virtio-net-pci,netdev=n0,mac=" + VM_MAC);
            ApplianceProcess app = bed.appliance();
            app.awaitLog(Pattern.compile("dhcp: ACK 10\\.99\\.0\\.1\\d\\d to " + VM_MAC + " \\(x86-bios\\) file boot\\.ipxe"),
                    0, Duration.ofSeconds(120));
            app.awaitLog(Pattern.compile("tftp: /10\\.99\\.0\\.1\\d\\d:\\d+ got boot\\.ipxe"), 0, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!vm.log().contains("hello-from-diskless") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(vm.log().contains("hello-from-diskless"), () -> "the VM did not run the script:\n" + vm.log());
            Exec.killTree(vm.process().toHandle());
            assertTrue(bed.journalRecords().stream().anyMatch(r -> r[2].equals(VM_MAC) && r[1].equals("BOUND")),
                    () -> Exec.read(bed.journal()));
            assertEquals(List.of(), ApplianceProcess.suspiciousLines(app.log(), true), app::log);
        }
    }
}
