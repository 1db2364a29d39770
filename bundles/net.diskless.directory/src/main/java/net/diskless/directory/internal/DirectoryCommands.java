package net.diskless.directory.internal;

import java.net.InetAddress;
import java.util.stream.Collectors;
import net.diskless.api.MacAddress;
import net.diskless.api.directory.Answer;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.HostEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell commands ({@code directory:…}) to ask the directory what a protocol would ask, and see which
 * source answered and what the others said:
 * <pre>
 * g! ether 52:54:00:aa:bb:01      g! host client1       g! bootparams client1
 * g! identify 52:54:00:aa:bb:01   g! bootptab client1   g! sources
 * </pre>
 */
@Component(service = DirectoryCommands.class, property = {
        "osgi.command.scope=directory",
        "osgi.command.function=ether",
        "osgi.command.function=host",
        "osgi.command.function=bootparams",
        "osgi.command.function=bootptab",
        "osgi.command.function=identify",
        "osgi.command.function=sources"})
public final class DirectoryCommands {

    private final Directory directory;
    private final DirectoryStatus status;

    @Activate
    public DirectoryCommands(@Reference Directory directory, @Reference DirectoryStatus status) {
        this.directory = directory;
        this.status = status;
    }

    /** ethers: a MAC gives its host name, a host name its MAC. */
    public String ether(String macOrHost) {
        Answer<net.diskless.api.names.EthersEntry> a = looksLikeMac(macOrHost)
                ? directory.ethersByMac(MacAddress.parse(macOrHost))
                : directory.ethersByHost(macOrHost);
        return render(a, e -> e.mac() + "\t" + e.hostname(), "ethers", macOrHost);
    }

    /** hosts: a name gives its addresses, an address its name. */
    public String host(String nameOrAddress) {
        Answer<HostEntry> a = looksLikeAddress(nameOrAddress)
                ? directory.hostByAddress(literal(nameOrAddress))
                : directory.hostByName(nameOrAddress);
        return render(a, h -> h.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(" "))
                + "\t" + h.canonicalName() + (h.aliases().isEmpty() ? "" : " " + String.join(" ", h.aliases())),
                "hosts", nameOrAddress);
    }

    /** bootparams: the client's entry, or the {@code *} entry when it has none of its own. */
    public String bootparams(String client) {
        return render(directory.bootparams(client), b -> b.client() + "\t" + b.params().stream()
                .map(p -> p.key() + "=" + p.value()).collect(Collectors.joining(" ")), "bootparams", client);
    }

    /** bootptab: by MAC ({@code ha=}) or by entry name, templates applied. */
    public String bootptab(String macOrName) {
        Answer<BootptabEntry> a = looksLikeMac(macOrName)
                ? directory.bootptabByMac(MacAddress.parse(macOrName))
                : directory.bootptabByName(macOrName);
        return render(a, b -> b.name() + ":" + new java.util.TreeMap<>(b.tags()).entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(":")), "bootptab", macOrName);
    }

    /** What RARP would answer: MAC → host name (ethers) → IPv4 address (hosts). */
    public String identify(String mac) {
        if (!looksLikeMac(mac)) {
            return "not a MAC address: " + mac;
        }
        return render(directory.identify(MacAddress.parse(mac)),
                c -> c.mac() + "\t" + c.hostname() + "\t" + c.ip().getHostAddress(), "identity", mac);
    }

    /** The running name sources and the order of each map. */
    public String sources() {
        return "running: " + (status.runningSources().isEmpty() ? "(none)" : String.join(" ", status.runningSources()))
                + "\nnsswitch: " + status.nsswitchFile()
                + "\n" + status.chains().replace("; ", "\n");
    }

    private static <T> String render(Answer<T> a, java.util.function.Function<T, String> show, String map, String key) {
        String trail = a.attempts().stream()
                .map(t -> t.source() + "=" + t.status() + (t.detail().isEmpty() ? "" : " (" + t.detail() + ")"))
                .collect(Collectors.joining(", "));
        return a.found()
                ? show.apply(a.value()) + "\t[from " + a.source() + "; " + trail + "]"
                : "no " + map + " entry for " + key + " [" + (trail.isEmpty() ? "no source asked" : trail) + "]";
    }

    private static boolean looksLikeMac(String s) {
        try {
            MacAddress.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean looksLikeAddress(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (s.indexOf('.') > 0 || s.indexOf(':') >= 0);
    }

    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByName(s); // only literals reach here: no DNS lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + s);
        }
    }
}
