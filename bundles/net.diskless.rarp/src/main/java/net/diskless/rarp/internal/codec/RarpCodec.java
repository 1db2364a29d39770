package net.diskless.rarp.internal.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import net.diskless.api.MacAddress;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;

/**
 * RARP frames to records and back; pure (no I/O). pcap4j does not decode EtherType 0x8035 by itself, so
 * the payload after the Ethernet header is read as what it is, an ARP-format packet
 * ({@link ArpPacket#newPacket}), and checked for what RFC 903 allows: Ethernet (1), IPv4 (0x0800),
 * lengths 6 and 4, operation 3 or 4.
 */
public final class RarpCodec {

    public static final int ETHERTYPE_RARP = 0x8035;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHER_HEADER = 14;
    static final int ARP_BODY = 28;

    private RarpCodec() {
    }

    /** Decodes a whole Ethernet frame (without FCS), as a capture delivers it. */
    public static Decoded decode(byte[] frame) {
        return decode(frame, frame.length);
    }

    /** Decodes the first {@code length} bytes of {@code frame}. */
    public static Decoded decode(byte[] frame, int length) {
        if (length < ETHER_HEADER) {
            return new Decoded.Malformed("frame of " + length + " bytes, shorter than an Ethernet header");
        }
        int offset = 12;
        int type = u16(frame, offset);
        if (type == ETHERTYPE_VLAN && length >= ETHER_HEADER + 4) { // one 802.1Q tag, as a capture may show it
            offset += 4;
            type = u16(frame, offset);
        }
        offset += 2;
        if (type != ETHERTYPE_RARP) {
            return new Decoded.Ignored(String.format("EtherType 0x%04x, not RARP", type));
        }
        if (length - offset < ARP_BODY) {
            return new Decoded.Malformed("RARP body of " + (length - offset) + " bytes, need " + ARP_BODY);
        }
        ArpPacket.ArpHeader arp;
        try {
            arp = ArpPacket.newPacket(frame, offset, length - offset).getHeader();
        } catch (IllegalRawDataException | RuntimeException e) {
            return new Decoded.Malformed("not an ARP-format body: " + e.getMessage());
        }
        int hardware = arp.getHardwareType().value() & 0xFFFF;
        if (hardware != ArpHardwareType.ETHERNET.value()) {
            return new Decoded.Malformed("hardware type " + hardware + ", not Ethernet (1)");
        }
        int protocol = arp.getProtocolType().value() & 0xFFFF;
        if (protocol != (EtherType.IPV4.value() & 0xFFFF)) {
            return new Decoded.Malformed(String.format("protocol type 0x%04x, not IPv4 (0x0800)", protocol));
        }
        if (arp.getHardwareAddrLengthAsInt() != 6) {
            return new Decoded.Malformed("hardware address length " + arp.getHardwareAddrLengthAsInt() + ", not 6");
        }
        if (arp.getProtocolAddrLengthAsInt() != 4) {
            return new Decoded.Malformed("protocol address length " + arp.getProtocolAddrLengthAsInt() + ", not 4");
        }
        int op = arp.getOperation().value() & 0xFFFF;
        switch (op) {
            case RarpFrame.REVERSE_REQUEST -> {
                // fall through to the record below
            }
            case RarpFrame.REVERSE_REPLY -> {
                return new Decoded.Ignored("a reverse reply (another server's answer)");
            }
            case 1, 2 -> {
                return new Decoded.Malformed("ARP " + (op == 1 ? "request" : "reply") + " (operation " + op
                        + ") in a RARP frame");
            }
            default -> {
                return new Decoded.Malformed("operation " + op + ", not a reverse request (3)");
            }
        }
        return new Decoded.Request(new RarpFrame(MacAddress.of(frame, 0), MacAddress.of(frame, 6), op,
                mac(arp.getSrcHardwareAddr()), (Inet4Address) arp.getSrcProtocolAddr(),
                mac(arp.getDstHardwareAddr()), (Inet4Address) arp.getDstProtocolAddr()));
    }

    /**
     * The reverse reply to {@code request}: from {@code serverMac} / {@code serverIp} (the interface it came
     * in on), to the frame's sender, with the asked-for hardware address and its IP {@code clientIp}.
     * Padded to the Ethernet minimum of 60 bytes.
     */
    public static byte[] reply(RarpFrame request, MacAddress serverMac, Inet4Address serverIp, Inet4Address clientIp) {
        ArpPacket.Builder arp = new ArpPacket.Builder()
                .hardwareType(ArpHardwareType.ETHERNET)
                .protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) 6)
                .protocolAddrLength((byte) 4)
                .operation(ArpOperation.REPLY_REVERSE)
                .srcHardwareAddr(pcap(serverMac))
                .srcProtocolAddr(serverIp)
                .dstHardwareAddr(pcap(request.targetMac()))
                .dstProtocolAddr(clientIp);
        return new EthernetPacket.Builder()
                .dstAddr(pcap(request.etherSource()))
                .srcAddr(pcap(serverMac))
                .type(EtherType.RARP)
                .payloadBuilder(arp)
                .paddingAtBuild(true)
                .build()
                .getRawData();
    }

    /** A reverse request for {@code mac}, as a booting client broadcasts it (for tests and tools). */
    public static byte[] request(MacAddress mac) {
        Inet4Address zero = unspecified();
        ArpPacket.Builder arp = new ArpPacket.Builder()
                .hardwareType(ArpHardwareType.ETHERNET)
                .protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) 6)
                .protocolAddrLength((byte) 4)
                .operation(ArpOperation.REQUEST_REVERSE)
                .srcHardwareAddr(pcap(mac))
                .srcProtocolAddr(zero)
                .dstHardwareAddr(pcap(mac))
                .dstProtocolAddr(zero);
        return new EthernetPacket.Builder()
                .dstAddr(org.pcap4j.util.MacAddress.ETHER_BROADCAST_ADDRESS)
                .srcAddr(pcap(mac))
                .type(EtherType.RARP)
                .payloadBuilder(arp)
                .paddingAtBuild(true)
                .build()
                .getRawData();
    }

    private static Inet4Address unspecified() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException impossible) { // four bytes are always an address
            throw new IllegalStateException(impossible);
        }
    }

    private static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }

    private static MacAddress mac(org.pcap4j.util.MacAddress m) {
        return MacAddress.of(m.getAddress());
    }

    private static org.pcap4j.util.MacAddress pcap(MacAddress m) {
        return org.pcap4j.util.MacAddress.getByAddress(m.toBytes());
    }
}
