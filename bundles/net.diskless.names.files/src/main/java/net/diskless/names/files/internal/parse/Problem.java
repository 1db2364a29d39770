package net.diskless.names.files.internal.parse;

import java.util.Objects;

/**
 * Something wrong in a names file, in the form compilers and the system tools use, so an
 * administrator can jump to it: {@code /etc/ethers:12: bad MAC address '08:00:zz:01:02:03'}.
 *
 * @param file   the file name as given to the parser
 * @param line   1-based; for an entry continued over several lines, the line where it starts
 * @param reason short, for a human; any echoed input is already truncated and made printable
 */
public record Problem(String file, int line, String reason) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
