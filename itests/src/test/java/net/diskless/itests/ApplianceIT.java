package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.diskless.api.appliance.ApplianceHome;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** The appliance's bundles resolve and start, every Diskless component becomes active, the home is laid out. */
class ApplianceIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ServiceComponentRuntime scr;

    @InjectService
    ApplianceHome home;

    @Test
    void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals(List.of(), notActive);
    }

    @Test
    void everyDisklessComponentIsActive() throws InterruptedException {
        Eventually.await("all net.diskless components active", Duration.ofSeconds(10), () -> problems().isEmpty());
        long ours = scr.getComponentDescriptionDTOs().stream().filter(d -> d.bundle.symbolicName.startsWith("net.diskless.")).count();
        assertTrue(ours >= 5, "expected the appliance, directory and files components, found " + ours);
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("net.diskless.") || d.bundle.symbolicName.endsWith("-tests")) {
                continue;
            }
            var configs = scr.getComponentConfigurationDTOs(d);
            if (configs.isEmpty()) {
                problems.add(d.name + " has no configuration");
            }
            for (ComponentConfigurationDTO c : configs) {
                if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(d.name + " state " + c.state);
                }
            }
        }
        return problems;
    }

    @Test
    void homeIsLaidOutLikeABootServer() throws java.io.IOException {
        Path h = home.home();
        for (String f : List.of("etc/ethers", "etc/hosts", "etc/bootparams", "etc/bootptab", "etc/exports",
                "etc/nsswitch.conf", "conf/default/etc/rc.conf", "conf/base/etc/diskless_remount")) {
            assertTrue(Files.isRegularFile(h.resolve(f)), f + " missing in " + h);
        }
        for (String d : List.of("tftpboot", "conf", "var", "config", "deploy")) {
            assertTrue(Files.isDirectory(h.resolve(d)), d + " missing in " + h);
        }
        Path self = h.resolve("tftpboot/tftpboot");
        assertTrue(Files.isSymbolicLink(self), "tftpboot -> . self-link missing");
        assertTrue(Files.isSameFile(self, h.resolve("tftpboot")), "tftpboot link does not point to itself");
        assertTrue(Files.isRegularFile(h.resolve("tftpboot/tftpboot/README")), "old clients' /tftpboot/NAME does not resolve");
    }
}
