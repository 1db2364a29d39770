package net.diskless.names.files.internal.parse;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.diskless.api.MacAddress;

/** Small text rules shared by the parsers: C's idea of white space, names, addresses, and echoing input safely. */
final class Text {

    /** Echoed input is cut to this many characters, so a 1 MB line does not become a 1 MB log line. */
    static final int ECHO_LIMIT = 40;

    private static final int MAX_NAME = 255;

    private Text() {
    }

    /**
     * C's {@code isspace()} in the C locale, which is what the system tools split fields on. Not
     * {@link Character#isWhitespace}: that also takes U+001C..U+001F and Unicode spaces, which glibc
     * would keep inside a field.
     */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static String stripLeading(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        return s.substring(start);
    }

    /** Everything before the first {@code #}: glibc's rule for ethers and hosts, a comment may follow data. */
    static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** The white-space separated fields of {@code s}, at most {@code limit} of them (the rest is not looked at). */
    static List<String> fields(String s, int limit) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (out.size() < limit) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /**
     * A host name as the files may spell it: ASCII letters, digits, {@code .}, {@code _} and {@code -},
     * at most 255 characters. Looser than RFC 952 (underscores and leading digits are common in
     * real files) but it keeps out binary junk, white space and anything a shell or a log would misread.
     */
    static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A control character (NUL, tab, escape...): C would cut a value at a NUL, and none belongs in a name or path. */
    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static boolean isAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiHex(char c) {
        return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * A MAC address in any spelling {@link MacAddress#parse} takes, or null. Only ASCII hex digits
     * and separators get that far: {@code MacAddress.parse} goes through {@link Character#digit},
     * which would also take full-width and Arabic-Indic digits that no system tool accepts.
     */
    static MacAddress mac(String s) {
        if (s.isEmpty() || s.length() > 17) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiHex(c) && c != ':' && c != '-' && c != '.') {
                return null;
            }
        }
        try {
            return MacAddress.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A dotted quad: exactly four decimal octets 0-255 without leading zeros; otherwise null. */
    static Inet4Address ipv4(String s) {
        return ipv4(s, false);
    }

    /**
     * Why {@code s} is not a dotted quad, or null when it is one. Leading zeros get their own reason:
     * the C library reads {@code 010} as octal 8, so accepting it as decimal 10 would quietly
     * disagree with every other tool reading the same file.
     */
    static String ipv4Problem(String s) {
        if (ipv4(s, false) != null) {
            return null;
        }
        if (ipv4(s, true) != null) {
            return "ambiguous address " + quote(s) + " (a leading zero means octal to the C library)";
        }
        return "bad address " + quote(s);
    }

    private static Inet4Address ipv4(String s, boolean leadingZeros) {
        int n = s.length();
        if (n < 7 || n > 15 + (leadingZeros ? 4 : 0)) {
            return null;
        }
        byte[] b = new byte[4];
        int i = 0;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < n && isAsciiDigit(s.charAt(i)) && i - start < 4) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (!leadingZeros && digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            b[octet] = (byte) value;
        }
        if (i != n) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b); // four bytes: no lookup, never an IPv6 address
        } catch (UnknownHostException e) {
            return null; // only for a wrong length, which cannot happen here
        }
    }

    /** Input echoed in a reason: quoted, cut to {@value #ECHO_LIMIT} characters, control characters escaped. */
    static String quote(String s) {
        return "'" + printable(abbreviate(s)) + "'";
    }

    static String abbreviate(String s) {
        if (s.length() <= ECHO_LIMIT) {
            return s;
        }
        int cut = ECHO_LIMIT;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--; // never leave half a surrogate pair behind
        }
        return s.substring(0, cut) + "…";
    }

    /**
     * Escapes what would corrupt a log or a terminal: control characters (NUL, ESC, CR...), format
     * characters (bidi overrides) and line separators. Replacement characters from a bad decode stay,
     * they are printable and show where the junk was.
     */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                b.append(cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
