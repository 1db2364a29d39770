package net.diskless.dhcp.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import net.diskless.api.leases.Lease;
import net.diskless.api.names.BootptabEntry;
import net.diskless.dhcp.internal.codec.DhcpCodec;
import net.diskless.dhcp.internal.codec.DhcpMessage;
import net.diskless.dhcp.internal.codec.DhcpOptions;
import net.diskless.dhcp.internal.codec.Ipv4;
import net.diskless.dhcp.internal.codec.MessageType;
import net.diskless.dhcp.internal.codec.OptionCodes;

/**
 * The server's decisions, without any I/O: which address, which options, which boot file, where the reply
 * goes (RFC 2131 4.1 and 4.3, RFC 951 / 1542 for BOOTP, PXE and proxyDHCP). Confined to the server's event
 * loop, like the {@link LeaseTable} it owns.
 */
public final class Responder {

    private final Settings s;
    private final Hosts hosts;
    private final LeaseTable table = new LeaseTable();
    private final LongSupplier clock;

    public Responder(Settings settings, Hosts hosts, List<Lease> leases, LongSupplier clockMillis) {
        this.s = settings;
        this.hosts = hosts;
        this.clock = clockMillis;
        table.load(leases);
    }

    /** Leases and offers held now (for status lines and tests). */
    int tableSize() {
        return table.size();
    }

    /** A lease the store could not make durable: forget it so the address is not considered given. */
    public void undo(Lease lease) {
        LeaseTable.Entry e = table.byIp(Ipv4.of(lease.address()));
        if (e != null && e.lease() == lease) {
            table.put(new LeaseTable.Entry(e.ip(), e.clientId(), LeaseTable.State.RELEASED, 0, null));
        }
    }

    /**
     * Decides what to do with {@code req} ({@code length} bytes on the wire), which came from {@code sourceIp}
     * to the BOOTP port ({@code pxePort} false) or the PXE boot server port 4011.
     */
    public Decision handle(DhcpMessage req, int length, int sourceIp, int sourcePort, boolean pxePort) {
        if (req.op() != DhcpMessage.BOOTREQUEST) {
            return new Decision.Ignore("not a BOOTREQUEST", false);
        }
        if (req.hops() > s.maxHops()) {
            return new Decision.Ignore("hop count " + req.hops() + " > " + s.maxHops(), true);
        }
        Segment seg = segment(req);
        if (seg == null) {
            return new Decision.Ignore(req.giaddr() != 0 ? "relayed from " + Ipv4.text(req.giaddr())
                    + " but no subnet is configured for it" : "no local subnet to serve it on", true);
        }
        Optional<StaticHost> host = req.mac().flatMap(hosts::byMac);
        if (s.proxy()) {
            return proxy(req, seg, host, sourceIp, sourcePort, pxePort);
        }
        if (req.isBootp()) {
            return bootp(req, length, seg, host);
        }
        MessageType type = req.messageType().orElse(null);
        if (type == null) {
            return new Decision.Ignore("unknown DHCP message type "
                    + req.options().uint8(OptionCodes.MESSAGE_TYPE).orElse(-1), true);
        }
        return switch (type) {
            case DISCOVER -> discover(req, seg, host);
            case REQUEST -> request(req, seg, host);
            case DECLINE -> decline(req, seg);
            case RELEASE -> release(req, seg);
            case INFORM -> inform(req, seg, host);
            default -> new Decision.Ignore("a client does not send " + type, true);
        };
    }

    /** The subnet a request belongs to and the address this server has on it (its server identifier). */
    record Segment(Subnet subnet, int serverId, boolean relayed) {
    }

    private Segment segment(DhcpMessage req) {
        List<Settings.Local> local = s.local().get();
        OptionalInt selection = req.options().int32(OptionCodes.SUBNET_SELECTION);
        int key = selection.isPresent() ? selection.getAsInt() : req.giaddr();
        if (key != 0) {
            Subnet sub = configured(key);
            if (sub == null) {
                return null;
            }
            int id = s.serverId() != 0 ? s.serverId() : localIn(local, sub).orElse(local.isEmpty() ? 0 : local.get(0).address());
            return id == 0 ? null : new Segment(sub, id, req.giaddr() != 0);
        }
        // Directly attached: the first configured subnet one of our interfaces is on, else the interface's own.
        for (Subnet sub : s.subnets()) {
            OptionalInt id = localIn(local, sub);
            if (id.isPresent()) {
                return new Segment(sub, s.serverId() != 0 ? s.serverId() : id.getAsInt(), false);
            }
        }
        if (local.isEmpty()) {
            return null;
        }
        Settings.Local l = local.get(0);
        return new Segment(Subnet.attached(l.address(), l.prefix()), s.serverId() != 0 ? s.serverId() : l.address(), false);
    }

