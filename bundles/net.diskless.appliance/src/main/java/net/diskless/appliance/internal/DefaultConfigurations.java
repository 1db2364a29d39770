package net.diskless.appliance.internal;

import java.io.IOException;
import java.nio.file.Files;
import net.diskless.api.appliance.ApplianceHome;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Components that open network ports require their configuration (policy {@code require}), so they can
 * never start on built-in defaults before the configuration from {@code config/} reached them (SCR hands
 * configurations over asynchronously). For each such component without a configuration file, this gives
 * it an empty configuration — its defaults — and gives it back when its file is deleted: an
 * administrator sees the same behaviour as with optional configuration, without the race.
 */
@Component(immediate = true, service = {DefaultConfigurations.class, ConfigurationListener.class})
public final class DefaultConfigurations implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultConfigurations.class);
    static final String REQUIRE = "require";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final ConfigurationAdmin cm;
    private final ApplianceHome home;
    private final BundleListener onBundle = e -> {
        if (e.getType() == BundleEvent.STARTED) {
            ensureAll();
        }
    };

    @Activate
    public DefaultConfigurations(BundleContext context, @Reference ServiceComponentRuntime scr,
                                 @Reference ConfigurationAdmin cm, @Reference ApplianceHome home) {
        this.context = context;
        this.scr = scr;
        this.cm = cm;
        this.home = home;
        context.addBundleListener(onBundle);
        ensureAll();
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(onBundle);
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED && event.getFactoryPid() == null) {
            ensureAll();
        }
    }

    private synchronized void ensureAll() {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (REQUIRE.equals(d.configurationPolicy) && d.bundle.symbolicName.startsWith("net.diskless.")) {
                for (String pid : d.configurationPid) {
                    ensure(pid);
                }
            }
        }
    }

    private void ensure(String pid) {
        // A file of its own in config/ is fileinstall's to apply: never race it with an empty configuration.
        if (Files.exists(home.config().resolve(pid + ".cfg")) || Files.exists(home.config().resolve(pid + ".config"))) {
            return;
        }
        try {
            if (cm.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + pid + ")") == null) {
                var configuration = cm.getConfiguration(pid, "?");
                // Only a configuration nobody has filled: never overwrite what fileinstall put there meanwhile.
                if (configuration.getProperties() == null) {
                    configuration.update(new Hashtable<>());
                    LOG.debug("{}: no configuration file, defaults apply", pid);
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("{}: cannot give it its default configuration: {}", pid, e.toString());
        }
    }
}
