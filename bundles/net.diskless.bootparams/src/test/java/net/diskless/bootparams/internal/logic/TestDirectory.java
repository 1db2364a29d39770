package net.diskless.bootparams.internal.logic;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import net.diskless.api.ClientIdentity;
import net.diskless.api.MacAddress;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;

/**
 * The directory as the bootparams questions use it: hosts both ways and bootparams with the wildcard fallback
 * the real directory implements (its own tests cover the nsswitch side; the e2e tests run the real one).
 */
public record TestDirectory(List<HostEntry> hosts, Map<String, BootParams> params) implements Directory {
    private static <T> Answer<T> of(T value) {
        return value == null ? Answer.none(List.of(new Answer.Attempt("files", Answer.Status.NOTFOUND, "")))
                : new Answer<>(value, "files", List.of(new Answer.Attempt("files", Answer.Status.SUCCESS, "")));
    }

    @Override
    public Answer<HostEntry> hostByName(String name) {
        return of(hosts.stream().filter(h -> h.hasName(name)).findFirst().orElse(null));
    }

    @Override
    public Answer<HostEntry> hostByAddress(InetAddress address) {
        return of(hosts.stream().filter(h -> h.addresses().contains(address)).findFirst().orElse(null));
    }

    @Override
    public Answer<BootParams> bootparams(String client) {
        return of(params.getOrDefault(client, params.get(BootParams.WILDCARD)));
    }

    @Override
    public Answer<EthersEntry> ethersByMac(MacAddress mac) {
        return of(null);
    }

    @Override
    public Answer<EthersEntry> ethersByHost(String hostname) {
        return of(null);
    }

    @Override
    public Answer<BootptabEntry> bootptabByMac(MacAddress mac) {
        return of(null);
    }

    @Override
    public Answer<BootptabEntry> bootptabByName(String name) {
        return of(null);
    }

    @Override
    public Answer<ClientIdentity> identify(MacAddress mac) {
        return of(null);
    }
}
