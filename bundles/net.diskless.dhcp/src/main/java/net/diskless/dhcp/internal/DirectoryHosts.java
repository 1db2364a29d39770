package net.diskless.dhcp.internal;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.function.Supplier;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.boot.BootFiles;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootptabEntry;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.server.Hosts;
import net.diskless.dhcp.internal.server.StaticHost;

/**
 * Static hosts from the directory: ethers (MAC to name) and hosts (name to address), or a bootptab entry
 * with {@code ha} and {@code ip}; the bootptab entry of the host (by {@code ha}, else by name) supplies the
 * facts. Both services may come and go: without a directory nobody is a static host.
 */
final class DirectoryHosts implements Hosts {

    private final Supplier<Directory> directory;
    private final Supplier<BootFiles> bootFiles;

    DirectoryHosts(Supplier<Directory> directory, Supplier<BootFiles> bootFiles) {
        this.directory = directory;
        this.bootFiles = bootFiles;
    }

    @Override
    public Optional<StaticHost> byMac(MacAddress mac) {
        Directory d = directory.get();
        if (d == null) {
            return Optional.empty();
        }
        Answer<ClientIdentity> id = d.identify(mac);
        if (!id.found() || !(id.value().ip() instanceof Inet4Address ip)) {
            return Optional.empty();
        }
        BootptabEntry facts = d.bootptabByMac(mac).optional()
                .or(() -> d.bootptabByName(id.value().hostname()).optional())
                .orElse(null);
        return Optional.of(new StaticHost(id.value().hostname(), Ipv4.of(ip), facts));
    }

    @Override
    public boolean reserved(int ip) {
        Directory d = directory.get();
        return d != null && d.hostByAddress(Ipv4.inet(ip)).found();
    }

    @Override
    public boolean canBoot(int ip) {
        BootFiles b = bootFiles.get();
        return b == null || b.canBoot(Ipv4.inet(ip), "");
    }
}
