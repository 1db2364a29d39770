package net.diskless.names.files.internal.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * bootptab's field syntax, as bootpd's {@code get_string()} reads it: fields end at a colon outside
 * double quotes, a backslash takes the next character literally, quotes are dropped from values.
 *
 * @param fields            the raw fields, quotes and backslashes still in them
 * @param unterminatedQuote the last field opens a quote that never closes
 */
record Fields(List<String> fields, boolean unterminatedQuote) {

    static Fields split(String text) {
        List<String> fields = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // the escaped character is never a separator or a quote
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                fields.add(text.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(text.substring(start));
        return new Fields(fields, quoted);
    }

    /** The value of a raw field part: quotes removed, escapes resolved ({@code \"} is a quote, {@code \:} a colon). */
    static String unquote(String raw) {
        if (raw.indexOf('"') < 0 && raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                if (i + 1 < raw.length()) {
                    b.append(raw.charAt(++i));
                }
            } else if (c != '"') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