    private Subnet configured(int ip) {
        for (Subnet sub : s.subnets()) {
            if (sub.contains(ip)) {
                return sub;
            }
        }
        return null;
    }

    private static OptionalInt localIn(List<Settings.Local> local, Subnet sub) {
        for (Settings.Local l : local) {
            if (sub.contains(l.address())) {
                return OptionalInt.of(l.address());
            }
        }
        return OptionalInt.empty();
    }

    /** A static host's subnet on a segment known only from its interface: the host's own view wins. */
    private static boolean onSegment(Segment seg, StaticHost h) {
        return seg.subnet().contains(h.ip());
    }

    // ---------------------------------------------------------------- DHCP

    private Decision discover(DhcpMessage req, Segment seg, Optional<StaticHost> host) {
        long now = clock.getAsLong();
        String client = clientId(req);
        int ip;
        long delay = 0;
        if (host.isPresent()) {
            if (!onSegment(seg, host.get())) {
                return new Decision.Ignore(host.get().hostname() + " is " + Ipv4.text(host.get().ip())
                        + ", not on " + seg.subnet(), true);
            }
            ip = host.get().ip();
        } else if (!seg.subnet().pools().isEmpty()) {
            int requested = req.options().int32(OptionCodes.REQUESTED_IP).orElse(0);
            ip = table.allocate(seg.subnet(), client, requested, now, hosts::reserved);
            if (ip == 0) {
                return new Decision.Ignore("no free address in " + seg.subnet(), true);
            }
            table.put(new LeaseTable.Entry(ip, client, LeaseTable.State.OFFERED, now + s.offerHoldSeconds() * 1000L, null));
        } else {
            return new Decision.Ignore("unknown client and no pool on " + seg.subnet(), false);
        }
        if (s.unbootableDelayMs() > 0 && !hosts.canBoot(ip)) {
            delay = s.unbootableDelayMs();
        }
        return reply(req, seg, host, MessageType.OFFER, ip, leaseSeconds(req), null, delay, "");
    }

    private Decision request(DhcpMessage req, Segment seg, Optional<StaticHost> host) {
        long now = clock.getAsLong();
        String client = clientId(req);
        OptionalInt sid = req.options().int32(OptionCodes.SERVER_ID);
        if (sid.isPresent() && sid.getAsInt() != seg.serverId()) {
            table.forgetOffer(client);
            return new Decision.Ignore("client chose server " + Ipv4.text(sid.getAsInt()), false);
        }
        int requested = req.options().int32(OptionCodes.REQUESTED_IP).orElse(0);
        int ip = requested != 0 ? requested : req.ciaddr();
        if (ip == 0) {
            return new Decision.Ignore("REQUEST names no address", true);
        }
        boolean ours = sid.isPresent() || s.authoritative();
        if (!seg.subnet().contains(ip)) {
            return ours ? nak(req, seg, ip, Ipv4.text(ip) + " is not on " + seg.subnet())
                    : new Decision.Ignore("REQUEST for another subnet", false);
        }
        if (host.isPresent()) {
            if (host.get().ip() != ip) {
                return nak(req, seg, ip, host.get().hostname() + " is " + Ipv4.text(host.get().ip()));
            }
            return reply(req, seg, host, MessageType.ACK, ip, leaseSeconds(req), null, 0, "");
        }
        if (!seg.subnet().inPool(ip) || hosts.reserved(ip)) {
            return ours ? nak(req, seg, ip, Ipv4.text(ip) + " is not in a pool of " + seg.subnet())
                    : new Decision.Ignore("REQUEST outside the pools", false);
        }
        LeaseTable.Entry e = table.byIp(ip);
        // Another client's offer does not block a REQUEST: offers are no promise (a flood takes them back), and
        // the client that requests is the one committing; the other one will be NAKed if it asks.
        if (e != null && !e.clientId().equals(client) && e.holds(now) && e.state() != LeaseTable.State.OFFERED) {
            return nak(req, seg, ip, Ipv4.text(ip) + " is held by another client");
        }
        if (e != null && e.clientId().equals(client) && e.state() == LeaseTable.State.DECLINED && e.holds(now)) {
            return nak(req, seg, ip, Ipv4.text(ip) + " was declined");
        }
        if (e == null && !ours) {
            return new Decision.Ignore("REQUEST for an address this server never gave", false);
        }
        int seconds = leaseSeconds(req);
        Lease lease = new Lease(Ipv4.inet(ip), client, req.mac().orElse(null),
                req.options().text(OptionCodes.HOST_NAME).orElse(""), Instant.ofEpochMilli(now + seconds * 1000L),
                Lease.State.BOUND);
        table.put(new LeaseTable.Entry(ip, client, LeaseTable.State.BOUND, lease.expires().toEpochMilli(), lease));
        return reply(req, seg, host, MessageType.ACK, ip, seconds, lease, 0, "");
    }

