package net.diskless.appliance.internal;

import java.nio.file.Path;
import net.diskless.api.appliance.ApplianceHome;

/** The home directory chosen at launch. */
record HomeDirectory(Path home) implements ApplianceHome {
}
