package net.diskless.api.overrides;

import org.osgi.annotation.versioning.ProviderType;

/** Resolves the {@code /conf} override hierarchy ({@code base → default → broadcast → machine}) per client. */
@ProviderType
public interface OverrideResolver {

    /** The effective view of {@code directory} (an absolute client path such as {@code /etc}) for {@code client}. */
    OverrideView resolve(OverrideClient client, String directory);
}
