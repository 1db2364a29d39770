package net.diskless.tftp.internal.codec;

/**
 * Makes peer-supplied text safe for a log line or an error reason: short, one line, printable ASCII.
 * Everything a client sends (file names, option values, error messages) should pass through here before
 * it is logged, so a hostile datagram cannot forge log lines or flood them.
 */
public final class Printable {

    private Printable() {
    }

    /**
     * Escapes {@code s}: printable ASCII is kept, a backslash and a double quote are escaped, anything else
     * becomes {@code \xNN} (above 0xFF: a backslash, 'u' and four hex digits). The result is cut so that the
     * escaped text is at most {@code maxChars} long (an escape is never split), and "..." then marks the cut.
     */
    public static String escape(CharSequence s, int maxChars) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.max(0, Math.min(s.length(), maxChars)) + 3);
        for (int i = 0; i < s.length(); i++) {
            String piece = piece(s.charAt(i));
            if (b.length() + piece.length() > maxChars) {
                return b.append("...").toString();
            }
            b.append(piece);
        }
        return b.toString();
    }

    private static String piece(char c) {
        if (c == '\\' || c == '"') {
            return "\\" + c;
        } else if (c >= 0x20 && c < 0x7F) {
            return String.valueOf(c);
        } else if (c <= 0xFF) {
            return String.format("\\x%02x", (int) c);
        }
        return String.format("\\u%04x", (int) c);
    }
}
