package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** The directory's shell commands, run through the real Gogo command processor as an operator would. */
class ShellIT {

    @InjectService
    CommandProcessor processor;

    @org.osgi.test.common.annotation.InjectBundleContext
    org.osgi.framework.BundleContext context;

    /** The shell is up before the directory's commands are registered: wait for them (bounded). */
    @org.junit.jupiter.api.BeforeEach
    void commandsRegistered() throws InterruptedException {
        Eventually.await("the directory:* commands", java.time.Duration.ofSeconds(20), () -> {
            try {
                return context.getServiceReferences((String) null, "(osgi.command.scope=directory)") != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
             CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            Object result = session.execute(command);
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        }
    }

    @Test
    void identifyShowsNameAddressAndWhichSourcesAnswered() throws Exception {
        String out = run("directory:identify 52:54:00:aa:bb:01");
        assertTrue(out.contains("client1") && out.contains("10.99.0.7"), out);
        assertTrue(out.contains("from ethers:files hosts:files"), out);
    }

    @Test
    void etherWorksBothWays() throws Exception {
        assertTrue(run("directory:ether 8:0:20:8e:a1:7").contains("sparc1"));
        assertTrue(run("directory:ether sparc1").contains("08:00:20:8e:a1:07"));
    }

    @Test
    void hostBootparamsAndBootptab() throws Exception {
        assertTrue(run("directory:host client1").contains("10.99.0.7"));
        assertTrue(run("directory:host 10.99.0.7").contains("client1"));
        String bp = run("directory:bootparams client1");
        assertTrue(bp.contains("root=bootserver:/export/root/client1"), bp);
        String tab = run("directory:bootptab 52:54:00:aa:bb:01");
        assertTrue(tab.contains("rp=10.99.0.1:/export/root/client1"), tab);
    }

    @Test
    void notFoundSaysWhoWasAsked() throws Exception {
        String out = run("directory:ether 02:00:00:00:00:01");
        assertTrue(out.contains("no ethers entry") && out.contains("files=NOTFOUND"), out);
    }

    @Test
    void sourcesListsRunningSourcesAndChains() throws Exception {
        String out = run("directory:sources");
        assertTrue(out.contains("running: files"), out);
        assertTrue(out.contains("ethers: files"), out);
    }
}