    private Decision decline(DhcpMessage req, Segment seg) {
        int ip = req.options().int32(OptionCodes.REQUESTED_IP).orElse(0);
        String client = clientId(req);
        LeaseTable.Entry e = table.byIp(ip);
        if (ip == 0 || !seg.subnet().inPool(ip) || (e != null && !e.clientId().equals(client))) {
            return new Decision.Ignore("DECLINE of " + Ipv4.text(ip) + " it does not hold", true);
        }
        long until = clock.getAsLong() + s.declineHoldSeconds() * 1000L;
        Lease lease = new Lease(Ipv4.inet(ip), client, req.mac().orElse(null), "", Instant.ofEpochMilli(until),
                Lease.State.DECLINED);
        table.put(new LeaseTable.Entry(ip, client, LeaseTable.State.DECLINED, until, lease));
        return new Decision.Record(lease, "DECLINE");
    }

    private Decision release(DhcpMessage req, Segment seg) {
        int ip = req.ciaddr();
        String client = clientId(req);
        LeaseTable.Entry e = table.byIp(ip);
        if (e == null || !e.clientId().equals(client) || e.state() != LeaseTable.State.BOUND) {
            return new Decision.Ignore("RELEASE of " + Ipv4.text(ip) + " it does not hold", false);
        }
        Lease lease = new Lease(Ipv4.inet(ip), client, req.mac().orElse(null), "", Instant.ofEpochMilli(clock.getAsLong()),
                Lease.State.RELEASED);
        table.put(new LeaseTable.Entry(ip, client, LeaseTable.State.RELEASED, lease.expires().toEpochMilli(), lease));
        return new Decision.Record(lease, "RELEASE");
    }

    private Decision inform(DhcpMessage req, Segment seg, Optional<StaticHost> host) {
        if (req.ciaddr() == 0) {
            return new Decision.Ignore("INFORM without ciaddr", true);
        }
        return reply(req, seg, host, MessageType.ACK, 0, 0, null, 0, "");
    }

    private Decision nak(DhcpMessage req, Segment seg, int ip, String reason) {
        DhcpOptions options = DhcpOptions.builder().uint8(OptionCodes.MESSAGE_TYPE, MessageType.NAK.code())
                .int32(OptionCodes.SERVER_ID, seg.serverId()).text(OptionCodes.MESSAGE, reason).build();
        // RFC 2131 4.3.2: a NAK through a relay sets the broadcast bit, so the relay broadcasts it.
        DhcpMessage m = new DhcpMessage(DhcpMessage.BOOTREPLY, req.htype(), 0, req.xid(), 0,
                req.giaddr() != 0 ? req.flags() | DhcpMessage.FLAG_BROADCAST : req.flags(), 0, 0, 0, req.giaddr(),
                req.chaddr(), "", "", true, 0, options);
        int dst = req.giaddr() != 0 ? req.giaddr() : broadcast(seg);
        int port = req.giaddr() != 0 ? s.relayPort() : s.clientPort();
        return new Decision.Reply(m, dst, port, null, 0, maxLength(req), maxLength(req),
                new Decision.Summary("NAK", req.clientText(), ip, architecture(req), "", reason));
    }

    private int leaseSeconds(DhcpMessage req) {
        int configured = s.defaultLeaseSeconds();
        OptionalInt asked = req.options().int32(OptionCodes.LEASE_TIME);
        if (asked.isPresent() && Integer.toUnsignedLong(asked.getAsInt()) > 0) {
            configured = (int) Math.min(Integer.toUnsignedLong(asked.getAsInt()), s.maxLeaseSeconds());
        }
        return configured;
    }

