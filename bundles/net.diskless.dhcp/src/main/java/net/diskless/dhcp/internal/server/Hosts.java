package net.diskless.dhcp.internal.server;

import java.util.Optional;
import net.diskless.api.MacAddress;

/** The directory as DHCP asks it. Lookups never throw: an unavailable source is "not known" for now. */
public interface Hosts {

    Optional<StaticHost> byMac(MacAddress mac);

    /** True when {@code ip} belongs to a host in the hosts map: a reservation no pool may hand out. */
    boolean reserved(int ip);

    /** Whether this server can boot the client at {@code ip} (a boot file exists for it). */
    boolean canBoot(int ip);

    Hosts NONE = new Hosts() {
        @Override
        public Optional<StaticHost> byMac(MacAddress mac) {
            return Optional.empty();
        }

        @Override
        public boolean reserved(int ip) {
            return false;
        }

        @Override
        public boolean canBoot(int ip) {
            return true;
        }
    };
}
