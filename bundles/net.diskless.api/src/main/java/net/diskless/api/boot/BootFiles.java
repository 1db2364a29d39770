package net.diskless.api.boot;

import java.net.Inet4Address;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * "Can this server boot this client, and with which file?" One answer shared by RARP (the delayed
 * responder answers at once only when it is yes), DHCP (boot file, delay before OFFER) and TFTP
 * (a request for {@code 828D0E09} resolved without any symlink).
 */
@ProviderType
public interface BootFiles {

    /**
     * The boot file for the client at {@code ip}; {@code architecture} ({@code SUN4U}, or empty) selects
     * the {@code HEXIP.ARCH} variant first.
     */
    Optional<BootFile> bootFileFor(Inet4Address ip, String architecture);

    default boolean canBoot(Inet4Address ip, String architecture) {
        return bootFileFor(ip, architecture).isPresent();
    }
}