    private Decision reply(DhcpMessage req, Segment seg, Optional<StaticHost> host, MessageType type, int ip,
                           int leaseSeconds, Lease lease, long delay, String note) {
        Subnet sub = seg.subnet();
        if (sub.leaseSeconds() > 0 && leaseSeconds > sub.leaseSeconds()) {
            leaseSeconds = sub.leaseSeconds();
        }
        DhcpOptions.Builder o = DhcpOptions.builder();
        o.uint8(OptionCodes.MESSAGE_TYPE, type.code());
        o.int32(OptionCodes.SERVER_ID, seg.serverId());
        if (leaseSeconds > 0) {
            o.int32(OptionCodes.LEASE_TIME, leaseSeconds);
            o.int32(OptionCodes.RENEWAL_TIME, leaseSeconds / 2);
            o.int32(OptionCodes.REBINDING_TIME, (int) (leaseSeconds * 7L / 8));
        }
        String file = bootFile(req, host, sub);
        hostOptions(o, req, seg, host, file);
        int siaddr = siaddr(seg, host);
        // INFORM: the client has its address; nothing about one in the reply (RFC 2131 4.3.5).
        DhcpMessage m = new DhcpMessage(DhcpMessage.BOOTREPLY, req.htype(), 0, req.xid(), 0, req.flags(),
                type == MessageType.ACK && ip == 0 ? req.ciaddr() : 0, ip, siaddr, req.giaddr(), req.chaddr(),
                s.serverName(), file, true, 0, o.build());
        int dst;
        int port;
        if (req.giaddr() != 0) {
            dst = req.giaddr();
            port = s.relayPort();
        } else if (req.ciaddr() != 0) {
            dst = req.ciaddr();
            port = s.clientPort();
        } else {
            dst = broadcast(seg);
            port = s.clientPort();
        }
        return new Decision.Reply(m, dst, port, lease, delay, maxLength(req), maxLength(req),
                new Decision.Summary(type.name(), req.clientText(), ip, architecture(req), file, note));
    }

    private Decision bootp(DhcpMessage req, int length, Segment seg, Optional<StaticHost> host) {
        if (host.isEmpty()) {
            return new Decision.Ignore("BOOTP request from an unknown client", false);
        }
        StaticHost h = host.get();
        if (!onSegment(seg, h)) {
            return new Decision.Ignore(h.hostname() + " is " + Ipv4.text(h.ip()) + ", not on " + seg.subnet(), true);
        }
        DhcpOptions.Builder o = DhcpOptions.builder();
        String file = bootFile(req, host, seg.subnet());
        hostOptions(o, req, seg, host, file);
        DhcpMessage m = new DhcpMessage(DhcpMessage.BOOTREPLY, req.htype(), 0, req.xid(), 0, req.flags(), req.ciaddr(),
                h.ip(), siaddr(seg, host), req.giaddr(), req.chaddr(), s.serverName(), file, true, 0, o.build());
        int dst = req.giaddr() != 0 ? req.giaddr() : req.ciaddr() != 0 ? req.ciaddr() : broadcast(seg);
        int port = req.giaddr() != 0 ? s.relayPort() : s.clientPort();
        // Options past the 64-byte vendor area: either a longer reply (RFC 1542 allows it; klibc ipconfig sends a
        // 236-byte request, ignores option 52 and reads a longer reply), or option 52 first, for clients with a
        // 300-byte buffer; then only as long as the request was, and only past that grown.
        int preferred = s.bootpOverload() ? Math.min(DhcpCodec.DEFAULT_MAX, Math.max(DhcpCodec.BOOTP_LENGTH, length))
                : DhcpCodec.DEFAULT_MAX;
        return new Decision.Reply(m, dst, port, null, 0, preferred, DhcpCodec.DEFAULT_MAX,
                new Decision.Summary("BOOTREPLY", req.clientText(), h.ip(), architecture(req), file, ""));
    }

    // ---------------------------------------------------------------- proxyDHCP

