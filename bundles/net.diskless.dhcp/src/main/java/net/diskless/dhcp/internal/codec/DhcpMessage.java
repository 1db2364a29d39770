package net.diskless.dhcp.internal.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import net.diskless.api.MacAddress;

/**
 * One BOOTP/DHCP message (RFC 951 / RFC 2131 section 2): the fixed header, {@code sname} and {@code file} as
 * text, and the options. Addresses are unsigned 32-bit values ({@link Ipv4}).
 *
 * @param chaddr    the client hardware address, exactly {@code hlen} bytes (at most 16)
 * @param sname     server host name; {@code ""} when unused or when it held overloaded options
 * @param file      boot file name; {@code ""} when unused or when it held overloaded options
 * @param rfc1048   the vendor area starts with the RFC 1048 magic cookie (every DHCP message does; an
 *                  RFC 951 BOOTP client may send none, and then {@code options} is empty)
 * @param overload  option 52 of a decoded message: 1 = file held options, 2 = sname, 3 = both, 0 = none
 */
public record DhcpMessage(int op, int htype, int hops, int xid, int secs, int flags, int ciaddr, int yiaddr,
                          int siaddr, int giaddr, byte[] chaddr, String sname, String file, boolean rfc1048,
                          int overload, DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    public static final int FLAG_BROADCAST = 0x8000;

    public DhcpMessage {
        if (chaddr.length > 16) {
            throw new IllegalArgumentException("chaddr is at most 16 bytes: " + chaddr.length);
        }
        chaddr = chaddr.clone();
        sname = sname == null ? "" : sname;
        file = file == null ? "" : file;
        options = options == null ? DhcpOptions.EMPTY : options;
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    public int hlen() {
        return chaddr.length;
    }

    /** The Ethernet address, when the hardware type is Ethernet with a 6-byte address. */
    public Optional<MacAddress> mac() {
        return htype == HTYPE_ETHERNET && chaddr.length == 6 ? Optional.of(MacAddress.of(chaddr)) : Optional.empty();
    }

    /** No option 53: an RFC 951 BOOTP request (and a BOOTP reply is owed). */
    public boolean isBootp() {
        return !options.has(OptionCodes.MESSAGE_TYPE);
    }

    public Optional<MessageType> messageType() {
        return options.messageType();
    }

    public boolean broadcastFlag() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    /** The client as logs show it: its MAC, or htype and hex chaddr when it is not Ethernet. */
    public String clientText() {
        return mac().map(MacAddress::toString).orElseGet(() -> "htype " + htype + " " + HexFormat.of().formatHex(chaddr));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpMessage m && op == m.op && htype == m.htype && hops == m.hops && xid == m.xid
                && secs == m.secs && flags == m.flags && ciaddr == m.ciaddr && yiaddr == m.yiaddr && siaddr == m.siaddr
                && giaddr == m.giaddr && Arrays.equals(chaddr, m.chaddr) && sname.equals(m.sname) && file.equals(m.file)
                && rfc1048 == m.rfc1048 && overload == m.overload && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return 31 * xid + Arrays.hashCode(chaddr) + options.hashCode();
    }

    @Override
    public String toString() {
        return "DhcpMessage[op=" + op + " xid=" + Integer.toHexString(xid) + " client=" + clientText() + " ciaddr="
                + Ipv4.text(ciaddr) + " yiaddr=" + Ipv4.text(yiaddr) + " siaddr=" + Ipv4.text(siaddr) + " giaddr="
                + Ipv4.text(giaddr) + " flags=" + Integer.toHexString(flags) + " sname=" + sname + " file=" + file
                + " options=" + options + "]";
    }

    /** A reply to {@code request}: same xid, flags, giaddr, hardware address (RFC 2131 table 3). */
    public static DhcpMessage replyTo(DhcpMessage request, int ciaddr, int yiaddr, int siaddr, String sname, String file,
                                      DhcpOptions options) {
        return new DhcpMessage(BOOTREPLY, request.htype, 0, request.xid, 0, request.flags, ciaddr, yiaddr, siaddr,
                request.giaddr, request.chaddr, sname, file, true, 0, options);
    }
}
