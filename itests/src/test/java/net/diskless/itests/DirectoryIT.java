package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** The directory answers from the example home's files, follows nsswitch.conf, and sees file changes. */
class DirectoryIT {

    static final MacAddress CLIENT1 = MacAddress.parse("52:54:00:aa:bb:01");

    @InjectService
    Directory directory;

    @InjectService
    ApplianceHome home;

    HomeFiles files;

    @BeforeEach
    void setUp() throws InterruptedException {
        files = new HomeFiles(home.home());
        // Another test may just have put nsswitch.conf back; the directory notices within its reload interval.
        Eventually.await("the example nsswitch.conf (files only) in force", Duration.ofSeconds(10),
                () -> directory.ethersByMac(MacAddress.parse("02:00:00:00:00:96")).attempts().size() == 1);
    }

    @AfterEach
    void tearDown() throws Exception {
        files.restore();
    }

    @Test
    void identifiesAClientFromEthersAndHosts() throws Exception {
        Answer<ClientIdentity> a = directory.identify(CLIENT1);
        assertTrue(a.found(), "client1 not identified: " + a.attempts());
        assertEquals("client1", a.value().hostname());
        assertEquals(InetAddress.getByName("10.99.0.7"), a.value().ip());
        assertEquals("ethers:files hosts:files", a.source());
    }

    @Test
    void sunStyleShortMacSpellingIsTheSameAddress() {
        assertEquals("sparc1", directory.ethersByMac(MacAddress.parse("08:00:20:8e:a1:07")).value().hostname());
    }

    @Test
    void bootparamsGivesRootAndSwapAndFallsBackToTheWildcard() {
        var own = directory.bootparams("client1");
        assertEquals("bootserver:/export/root/client1", own.value().get("root").orElseThrow().value());
        assertEquals("bootserver:/export/swap/client1", own.value().get("swap").orElseThrow().value());
        var other = directory.bootparams("nosuchclient");
        assertTrue(other.found());
        assertTrue(other.value().isWildcard());
        assertEquals("diskless.example", other.value().get("domain").orElseThrow().value());
    }

    @Test
    void bootptabAppliesTheDefaultTemplate() throws Exception {
        var e = directory.bootptabByMac(CLIENT1);
        assertTrue(e.found(), e.attempts().toString());
        assertEquals("10.99.0.1:/export/root/client1", e.value().rootPath().orElseThrow());
        assertEquals(InetAddress.getByName("255.255.255.0"), e.value().subnetMask().orElseThrow());
        assertEquals("pxeboot", e.value().bootFile().orElseThrow());
        assertTrue(e.value().sendHostName());
    }

    @Test
    void unknownMacIsNotFoundAndSaysWhoWasAsked() {
        Answer<ClientIdentity> a = directory.identify(MacAddress.parse("02:00:00:00:00:99"));
        assertFalse(a.found());
        assertEquals("files", a.attempts().get(0).source());
        assertEquals(Answer.Status.NOTFOUND, a.attempts().get(0).status());
    }

    @Test
    void aChangedEthersFileIsSeenWithoutRestart() throws Exception {
        MacAddress mac = MacAddress.parse("52:54:00:aa:bb:42");
        assertFalse(directory.ethersByMac(mac).found());
        files.write("etc/ethers", "52:54:00:aa:bb:01 client1\n52:54:00:aa:bb:42 newcomer\n");
        String name = Eventually.value("the new ethers entry", Duration.ofSeconds(10),
                () -> directory.ethersByMac(mac).optional().map(e -> e.hostname()).orElse(null));
        assertEquals("newcomer", name);
    }

    @Test
    void nsswitchNamingAMissingSourceStillAnswersFromFiles() throws Exception {
        files.write("etc/nsswitch.conf", "ethers: nis [UNAVAIL=continue] files\nhosts: files\n");
        Eventually.await("nsswitch.conf reloaded", Duration.ofSeconds(10),
                () -> directory.ethersByMac(CLIENT1).attempts().size() == 2);
        Answer<?> a = directory.ethersByMac(CLIENT1);
        assertEquals(Answer.Status.UNAVAIL, a.attempts().get(0).status());
        assertEquals("files", a.source());
    }

    @Test
    void notFoundReturnStopsTheChain() throws Exception {
        MacAddress unknown = MacAddress.parse("02:00:00:00:00:98");
        files.write("etc/nsswitch.conf", "ethers: files nis\n");
        Eventually.await("files then nis asked", Duration.ofSeconds(10),
                () -> directory.ethersByMac(unknown).attempts().size() == 2);
        files.write("etc/nsswitch.conf", "ethers: files [NOTFOUND=return] nis\n");
        Eventually.await("only files asked", Duration.ofSeconds(10),
                () -> directory.ethersByMac(unknown).attempts().size() == 1);
        assertFalse(directory.ethersByMac(unknown).found());
    }
}
