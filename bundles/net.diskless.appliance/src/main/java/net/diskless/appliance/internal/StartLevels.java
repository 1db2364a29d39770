package net.diskless.appliance.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The framework begins below the start level of Declarative Services; the appliance raises it to the
 * highest level any bundle has once the configuration is in place, so components see their configuration
 * the first time they start.
 */
final class StartLevels {

    private StartLevels() {
    }

    static void raiseToHighest(BundleContext context) {
        int highest = 0;
        for (Bundle b : context.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (level != null) {
                highest = Math.max(highest, level.getStartLevel());
            }
        }
        FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        if (framework.getStartLevel() < highest) {
            framework.setStartLevel(highest);
        }
    }
}
