package net.diskless.overrides.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.diskless.api.overrides.OverrideClient;
import net.diskless.api.overrides.OverrideFile;
import net.diskless.api.overrides.OverrideResolver;
import net.diskless.api.overrides.OverrideView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code overrides:explain <client-ip> <directory>}: why each file of a client's directory is what it is.
 * <pre>
 * g! explain 10.99.0.7 /etc
 * </pre>
 */
@Component(service = OverridesCommands.class, property = {
        "osgi.command.scope=overrides",
        "osgi.command.function=explain"})
public final class OverridesCommands {

    private final OverrideResolver resolver;

    @Activate
    public OverridesCommands(@Reference OverrideResolver resolver) {
        this.resolver = resolver;
    }

    public String explain(String clientIp, String directory) {
        InetAddress ip;
        try {
            ip = literal(clientIp);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return "not an IP address: " + clientIp;
        }
        OverrideClient client = resolver.client(ip);
        OverrideView view;
        try {
            view = resolver.resolve(client, directory);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return render(client, view);
    }

    static String render(OverrideClient client, OverrideView view) {
        StringBuilder out = new StringBuilder();
        out.append("client ").append(client.ip().getHostAddress())
                .append(", broadcast ").append(client.broadcast().getHostAddress())
                .append(", class ").append(client.clientClass().isEmpty() ? "-" : client.clientClass())
                .append(", root ").append(client.root().isEmpty() ? "unknown" : client.root()).append('\n');
        if (!view.overridden()) {
            out.append(view.directory()).append(": not overridden (the root's own directory)\n");
        } else {
            out.append(view.directory()).append(": layers ").append(String.join(", ", view.layers()))
                    .append("; size bound ").append(view.sizeLimitBytes()).append(" bytes")
                    .append(view.remount().map(r -> "; remount " + r).orElse("")).append('\n');
            int width = view.files().keySet().stream().mapToInt(String::length).max().orElse(0);
            for (OverrideFile f : view.files().values()) {
                out.append(String.format("  %-" + Math.max(1, width) + "s  %-22s %s%n", f.relativePath(), f.layer(), f.source()));
            }
            view.removed().forEach(r -> out.append("  removed ").append(r).append('\n'));
        }
        view.problems().forEach(p -> out.append("problem: ").append(p).append('\n'));
        return out.toString();
    }

    /** A literal address only: a name here would be a DNS lookup from the shell. */
    private static InetAddress literal(String s) throws UnknownHostException {
        if (!s.matches("[0-9.]+|[0-9A-Fa-f:.]+") || !(s.contains(".") || s.contains(":"))) {
            throw new IllegalArgumentException(s);
        }
        return InetAddress.getByName(s);
    }
}
