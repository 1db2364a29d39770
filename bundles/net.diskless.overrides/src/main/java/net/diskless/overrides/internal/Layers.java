package net.diskless.overrides.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.diskless.api.overrides.OverrideClient;

/**
 * The layers of {@code /conf} a client sees, in FreeBSD rc.initdiskless order (later wins): {@code base},
 * {@code default}, the broadcast address (also spelled {@code bcast/<ip>}), the class, the machine address
 * (also {@code ip/<ip>}).
 */
final class Layers {

    /** A class name becomes a directory name: nothing that could leave {@code /conf}. */
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private Layers() {
    }

    static List<String> of(OverrideClient client, List<String> problems) {
        List<String> layers = new ArrayList<>(List.of("base", "default"));
        String broadcast = client.broadcast().getHostAddress();
        layers.add(broadcast);
        layers.add("bcast/" + broadcast);
        if (!client.clientClass().isEmpty()) {
            if (CLASS_NAME.matcher(client.clientClass()).matches()) {
                layers.add(client.clientClass());
            } else {
                problems.add("class '" + client.clientClass() + "' is not a usable directory name: class layer skipped");
            }
        }
        String ip = client.ip().getHostAddress();
        layers.add(ip);
        layers.add("ip/" + ip);
        return layers;
    }
}
