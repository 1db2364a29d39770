package net.diskless.api.nfs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Who asks, after the export's credential mapping ({@code -maproot}, {@code -mapall}): the uid and groups the
 * file system acts for, and the client's address (per-client views choose by it).
 */
public record Caller(int uid, int gid, int[] groups, InetAddress client) {

    public Caller {
        Objects.requireNonNull(client, "client");
        groups = groups == null ? new int[0] : groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    public boolean inGroup(int g) {
        if (gid == g) {
            return true;
        }
        for (int x : groups) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caller c && c.uid == uid && c.gid == gid && java.util.Arrays.equals(c.groups, groups)
                && c.client.equals(client);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uid, gid, java.util.Arrays.hashCode(groups), client);
    }

    @Override
    public String toString() {
        return "uid " + uid + " gid " + gid + " from " + client.getHostAddress();
    }
}
