package net.diskless.api.appliance;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The appliance home directory, laid out like the boot server of the seeds:
 * {@code etc/} (ethers, hosts, bootparams, bootptab, exports, nsswitch.conf), {@code tftpboot/},
 * {@code conf/} (the override tree), {@code var/} (state), {@code config/} (component configuration,
 * applied live) and {@code deploy/} (bundles installed at run time).
 *
 * <p>Components take their default paths relative to it, so one {@code --home} moves everything.
 */
@ProviderType
public interface ApplianceHome {

    Path home();

    /** {@code configured} when absolute, else resolved against {@link #home()}. */
    default Path resolve(String configured) {
        Path p = Path.of(configured);
        return p.isAbsolute() ? p : home().resolve(p).normalize();
    }

    default Path etc() {
        return home().resolve("etc");
    }

    default Path tftpboot() {
        return home().resolve("tftpboot");
    }

    default Path conf() {
        return home().resolve("conf");
    }

    default Path var() {
        return home().resolve("var");
    }

    default Path config() {
        return home().resolve("config");
    }

    default Path deploy() {
        return home().resolve("deploy");
    }
}
