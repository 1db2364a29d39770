package net.diskless.overrides.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.directory.Directory;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideResolver;
import net.diskless.api.overrides.OverrideView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The override resolver service over the home's {@code conf/}. Every resolution reads the tree afresh, so
 * a change to {@code conf/} applies to the next one; each distinct problem is logged once.
 */
@Component(configurationPid = OverridesComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OverridesComponent.Config.class)
public final class OverridesComponent implements OverrideResolver {

    static final String PID = "net.diskless.overrides";
    private static final Logger LOG = LoggerFactory.getLogger(OverridesComponent.class);
    private static final int LOGGED_PROBLEMS = 1024;

    @ObjectClassDefinition(name = "Diskless overrides", description = "The FreeBSD /conf hierarchy, resolved per client.")
    public @interface Config {
        @AttributeDefinition(name = "conf directory", description = "The /conf hierarchy; relative paths are under the appliance home.")
        String confDirectory() default "conf";

        @AttributeDefinition(name = "Class tag", description = "The bootptab tag (e.g. T200) whose value names a client's class layer; empty: no class layers.")
        String classTag() default "";

        @AttributeDefinition(name = "Default prefix length", description = "Broadcast address of a client whose bootptab entry has no subnet mask (sm).", min = "0", max = "32")
        int defaultPrefixLength() default 24;
    }

    private final ConfHierarchy hierarchy;
    private final ClientFacts facts;
    private final Set<String> logged = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > LOGGED_PROBLEMS;
        }
    });
    private volatile Directory directory;

    @Activate
    public OverridesComponent(@Reference ApplianceHome home, Config config) {
        Path conf = home.resolve(config.confDirectory());
        this.hierarchy = new ConfHierarchy(conf);
        this.facts = new ClientFacts(config.classTag().strip(), Math.max(0, Math.min(32, config.defaultPrefixLength())));
        LOG.info("overrides: resolving {}{}", conf, config.classTag().isBlank() ? "" : " (class from bootptab tag " + config.classTag().strip() + ")");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setDirectory(Directory d) {
        directory = d;
    }

    void unsetDirectory(Directory d) {
        if (directory == d) {
            directory = null;
        }
    }

    @Override
    public OverrideView resolve(OverrideClient client, String dir) {
        OverrideView view = hierarchy.resolve(client, dir);
        for (String problem : view.problems()) {
            boolean first;
            synchronized (logged) {
                first = logged.add(problem);
            }
            if (first) {
                LOG.warn("overrides: {}", problem);
            }
        }
        return view;
    }

    @Override
    public OverrideClient client(InetAddress ip) {
        return facts.describe(ip, directory);
    }
}
