package net.diskless.names.files.internal.parse;

import java.util.List;

/**
 * What a parser made of a file: the entries it accepted, in file order, and the problems it
 * found. A file with problems still yields every entry that could be read, as the system tools
 * do, so one typo does not take a whole map down.
 */
public record Parsed<T>(List<T> entries, List<Problem> problems) {

    public Parsed {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }
}
