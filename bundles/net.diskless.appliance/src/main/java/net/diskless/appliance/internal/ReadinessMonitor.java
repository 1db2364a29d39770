package net.diskless.appliance.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.diskless.api.appliance.Endpoint;
import net.diskless.api.appliance.Endpoints;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints where every service listens and then {@code Diskless ready in N ms} (N counted from the start
 * of the JVM) once every bundle and component is active: the line scripts and systemd wait for.
 * If that does not happen within the timeout, it names what is missing instead.
 */
@Component(immediate = true, configurationPid = ReadinessMonitor.PID)
@Designate(ocd = ReadinessMonitor.Config.class)
public final class ReadinessMonitor {

    static final String PID = "net.diskless.appliance";
    static final String READY = "Diskless ready in ";
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessMonitor.class);

    @ObjectClassDefinition(name = "Diskless appliance", description = "Start-up and readiness of the appliance.")
    public @interface Config {
        @AttributeDefinition(name = "Ready timeout (ms)",
                description = "How long start-up may take before the appliance reports what is still missing.")
        long readyTimeoutMs() default 60_000;

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often start-up progress is checked.")
        long pollMs() default 10;
    }

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Config config;
    private final List<Endpoints> endpoints = new CopyOnWriteArrayList<>();
    private final Thread watcher;

    @Activate
    public ReadinessMonitor(BundleContext context, @Reference ServiceComponentRuntime scr, Config config) {
        this.context = context;
        this.scr = scr;
        this.config = config;
        this.watcher = new Thread(this::awaitReady, "diskless-readiness");
        this.watcher.setDaemon(true);
        this.watcher.start();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEndpoints(Endpoints e) {
        endpoints.add(e);
    }

    void removeEndpoints(Endpoints e) {
        endpoints.remove(e);
    }

    @Deactivate
    void deactivate() {
        watcher.interrupt();
    }

    private void awaitReady() {
        long deadline = System.currentTimeMillis() + config.readyTimeoutMs();
        List<String> pending;
        try {
            while (!(pending = pendingIncludingEndpoints()).isEmpty()) {
                if (pending.stream().allMatch(p -> p.contains(" failed: "))) {
                    // A failed activation is final until its configuration changes: no point in waiting.
                    LOG.error("Diskless not ready: {}", String.join("; ", pending));
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    LOG.error("Diskless not ready after {} ms: {}", config.readyTimeoutMs(), String.join("; ", pending));
                    return;
                }
                Thread.sleep(config.pollMs());
            }
        } catch (InterruptedException | IllegalStateException stopped) {
            return; // the framework is stopping
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        listening().forEach(e -> LOG.info("listening: {}", e));
        LOG.info(READY + "{} ms", sinceJvmStart);
    }

    /**
     * Besides bundles and components: every active component that listens must have handed its endpoints
     * over, which SCR does only once its activation (the bind) is complete.
     */
    private List<String> pendingIncludingEndpoints() {
        List<String> pending = new ArrayList<>(Readiness.pending(context.getBundles(), scr));
        long listeners = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> java.util.Arrays.asList(d.serviceInterfaces).contains(Endpoints.class.getName()))
                .mapToLong(d -> scr.getComponentConfigurationDTOs(d).stream()
                        .filter(c -> c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.ACTIVE
                                || c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.SATISFIED)
                        .count())
                .sum();
        if (endpoints.size() < listeners) {
            pending.add((listeners - endpoints.size()) + " listening component(s) still binding");
        }
        return pending;
    }

    List<Endpoint> listening() {
        List<Endpoint> all = new ArrayList<>();
        endpoints.forEach(e -> all.addAll(e.endpoints()));
        all.sort(Comparator.comparing(Endpoint::service).thenComparing(Endpoint::transport));
        return all;
    }
}
