package net.diskless.rarp.internal.codec;

import java.net.Inet4Address;
import java.util.Objects;
import net.diskless.api.MacAddress;

/**
 * A RARP frame as it was on the wire: the Ethernet addresses and the ARP-format body (RFC 903 uses the
 * ARP packet of RFC 826 under EtherType 0x8035), for Ethernet hardware and IPv4 only.
 *
 * @param etherDestination the Ethernet destination (broadcast for a request)
 * @param etherSource      who sent the frame: a reply goes back to it
 * @param operation        3 reverse request, 4 reverse reply
 * @param senderMac        {@code sha}: the requester's own address
 * @param senderIp         {@code spa}: undefined in a request (usually 0.0.0.0)
 * @param targetMac        {@code tha}: the address whose IP is asked for (the requester's own, when booting)
 * @param targetIp         {@code tpa}: the answer, in a reply
 */
public record RarpFrame(MacAddress etherDestination, MacAddress etherSource, int operation, MacAddress senderMac,
                        Inet4Address senderIp, MacAddress targetMac, Inet4Address targetIp) {

    public static final int REVERSE_REQUEST = 3;
    public static final int REVERSE_REPLY = 4;

    public RarpFrame {
        Objects.requireNonNull(etherDestination, "etherDestination");
        Objects.requireNonNull(etherSource, "etherSource");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }
}
