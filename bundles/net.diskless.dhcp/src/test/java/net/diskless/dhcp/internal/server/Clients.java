package net.diskless.dhcp.internal.server;

import java.util.List;
import java.util.Map;
import net.diskless.dhcp.internal.codec.DhcpCodec;
import net.diskless.dhcp.internal.codec.DhcpMessage;
import net.diskless.dhcp.internal.codec.DhcpOptions;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.codec.MessageType;
import net.diskless.dhcp.internal.codec.OptionCodes;

/** Requests as clients send them, and settings for a server on 10.99.0.1/24, for the server tests. */
final class Clients {

    static final int SERVER = Ipv4.parse("10.99.0.1");

    private Clients() {
    }

    static byte[] mac(int last) {
        return new byte[] {0x52, 0x54, 0, (byte) 0xaa, (byte) 0xbb, (byte) last};
    }

    static DhcpMessage request(int last, int xid, int ciaddr, int giaddr, DhcpOptions options) {
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 0, xid, 0, 0, ciaddr, 0, 0, giaddr, mac(last), "", "", true, 0,
                options);
    }

    static DhcpOptions.Builder type(MessageType t) {
        return DhcpOptions.builder().uint8(OptionCodes.MESSAGE_TYPE, t.code());
    }

    static DhcpMessage discover(int last) {
        return request(last, 100 + last, 0, 0, type(MessageType.DISCOVER).build());
    }

    static DhcpMessage select(int last, int ip, int serverId) {
        return request(last, 200 + last, 0, 0, type(MessageType.REQUEST).int32(OptionCodes.REQUESTED_IP, ip)
                .int32(OptionCodes.SERVER_ID, serverId).build());
    }

    static Settings settings(List<Subnet> subnets) {
        return new Settings(() -> List.of(new Settings.Local(SERVER, 24)), subnets, 0, 0, 68, 67, 16, true, 3600, 86400, 30,
                600, "", 0, "", Map.of(7, "ipxe.efi", 0, "undionly.kpxe"), "boot.ipxe", false, 0, false);
    }

    static Settings proxySettings() {
        Settings s = settings(List.of());
        return new Settings(s.local(), s.subnets(), 0, 0, 68, 67, 16, true, 3600, 86400, 30, 600, "", 0, "", s.archBootFiles(),
                s.ipxeBootFile(), true, 0, false);
    }

    /** What the client receives: the reply run through the codec, as on the wire. */
    static DhcpMessage wire(Decision d) throws Exception {
        Decision.Reply r = (Decision.Reply) d;
        return DhcpCodec.decode(DhcpCodec.encode(r.message(), r.preferredLength(), r.maxLength()).bytes());
    }
}
