package net.diskless.tftp.internal.codec;

import java.util.Locale;
import java.util.Optional;

/** The RFC 1350 transfer modes. MAIL is obsolete; it decodes so the server can refuse it with a proper error. */
public enum TransferMode {
    NETASCII,
    OCTET,
    MAIL;

    /** The longest mode name ("netascii"): longer strings are not compared at all. */
    static final int MAX_LENGTH = 8;

    /** The name as written on the wire (lower case, as RFC 1350 spells it). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a mode case-insensitively, as RFC 1350 requires ("OCTET", "Octet" and "octet" are the same). */
    public static Optional<TransferMode> parse(String mode) {
        if (mode == null || mode.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (TransferMode m : values()) {
            if (m.name().equalsIgnoreCase(mode)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
