package net.diskless.api.leases;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Objects;
import net.diskless.api.MacAddress;

/**
 * What a DHCP server has promised about one address.
 *
 * @param address  the leased IPv4 address
 * @param clientId the client as DHCP identifies it: option 61 when sent, else hardware type and address, in
 *                 lower-case hex ({@code 01525400aabb01})
 * @param mac      the client's Ethernet address, or {@code null} when its hardware is not Ethernet
 * @param hostname the client's host name, or {@code ""}
 * @param expires  when the promise ends ({@link #BOUND}), or when a declined address may be offered again
 * @param state    see {@link State}
 */
public record Lease(Inet4Address address, String clientId, MacAddress mac, String hostname, Instant expires,
                    State state) {

    /** The life of an address: acknowledged to a client, given back by it, or reported in use by someone else. */
    public enum State {
        /** Acknowledged: the address is the client's until {@code expires}. */
        BOUND,
        /** The client gave it back (DHCPRELEASE): free, though offered to the same client first. */
        RELEASED,
        /** A client found it in use (DHCPDECLINE): not offered to anyone until {@code expires}. */
        DECLINED
    }

    public Lease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(state, "state");
        hostname = hostname == null ? "" : hostname;
    }

    /** True while the address is held: bound or declined and not yet expired. */
    public boolean holds(Instant now) {
        return state != State.RELEASED && expires.isAfter(now);
    }
}
