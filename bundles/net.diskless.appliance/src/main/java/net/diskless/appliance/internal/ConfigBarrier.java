package net.diskless.appliance.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the appliance home back until fileinstall has turned every file of {@code config/} into a
 * configuration. Every component needs the home, so none activates with its defaults first: without
 * this, a TFTP server configured for port 6969 would bind port 69 for a moment at every start.
 */
final class ConfigBarrier {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigBarrier.class);
    static final String FILENAME = "felix.fileinstall.filename";

    private final BundleContext context;
    private final Path configDir;
    private final long timeoutMillis;

    ConfigBarrier(BundleContext context, Path configDir, long timeoutMillis) {
        this.context = context;
        this.configDir = configDir;
        this.timeoutMillis = timeoutMillis;
    }

    /** Waits (bounded) until every configuration file is applied; returns the files still missing. */
    List<String> await() throws InterruptedException {
        List<String> files = configFiles();
        if (files.isEmpty()) {
            return List.of();
        }
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        tracker.open();
        try {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            List<String> missing = files;
            while (System.currentTimeMillis() < deadline) {
                ConfigurationAdmin cm = tracker.waitForService(Math.max(1, deadline - System.currentTimeMillis()));
                if (cm == null) {
                    break;
                }
                missing = files.stream().filter(f -> !applied(cm, f)).toList();
                if (missing.isEmpty()) {
                    return missing;
                }
                Thread.sleep(10);
            }
            LOG.warn("config: not applied after {} ms (syntax error?): {}; starting without them", timeoutMillis, missing);
            return missing;
        } finally {
            tracker.close();
        }
    }

    private static boolean applied(ConfigurationAdmin cm, String file) {
        try {
            return cm.listConfigurations("(" + FILENAME + "=*/" + escape(file) + ")") != null;
        } catch (IOException | InvalidSyntaxException e) {
            return false;
        }
    }

    private List<String> configFiles() {
        try (Stream<Path> s = Files.list(configDir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".cfg") || n.endsWith(".config"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
