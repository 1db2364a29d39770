package net.diskless.api.nfs;

import java.util.List;

/**
 * A slice of a directory listing.
 *
 * @param verifier changes when cookies handed out earlier no longer mean the same position
 * @param eof      true when the slice ends the directory
 */
public record DirPage(List<DirEntry> entries, long verifier, boolean eof) {

    public DirPage {
        entries = List.copyOf(entries);
    }
}
