package net.diskless.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The Sun naming of boot files by the client's IPv4 address in upper-case hexadecimal:
 * 130.141.14.9 is {@code 828D0E09}, and with an architecture {@code 828D0E09.SUN4U}.
 */
public final class HexIp {

    private HexIp() {
    }

    public static String of(Inet4Address ip) {
        return HexFormat.of().withUpperCase().formatHex(ip.getAddress());
    }

    public static String of(Inet4Address ip, String architecture) {
        return architecture == null || architecture.isEmpty()
                ? of(ip)
                : of(ip) + "." + architecture.toUpperCase(Locale.ROOT);
    }

    /** The address named by the first eight characters of {@code name}, when they are hex digits. */
    public static Optional<Inet4Address> parse(String name) {
        if (name.length() < 8) {
            return Optional.empty();
        }
        String digits = name.substring(0, 8);
        if (name.length() > 8 && name.charAt(8) != '.') {
            return Optional.empty();
        }
        for (int i = 0; i < 8; i++) {
            char c = digits.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) { // ASCII only
                return Optional.empty();
            }
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(HexFormat.of().parseHex(digits)));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }
}
