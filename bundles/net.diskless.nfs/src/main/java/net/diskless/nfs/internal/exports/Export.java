package net.diskless.nfs.internal.exports;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One exports line for one path.
 *
 * @param path     absolute, normalized server path
 * @param alldirs  clients may mount any directory below {@code path}, not only {@code path}
 * @param mapRoot  what uid 0 becomes; {@link Cred#NOBODY} unless {@code -maproot} says
 * @param mapAll   when set, what every caller becomes ({@code -mapall})
 * @param clients  who may mount; never empty ({@link ClientSpec.Everyone} for a line without hosts)
 * @param line     where it was written, for messages
 */
public record Export(String path, boolean readOnly, boolean alldirs, Cred mapRoot, Cred mapAll,
                     List<ClientSpec> clients, int line) {

    public Export {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mapRoot, "mapRoot");
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("no clients");
        }
    }

    public boolean allows(InetAddress client, Function<String, List<InetAddress>> resolver) {
        for (ClientSpec c : clients) {
            if (c.matches(client, resolver)) {
                return true;
            }
        }
        return false;
    }

    /** The credentials a caller acts with on this export. AUTH_NONE callers never reach this: they are {@link Cred#NOBODY}. */
    public Cred map(int uid, int gid, int[] groups) {
        if (mapAll != null) {
            return mapAll;
        }
        if (uid == 0) {
            return mapRoot;
        }
        return new Cred(uid, gid, groups);
    }
}
