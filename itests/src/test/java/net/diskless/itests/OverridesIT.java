package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideResolver;
import net.diskless.api.overrides.OverrideView;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** The override resolver over the example home's conf/, with client facts from the running directory. */
class OverridesIT {

    @InjectService
    OverrideResolver resolver;

    @InjectService
    ApplianceHome home;

    @InjectService
    CommandProcessor processor;

    @org.osgi.test.common.annotation.InjectBundleContext
    org.osgi.framework.BundleContext context;

    HomeFiles files;

    @BeforeEach
    void setUp() throws InterruptedException {
        files = new HomeFiles(home.home());
        Eventually.await("the overrides:explain command", Duration.ofSeconds(20), () -> {
            try {
                return context.getServiceReferences((String) null, "(osgi.command.scope=overrides)") != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        files.restore();
    }

    @Test
    void clientFactsComeFromTheDirectory() throws Exception {
        OverrideClient c = resolver.client(InetAddress.getByName("10.99.0.7"));
        assertEquals(InetAddress.getByName("10.99.0.255"), c.broadcast(), "sm=255.255.255.0 of its bootptab entry");
        assertEquals("/export/root/client1", c.root(), "root= of its bootparams");
    }

    @Test
    void exampleHomeOverridesEtcFromBaseAndDefault() throws Exception {
        OverrideView v = resolver.resolve(resolver.client(InetAddress.getByName("10.99.0.7")), "/etc");
        assertEquals(List.of("base", "default"), v.layers());
        assertEquals("default", v.files().get("rc.local").layer());
        assertTrue(v.problems().stream().anyMatch(p -> p.contains("diskless_remount")),
                "the example's /etc remount names a client root this machine does not have: " + v.problems());
    }

    @Test
    void explainShowsLayersFilesAndProblemsAndSeesChangesAtOnce() throws Exception {
        String out = run("overrides:explain 10.99.0.7 /etc");
        assertTrue(out.contains("broadcast 10.99.0.255") && out.contains("root /export/root/client1"), out);
        assertTrue(out.contains("layers base, default"), out);
        assertTrue(out.matches("(?s).*rc\\.conf\\s+default\\s.*"), out);
        assertTrue(out.contains("problem: ") && out.contains("diskless_remount"), out);

        files.write("conf/10.99.0.7/etc/rc.conf", "hostname=client1\n");
        files.write("conf/10.99.0.7/etc.remove", "fstab\n");
        out = run("overrides:explain 10.99.0.7 /etc");
        assertTrue(out.matches("(?s).*rc\\.conf\\s+10\\.99\\.0\\.7\\s.*"), out);
        assertTrue(out.contains("removed fstab"), out);
        java.nio.file.Files.delete(home.home().resolve("conf/10.99.0.7/etc/rc.conf"));
        java.nio.file.Files.delete(home.home().resolve("conf/10.99.0.7/etc"));
        java.nio.file.Files.delete(home.home().resolve("conf/10.99.0.7/etc.remove"));
        java.nio.file.Files.delete(home.home().resolve("conf/10.99.0.7"));
    }

    @Test
    void explainRefusesWhatIsNotAnAddressOrADirectory() throws Exception {
        assertTrue(run("overrides:explain client1 /etc").contains("not an IP address"));
        assertTrue(run("overrides:explain 10.99.0.7 /../etc").contains("not a plain directory path"));
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
             CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            Object result = session.execute(command);
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        }
    }
}
