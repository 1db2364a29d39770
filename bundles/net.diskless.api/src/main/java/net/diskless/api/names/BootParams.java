package net.diskless.api.names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's bootparams(5) entry: the host name (or {@code *} for the wildcard entry) and its
 * parameters in file order.
 */
public record BootParams(String client, List<BootParam> params) {

    public static final String WILDCARD = "*";

    public BootParams {
        Objects.requireNonNull(client, "client");
        params = List.copyOf(params);
    }

    public Optional<BootParam> get(String key) {
        return params.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        params.forEach(p -> m.putIfAbsent(p.key(), p.value()));
        return m;
    }

    public boolean isWildcard() {
        return WILDCARD.equals(client);
    }
}
