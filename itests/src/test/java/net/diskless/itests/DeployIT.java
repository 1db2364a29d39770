package net.diskless.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.directory.Directory;
import net.diskless.itests.deployable.DeployedActivator;
import net.diskless.itests.deployable.DeployedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** A bundle dropped into deploy/ is installed and started, and its name source answers; removing it uninstalls it. */
class DeployIT {

    static final String BSN = "net.diskless.itests.deployable";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    Directory directory;

    @InjectService
    ApplianceHome home;

    HomeFiles files;
    Path jar;

    @AfterEach
    void tearDown() throws Exception {
        if (jar != null) {
            Files.deleteIfExists(jar);
        }
        if (files != null) {
            files.restore();
        }
    }

    @Test
    void aBundleDroppedIntoDeployIsInstalledAndItsServiceUsed() throws Exception {
        files = new HomeFiles(home.home());
        files.write("etc/nsswitch.conf", "hosts: " + DeployedSource.NAME + " files\n");
        assertFalse(directory.hostByName(DeployedSource.HOST).found());

        jar = home.deploy().resolve("deployed-source.jar");
        Path tmp = home.home().resolve("var/deployed-source.jar.tmp");
        writeBundle(tmp);
        Files.move(tmp, jar); // appears whole: fileinstall never sees half a jar

        Eventually.await("the deployed bundle active", Duration.ofSeconds(20),
                () -> bundle() != null && bundle().getState() == Bundle.ACTIVE);
        var answer = Eventually.value("an answer from the deployed source", Duration.ofSeconds(20),
                () -> directory.hostByName(DeployedSource.HOST).optional().isPresent()
                        ? directory.hostByName(DeployedSource.HOST) : null);
        assertEquals(DeployedSource.NAME, answer.source());
        assertEquals("10.99.0.77", answer.value().addresses().get(0).getHostAddress());

        Files.delete(jar);
        Eventually.await("the bundle uninstalled", Duration.ofSeconds(20), () -> bundle() == null);
        Eventually.await("its answers gone", Duration.ofSeconds(20),
                () -> !directory.hostByName(DeployedSource.HOST).found());
    }

    private Bundle bundle() {
        for (Bundle b : context.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** A real bundle jar whose classes are copied from this test bundle, in a package it does not export. */
    private void writeBundle(Path target) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", BSN);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", DeployedActivator.class.getName());
        a.putValue("Import-Package", "net.diskless.api;version=\"[1.0,2)\",net.diskless.api.names;version=\"[1.0,2)\","
                + "org.osgi.framework;version=\"[1.8,2)\"");
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jos = new JarOutputStream(out, mf)) {
            for (Class<?> c : List.of(DeployedActivator.class, DeployedSource.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                jos.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jos);
                }
                jos.closeEntry();
            }
        }
    }
}
