package net.diskless.bootparams.internal.logic;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Function;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.HostEntry;

/**
 * The two bootparamd questions, answered from the directory the way netkit's (and OpenBSD's) rpc.bootparamd
 * answers them from /etc/hosts and /etc/bootparams:
 * <ul>
 * <li>WHOAMI: the client's address → its host name (hosts) → it must have a bootparams entry (its own or the
 * {@code *} wildcard) → that name, the configured NIS domain and the router;</li>
 * <li>GETFILE: the client's name → its canonical name (hosts) → its bootparams entry → {@code key=server:path}
 * → the server's address (hosts). A {@code dump} key that is not there is answered with empty strings and
 * 0.0.0.0, as netkit does (the client then boots without a dump device); an empty server
 * ({@code key=:path}) is answered with an empty name and 0.0.0.0.</li>
 * </ul>
 * Anything else is {@link Outcome.Silent}: no reply, so the client's broadcast finds a server that knows it.
 */
public final class BootparamsLogic {

    private static final Inet4Address ANY = any();

    private final String domain;
    private final Function<Inet4Address, Inet4Address> router;

    /**
     * @param domain NIS domain told to every client ({@code ""} for none)
     * @param router the default router for a client, given its address
     */
    public BootparamsLogic(String domain, Function<Inet4Address, Inet4Address> router) {
        this.domain = domain;
        this.router = router;
    }

    public Outcome<Whoami> whoami(Directory directory, Inet4Address client) {
        Answer<HostEntry> host = directory.hostByAddress(client);
        if (!host.found()) {
            return new Outcome.Silent<>("no hosts entry for " + client.getHostAddress() + why(host), "");
        }
        String name = host.value().canonicalName();
        Answer<BootParams> params = directory.bootparams(name);
        if (!params.found()) {
            return new Outcome.Silent<>("no bootparams entry for " + name + why(params), name);
        }
        return new Outcome.Answer<>(new Whoami(name, domain, router.apply(client)), name);
    }

    public Outcome<Getfile> getfile(Directory directory, String clientName, String key) {
        Answer<HostEntry> host = directory.hostByName(clientName);
        if (!host.found()) {
            return new Outcome.Silent<>("no hosts entry for " + clientName + why(host), clientName);
        }
        String name = host.value().canonicalName();
        Answer<BootParams> params = directory.bootparams(name);
        if (!params.found()) {
            return new Outcome.Silent<>("no bootparams entry for " + name + why(params), name);
        }
        Optional<BootParam> param = params.value().get(key);
        if (param.isEmpty()) {
            if ("dump".equals(key)) {
                return new Outcome.Answer<>(new Getfile("", ANY, ""), name);
            }
            return new Outcome.Silent<>("no '" + key + "' in the bootparams entry of " + name, name);
        }
        String value = param.get().value();
        int colon = value.indexOf(':');
        if (colon < 0) {
            return new Outcome.Silent<>("'" + key + "=" + value + "' of " + name + " is not server:path", name);
        }
        String server = value.substring(0, colon);
        String path = value.substring(colon + 1);
        if (server.isEmpty()) {
            return new Outcome.Answer<>(new Getfile("", ANY, path), name);
        }
        Answer<HostEntry> serverHost = directory.hostByName(server);
        Optional<Inet4Address> address = serverHost.optional().flatMap(HostEntry::ipv4);
        if (address.isEmpty()) {
            return new Outcome.Silent<>("server " + server + " of '" + key + "' for " + name + " has no IPv4 hosts entry"
                    + why(serverHost), name);
        }
        return new Outcome.Answer<>(new Getfile(server, address.get(), path), name);
    }

    /** The sources' own words when one could not be asked (UNAVAIL), so the log tells a down NIS from a missing entry. */
    private static String why(Answer<?> answer) {
        return answer.attempts().stream()
                .filter(a -> a.status() == Answer.Status.UNAVAIL)
                .map(a -> " (" + a.source() + " unavailable: " + a.detail() + ")")
                .findFirst().orElse("");
    }

    private static Inet4Address any() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
