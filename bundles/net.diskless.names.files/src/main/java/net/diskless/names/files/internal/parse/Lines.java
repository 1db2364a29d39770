package net.diskless.names.files.internal.parse;

/**
 * Walks the physical lines of a file's text. LF and CRLF both end a line, so a file saved by a
 * Windows editor reads the same; a leading byte-order mark is dropped. Lines are cut out one at a
 * time, so a file of a million empty lines costs no more memory than one line.
 */
final class Lines {

    private final String text;
    private int pos;
    private int number;
    private String line = "";

    Lines(String text) {
        this.text = text;
        this.pos = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    /** Moves to the next line; false at the end of the text (a final newline does not start another line). */
    boolean next() {
        if (pos >= text.length()) {
            return false;
        }
        int end = text.indexOf('\n', pos);
        int following = end < 0 ? text.length() : end + 1;
        if (end < 0) {
            end = text.length();
        }
        if (end > pos && text.charAt(end - 1) == '\r') {
            end--;
        }
        line = text.substring(pos, end);
        pos = following;
        number++;
        return true;
    }

    /** 1-based number of the current line. */
    int number() {
        return number;
    }

    String line() {
        return line;
    }
}
