package net.diskless.itests.deployable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.diskless.api.names.HostEntry;
import net.diskless.api.names.LookupResult;
import net.diskless.api.names.NameSource;

/** A name source that knows one host, {@value #HOST}: proof that the deployed bundle's service is used. */
public final class DeployedSource implements NameSource {

    public static final String NAME = "deployed";
    public static final String HOST = "deployedhost";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long generation() {
        return 1;
    }

    @Override
    public LookupResult<HostEntry> hostByName(String name) {
        if (!HOST.equalsIgnoreCase(name)) {
            return LookupResult.notFound();
        }
        try {
            return LookupResult.found(new HostEntry(HOST, List.of(), List.of(InetAddress.getByAddress(new byte[] {10, 99, 0, 77}))));
        } catch (UnknownHostException impossible) {
            return LookupResult.unavailable(impossible.toString());
        }
    }
}
