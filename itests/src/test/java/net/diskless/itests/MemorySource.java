package net.diskless.itests;

import java.util.Map;
import net.diskless.api.MacAddress;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;

/** A second, real name source for the tests, served from a map: stands in for NIS/LDAP while files goes away. */
final class MemorySource implements NameSource {

    private final String name;
    private final Map<MacAddress, String> ethers;

    MemorySource(String name, Map<MacAddress, String> ethers) {
        this.name = name;
        this.ethers = Map.copyOf(ethers);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long generation() {
        return 0;
    }

    @Override
    public LookupResult<EthersEntry> ethersByMac(MacAddress mac) {
        String host = ethers.get(mac);
        return host == null ? LookupResult.notFound() : LookupResult.found(new EthersEntry(mac, host));
    }

    @Override
    public LookupResult<EthersEntry> ethersByHost(String hostname) {
        return ethers.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(hostname)).findFirst()
                .<LookupResult<EthersEntry>>map(e -> LookupResult.found(new EthersEntry(e.getKey(), e.getValue())))
                .orElseGet(LookupResult::notFound);
    }
}
