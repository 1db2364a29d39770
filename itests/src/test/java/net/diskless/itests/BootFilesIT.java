package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.boot.BootFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;

/** "Can this server boot this client?": hex-IP links in tftpboot, the .ARCH variant, bootptab bf, and no escapes. */
class BootFilesIT {

    @InjectService
    BootFiles bootFiles;

    @InjectService
    ApplianceHome home;

    final List<Path> created = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = created.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(created.get(i));
        }
    }

    private Path create(Path p) {
        created.add(p);
        return p;
    }

    static Inet4Address ip(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void hexIpLinkAndArchitectureVariant() throws Exception {
        Path tftp = home.tftpboot();
        Path inetboot = create(tftp.resolve("inetboot.sun4u"));
        Files.writeString(inetboot, "boot block");
        Files.createSymbolicLink(create(tftp.resolve("828D0E09")), Path.of("inetboot.sun4u"));
        Files.writeString(create(tftp.resolve("828D0E09.SUN4U")), "arch boot block");

        var plain = bootFiles.bootFileFor(ip("130.141.14.9"), "");
        assertEquals("828D0E09", plain.orElseThrow().name());
        assertEquals(inetboot.toRealPath(), plain.get().path());
        assertEquals("828D0E09.SUN4U", bootFiles.bootFileFor(ip("130.141.14.9"), "sun4u").orElseThrow().name());
        assertFalse(bootFiles.canBoot(ip("130.141.14.10"), ""));
    }

    @Test
    void bootptabBootFileAnswersWhenThereIsNoLink() throws Exception {
        // client1 (10.99.0.7) has bf=pxeboot in the example bootptab
        assertFalse(bootFiles.canBoot(ip("10.99.0.7"), ""));
        Files.writeString(create(home.tftpboot().resolve("pxeboot")), "pxe");
        var f = bootFiles.bootFileFor(ip("10.99.0.7"), "");
        assertTrue(f.isPresent());
        assertEquals("bootptab bf=pxeboot", f.get().rule());
    }

    @Test
    void aLinkPointingOutOfTheRootIsNotABootFile() throws Exception {
        Path outside = create(home.var().resolve("secret"));
        Files.writeString(outside, "not for clients");
        Files.createSymbolicLink(create(home.tftpboot().resolve("0A630063")), outside);
        assertFalse(bootFiles.canBoot(ip("10.99.0.99"), ""));
    }
}