    private Decision proxy(DhcpMessage req, Segment seg, Optional<StaticHost> host, int sourceIp, int sourcePort,
                           boolean pxePort) {
        if (!isPxe(req)) {
            return new Decision.Ignore("proxyDHCP answers PXE clients only", false);
        }
        MessageType type = req.messageType().orElse(null);
        boolean discover = type == MessageType.DISCOVER && !pxePort;
        boolean request = (type == MessageType.REQUEST || type == MessageType.INFORM) && pxePort;
        if (!discover && !request) {
            return new Decision.Ignore("proxyDHCP: " + type + " on port " + (pxePort ? 4011 : 67), false);
        }
        String file = bootFile(req, host, seg.subnet());
        if (file.isEmpty()) {
            return new Decision.Ignore("proxyDHCP: no boot file for " + architecture(req), true);
        }
        DhcpOptions.Builder o = DhcpOptions.builder();
        o.uint8(OptionCodes.MESSAGE_TYPE, discover ? MessageType.OFFER.code() : MessageType.ACK.code());
        o.int32(OptionCodes.SERVER_ID, seg.serverId());
        pxeOptions(o, req);
        DhcpMessage m = new DhcpMessage(DhcpMessage.BOOTREPLY, req.htype(), 0, req.xid(), 0, req.flags(), req.ciaddr(), 0,
                siaddr(seg, host), req.giaddr(), req.chaddr(), s.serverName(), file, true, 0, o.build());
        int dst;
        int port;
        if (request) { // to the boot server port the client asked from
            dst = req.ciaddr() != 0 ? req.ciaddr() : sourceIp;
            port = sourcePort;
        } else if (req.giaddr() != 0) {
            dst = req.giaddr();
            port = s.relayPort();
        } else {
            dst = broadcast(seg);
            port = s.clientPort();
        }
        return new Decision.Reply(m, dst, port, null, 0, maxLength(req), maxLength(req),
                new Decision.Summary(discover ? "OFFER" : "ACK", req.clientText(), 0, architecture(req), file, "proxyDHCP"));
    }

    // ---------------------------------------------------------------- options

    private void hostOptions(DhcpOptions.Builder o, DhcpMessage req, Segment seg, Optional<StaticHost> host, String file) {
        Subnet sub = seg.subnet();
        Optional<BootptabEntry> facts = host.flatMap(StaticHost::facts);
        int mask = facts.flatMap(BootptabEntry::subnetMask).map(Ipv4::of).orElse(sub.mask());
        o.int32(OptionCodes.SUBNET_MASK, mask);
        List<Integer> routers = facts.map(f -> f.gateways().stream().filter(a -> a.getAddress().length == 4).map(Ipv4::of)
                .toList()).filter(l -> !l.isEmpty()).orElse(sub.routers());
        if (!routers.isEmpty()) {
            o.ips(OptionCodes.ROUTER, routers);
        }
        List<Integer> dns = facts.map(f -> f.domainServers().stream().filter(a -> a.getAddress().length == 4)
                .map(Ipv4::of).toList()).filter(l -> !l.isEmpty()).orElse(sub.dns());
        if (!dns.isEmpty()) {
            o.ips(OptionCodes.DNS, dns);
        }
        boolean askedName = asked(req, OptionCodes.HOST_NAME);
        if (host.isPresent() && (facts.map(BootptabEntry::sendHostName).orElse(false) || askedName)) {
            o.text(OptionCodes.HOST_NAME, host.get().hostname());
        }
        if (!sub.domain().isEmpty()) {
            o.text(OptionCodes.DOMAIN_NAME, sub.domain());
        }
        String rootPath = facts.flatMap(BootptabEntry::rootPath).orElse(sub.rootPath());
        if (!rootPath.isEmpty()) {
            o.text(OptionCodes.ROOT_PATH, rootPath);
        }
        facts.ifPresent(f -> f.genericTags().forEach((code, value) -> {
            if (code > 0 && code < 255 && !o.has(code)) {
                o.put(code, tagValue(value));
            }
        }));
        if (isPxe(req)) {
            pxeOptions(o, req);
        }
        if (!file.isEmpty() && asked(req, OptionCodes.BOOTFILE_NAME)) {
            o.text(OptionCodes.BOOTFILE_NAME, file);
        }
    }

    /** PXE clients want "PXEClient" back, and option 43 telling them to boot the file named here, no menu. */
    private static void pxeOptions(DhcpOptions.Builder o, DhcpMessage req) {
        o.text(OptionCodes.VENDOR_CLASS, "PXEClient");
        // PXE 2.1 vendor option 6 (discovery control) = 8: take the boot file from this reply.
        o.put(OptionCodes.VENDOR_SPECIFIC, new byte[] {6, 1, 8, (byte) 255});
        req.options().get(OptionCodes.CLIENT_UUID).ifPresent(uuid -> o.put(OptionCodes.CLIENT_UUID, uuid));
    }

