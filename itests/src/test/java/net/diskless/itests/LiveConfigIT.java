package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.diskless.api.appliance.ApplianceHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.test.common.annotation.InjectService;

/** A file in config/ named by a component's PID configures it while the appliance runs; deleting it restores defaults. */
class LiveConfigIT {

    @InjectService
    ApplianceHome home;

    @InjectService
    ServiceComponentRuntime scr;

    Path cfg;

    @AfterEach
    void tearDown() throws Exception {
        if (cfg != null) {
            Files.deleteIfExists(cfg);
        }
    }

    private Object directoryProperty(String key) {
        var p = directoryProperties();
        return p == null ? null : p.get(key);
    }

    private java.util.Map<String, Object> directoryProperties() {
        var d = scr.getComponentDescriptionDTO(bundleOf("net.diskless.directory"),
                "net.diskless.directory.internal.DirectoryComponent");
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
            if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                return c.properties;
            }
        }
        return null;
    }

    private org.osgi.framework.Bundle bundleOf(String bsn) {
        for (var b : org.osgi.framework.FrameworkUtil.getBundle(LiveConfigIT.class).getBundleContext().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(bsn + " not installed");
    }

    @Test
    void aCfgFileInConfigIsAppliedLive() throws Exception {
        cfg = home.config().resolve("net.diskless.directory.cfg");
        Files.writeString(cfg, "cacheTtlSeconds = 7\n");
        Eventually.await("cacheTtlSeconds=7 applied", Duration.ofSeconds(20),
                () -> "7".equals(String.valueOf(directoryProperty("cacheTtlSeconds"))));
        Files.delete(cfg);
        cfg = null;
        // bnd writes the annotation defaults as component properties: 30 is the default coming back.
        try {
            Eventually.await("defaults back", Duration.ofSeconds(20),
                    () -> "30".equals(String.valueOf(directoryProperty("cacheTtlSeconds"))));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; properties now " + directoryProperties(), e);
        }
        assertEquals(null, directoryProperty("felix.fileinstall.filename"));
    }
}
