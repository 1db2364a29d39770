package net.diskless.api;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A 48-bit IEEE 802 (Ethernet) address, the one thing a diskless client knows about itself.
 *
 * <p>Held as a long so it is cheap to hash and compare. Parses the spellings found in ethers(5),
 * bootptab(5) and on the wire: {@code 8:0:20:1:2:3} (leading zeros omitted, as SunOS writes them),
 * {@code 08-00-20-01-02-03}, {@code 0800.2001.0203} and {@code 080020010203}.
 */
public record MacAddress(long bits) implements Comparable<MacAddress> {

    private static final long MASK = 0xFFFF_FFFF_FFFFL;

    public MacAddress {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException("not a 48-bit address: " + Long.toHexString(bits));
        }
    }

    public static MacAddress of(byte[] six) {
        return of(six, 0);
    }

    /** Reads six bytes starting at {@code offset}, as they appear in a frame or a BOOTP chaddr. */
    public static MacAddress of(byte[] bytes, int offset) {
        if (bytes.length - offset < 6 || offset < 0) {
            throw new IllegalArgumentException("need 6 bytes at offset " + offset + ", have " + bytes.length);
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Parses an address; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static MacAddress parse(String text) {
        String s = text.strip();
        String[] parts;
        if (s.indexOf(':') >= 0) {
            parts = s.split(":", -1);
        } else if (s.indexOf('-') >= 0) {
            parts = s.split("-", -1);
        } else if (s.indexOf('.') >= 0) {
            return fromHexDigits(s.replace(".", ""), text);
        } else {
            return fromHexDigits(s, text);
        }
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address (need 6 octets): " + abbreviate(text));
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !isHex(p)) {
                throw new IllegalArgumentException("not a MAC address (bad octet '" + abbreviate(p) + "'): " + abbreviate(text));
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    private static MacAddress fromHexDigits(String digits, String original) {
        if (digits.length() != 12 || !isHex(digits)) {
            throw new IllegalArgumentException("not a MAC address: " + abbreviate(original));
        }
        return new MacAddress(Long.parseLong(digits, 16));
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) { // ASCII only
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 5; i >= 0; i--) {
            b[i] = (byte) (bits >>> (8 * (5 - i)));
        }
        return b;
    }

    /** The canonical form, lower case with colons: {@code 08:00:20:01:02:03}. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes()).toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(bits, o.bits);
    }
}