    /**
     * bootptab(5) generic tags: a quoted string is text; otherwise hex bytes ({@code 0a630001}, with an optional
     * {@code 0x} and {@code .} or {@code :} between bytes); anything else is taken as text.
     */
    static byte[] tagValue(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).getBytes(StandardCharsets.ISO_8859_1);
        }
        String hex = (v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v).replace(":", "").replace(".", "");
        if (!hex.isEmpty() && hex.length() % 2 == 0) {
            try {
                return HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                // not hex after all: text
            }
        }
        return v.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String bootFile(DhcpMessage req, Optional<StaticHost> host, Subnet sub) {
        if (isIpxe(req) && !s.ipxeBootFile().isEmpty()) {
            return limit(s.ipxeBootFile());
        }
        Optional<BootptabEntry> facts = host.flatMap(StaticHost::facts);
        Optional<String> bf = facts.flatMap(BootptabEntry::bootFile);
        if (bf.isPresent()) {
            String hd = facts.flatMap(BootptabEntry::homeDirectory).orElse("");
            return limit(hd.isEmpty() ? bf.get() : hd.replaceAll("/+$", "") + "/" + bf.get());
        }
        for (int arch : req.options().clientArchitectures()) {
            String f = s.archBootFiles().get(arch);
            if (f != null) {
                return limit(f);
            }
        }
        if (!sub.bootFile().isEmpty()) {
            return limit(sub.bootFile());
        }
        return limit(s.defaultBootFile());
    }

    private static String limit(String file) {
        return file.length() > 127 ? file.substring(0, 127) : file;
    }

    private int siaddr(Segment seg, Optional<StaticHost> host) {
        Optional<Integer> sa = host.flatMap(StaticHost::facts).flatMap(BootptabEntry::serverAddress)
                .filter(a -> a.getAddress().length == 4).map(Ipv4::of);
        if (sa.isPresent()) {
            return sa.get();
        }
        if (seg.subnet().nextServer() != 0) {
            return seg.subnet().nextServer();
        }
        return s.nextServer() != 0 ? s.nextServer() : seg.serverId();
    }

    private int broadcast(Segment seg) {
        if (s.broadcast() != 0) {
            return s.broadcast();
        }
        return seg.relayed() ? Ipv4.BROADCAST : seg.subnet().broadcastAddress();
    }

    private static int maxLength(DhcpMessage req) {
        OptionalInt max = req.options().uint16(OptionCodes.MAX_MESSAGE_SIZE);
        // option 57 counts the IP and UDP headers; below 576 is not allowed, and we never go past 1500
        return max.isPresent() ? Math.min(1500, Math.max(576, max.getAsInt())) - 28 : DhcpCodec.DEFAULT_MAX;
    }

    private static boolean asked(DhcpMessage req, int code) {
        Optional<byte[]> prl = req.options().get(OptionCodes.PARAMETER_REQUEST_LIST);
        if (prl.isEmpty()) {
            return false;
        }
        for (byte b : prl.get()) {
            if ((b & 0xFF) == code) {
                return true;
            }
        }
        return false;
    }

    static boolean isPxe(DhcpMessage req) {
        return req.options().text(OptionCodes.VENDOR_CLASS).map(v -> v.startsWith("PXEClient")).orElse(false);
    }

    /** iPXE says so with user class "iPXE" (option 77) and with its own option 175. */
    static boolean isIpxe(DhcpMessage req) {
        return req.options().has(OptionCodes.IPXE_ENCAPSULATED) || req.options().userClasses().contains("iPXE");
    }

    static String architecture(DhcpMessage req) {
        List<Integer> a = req.options().clientArchitectures();
        return a.isEmpty() ? "" : Architectures.name(a.get(0));
    }

    /** Option 61 when the client sent one, else hardware type and address: the key of its lease. */
    static String clientId(DhcpMessage req) {
        Optional<byte[]> id = req.options().get(OptionCodes.CLIENT_ID);
        if (id.isPresent()) {
            return HexFormat.of().formatHex(id.get());
        }
        byte[] chaddr = req.chaddr();
        byte[] key = new byte[chaddr.length + 1];
        key[0] = (byte) req.htype();
        System.arraycopy(chaddr, 0, key, 1, chaddr.length);
        return HexFormat.of().formatHex(key);
    }
}
