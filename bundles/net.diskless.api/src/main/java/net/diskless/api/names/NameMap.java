package net.diskless.api.names;

import java.util.Locale;
import java.util.Optional;

/** The maps (nsswitch.conf "databases") a name source can serve. */
public enum NameMap {
    ETHERS, HOSTS, BOOTPARAMS, BOOTPTAB, NETGROUP;

    /** The name used in nsswitch.conf and in the {@code diskless.maps} service property. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NameMap> byKey(String key) {
        for (NameMap m : values()) {
            if (m.key().equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
