package net.diskless.appliance.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Whether the appliance has finished starting: every bundle started and every component that can be
 * active is. A component waiting for a required configuration it was never given does not hold
 * readiness up; one waiting for a reference, or one that failed, does, and is named.
 */
final class Readiness {

    private Readiness() {
    }

    /** What still stands in the way; empty when ready. */
    static List<String> pending(Bundle[] bundles, ServiceComponentRuntime scr) {
        List<String> pending = new ArrayList<>();
        for (Bundle b : bundles) {
            boolean fragment = (b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                pending.add("bundle " + b.getSymbolicName() + " " + state(b.getState()));
            } else if (b.getHeaders().get("Service-Component") != null && scr.getComponentDescriptionDTOs(b).isEmpty()) {
                // started, but SCR (which works asynchronously) has not read its components yet
                pending.add("bundle " + b.getSymbolicName() + " components not loaded");
            }
        }
        Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs();
        for (ComponentDescriptionDTO d : descriptions) {
            if (!scr.isComponentEnabled(d)) {
                if (d.defaultEnabled) {
                    // loaded, but SCR has not enabled it yet (it does so asynchronously)
                    pending.add("component " + d.name + " being enabled");
                }
                continue;
            }
            var configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty() && DefaultConfigurations.REQUIRE.equals(d.configurationPolicy)
                    && d.bundle.symbolicName.startsWith("net.diskless.")) {
                // DefaultConfigurations gives every such component one: it is on its way
                pending.add("component " + d.name + " waits for its configuration");
            }
            for (ComponentConfigurationDTO c : configurations) {
                switch (c.state) {
                    case ComponentConfigurationDTO.ACTIVE -> { }
                    // an immediate component that is only satisfied is still being activated
                    case ComponentConfigurationDTO.SATISFIED -> {
                        if (d.immediate) {
                            pending.add("component " + d.name + " activating");
                        }
                    }
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> pending.add("component " + d.name
                            + " waits for " + unsatisfied(c.unsatisfiedReferences));
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> pending.add("component " + d.name
                            + " failed: " + c.failure.lines().findFirst().orElse(""));
                    default -> pending.add("component " + d.name + " not active (state " + c.state + ")");
                }
            }
        }
        return pending;
    }

    private static String unsatisfied(UnsatisfiedReferenceDTO[] refs) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO r : refs) {
            names.add(r.name + (r.target == null ? "" : " " + r.target));
        }
        return String.join(", ", names);
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed (unresolved)";
            case Bundle.RESOLVED -> "resolved, not started";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "state " + state;
        };
    }
}
