package net.diskless.names.files.internal;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.diskless.api.MacAddress;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;
import net.diskless.names.files.internal.parse.BootparamsFile;
import net.diskless.names.files.internal.parse.BootptabFile;
import net.diskless.names.files.internal.parse.EthersFile;
import net.diskless.names.files.internal.parse.HostsFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code files} source: ethers(5), hosts(5), bootparams(5) and bootptab(5) from the appliance's
 * {@code etc/}. A file is re-read when it changes, noticed on the first lookup after at most the
 * reload interval; no thread of its own. Each reload moves {@link #generation()} on, which is how the
 * directory knows to forget what it cached.
 */
@Component(configurationPid = FilesNameSource.PID, property = NameSource.SOURCE_PROPERTY + "=files")
@Designate(ocd = FilesNameSource.Config.class)
public final class FilesNameSource implements NameSource {

    static final String PID = "net.diskless.names.files";

    @ObjectClassDefinition(name = "Diskless files name source",
            description = "ethers, hosts, bootparams and bootptab files. Relative paths are under the appliance home.")
    public @interface Config {
        @AttributeDefinition(name = "ethers") String ethers() default "etc/ethers";

        @AttributeDefinition(name = "hosts") String hosts() default "etc/hosts";

        @AttributeDefinition(name = "bootparams") String bootparams() default "etc/bootparams";

        @AttributeDefinition(name = "bootptab") String bootptab() default "etc/bootptab";

        @AttributeDefinition(name = "Reload check (ms)", description = "How often the files are checked for changes, at most.", min = "0")
        long reloadCheckMs() default 1000;

        @AttributeDefinition(name = "Largest file (bytes)", description = "A larger file is refused and its previous contents kept.", min = "1")
        long maxFileBytes() default 64L * 1024 * 1024;
    }

    private final WatchedFile<EthersEntry> ethers;
    private final WatchedFile<HostEntry> hosts;
    private final WatchedFile<BootParams> bootparams;
    private final WatchedFile<BootptabEntry> bootptab;
    private final long checkIntervalNanos;
    private volatile FilesIndex index = FilesIndex.EMPTY;
    private volatile long generation;
    private volatile long nextCheck;

    @Activate
    public FilesNameSource(@Reference ApplianceHome home, Config config) {
        long max = config.maxFileBytes();
        this.ethers = new WatchedFile<>(home.resolve(config.ethers()), max, EthersFile::parse);
        this.hosts = new WatchedFile<>(home.resolve(config.hosts()), max, HostsFile::parse);
        this.bootparams = new WatchedFile<>(home.resolve(config.bootparams()), max, BootparamsFile::parse);
        this.bootptab = new WatchedFile<>(home.resolve(config.bootptab()), max, BootptabFile::parse);
        this.checkIntervalNanos = TimeUnit.MILLISECONDS.toNanos(config.reloadCheckMs());
        refresh();
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public long generation() {
        current();
        return generation;
    }

    private FilesIndex current() {
        if (System.nanoTime() - nextCheck >= 0) {
            refresh();
        }
        return index;
    }

    private synchronized void refresh() {
        nextCheck = System.nanoTime() + checkIntervalNanos;
        // Non-short-circuit |: every file is checked.
        boolean changed = ethers.refresh() | hosts.refresh() | bootparams.refresh() | bootptab.refresh();
        if (changed) {
            index = FilesIndex.of(ethers.entries(), hosts.entries(), bootparams.entries(), bootptab.entries());
            generation++;
        }
    }

    @Override
    public LookupResult<EthersEntry> ethersByMac(MacAddress mac) {
        return found(current().ethersByMac().get(mac));
    }

    @Override
    public LookupResult<EthersEntry> ethersByHost(String hostname) {
        return found(current().ethersByHost().get(FilesIndex.key(hostname)));
    }

    @Override
    public LookupResult<HostEntry> hostByName(String name) {
        return found(current().hostsByName().get(FilesIndex.key(name)));
    }

    @Override
    public LookupResult<HostEntry> hostByAddress(InetAddress address) {
        return found(current().hostsByAddress().get(address));
    }

    @Override
    public LookupResult<BootParams> bootparams(String client) {
        return found(current().bootparams().get(FilesIndex.key(client)));
    }

    @Override
    public LookupResult<BootptabEntry> bootptabByMac(MacAddress mac) {
        return found(current().bootptabByMac().get(mac));
    }

    @Override
    public LookupResult<BootptabEntry> bootptabByName(String name) {
        return found(current().bootptabByName().get(FilesIndex.key(name)));
    }

    private static <T> LookupResult<T> found(T value) {
        return LookupResult.ofOptional(Optional.ofNullable(value));
    }
}
