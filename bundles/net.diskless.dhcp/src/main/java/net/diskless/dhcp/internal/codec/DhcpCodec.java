package net.diskless.dhcp.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BOOTP/DHCP messages to and from bytes: RFC 951 and RFC 1542 (header, 64-byte vendor area, at least 300
 * bytes on the wire), RFC 2131 / 2132 (magic cookie, options, option overload into {@code file} and
 * {@code sname}) and RFC 3396 (long options split into several). Pure: no I/O, no state.
 */
public final class DhcpCodec {

    /** op, htype, hlen, hops, xid, secs, flags, four addresses, chaddr, sname, file. */
    public static final int HEADER = 236;
    public static final int COOKIE = 0x63825363;
    /** A BOOTP message: header, cookie and the 60 bytes left of RFC 951's 64-byte vendor area. */
    public static final int BOOTP_LENGTH = 300;
    /** What every host must accept (RFC 2131: 576-byte IP datagram) minus IP and UDP headers. */
    public static final int DEFAULT_MAX = 576 - 28;
    static final int SNAME_OFFSET = 44;
    static final int SNAME_LENGTH = 64;
    static final int FILE_OFFSET = 108;
    static final int FILE_LENGTH = 128;
    static final int OPTIONS_OFFSET = 240;

    private DhcpCodec() {
    }

    /** Decodes one datagram's payload; the exception's message is the reason it was refused. */
    public static DhcpMessage decode(byte[] b, int length) throws MalformedMessageException {
        if (length < HEADER) {
            throw new MalformedMessageException("truncated: " + length + " bytes, a BOOTP header needs " + HEADER);
        }
        int op = b[0] & 0xFF;
        if (op != DhcpMessage.BOOTREQUEST && op != DhcpMessage.BOOTREPLY) {
            throw new MalformedMessageException("op " + op + " is neither BOOTREQUEST nor BOOTREPLY");
        }
        int htype = b[1] & 0xFF;
        int hlen = b[2] & 0xFF;
        if (hlen > 16) {
            throw new MalformedMessageException("hardware address length " + hlen + " > 16");
        }
        int hops = b[3] & 0xFF;
        int xid = Ipv4.read(b, 4);
        int secs = ((b[8] & 0xFF) << 8) | (b[9] & 0xFF);
        int flags = ((b[10] & 0xFF) << 8) | (b[11] & 0xFF);
        byte[] chaddr = java.util.Arrays.copyOfRange(b, 28, 28 + hlen);
        boolean rfc1048 = length >= OPTIONS_OFFSET && Ipv4.read(b, HEADER) == COOKIE;
        DhcpOptions.Builder options = DhcpOptions.builder();
        int overload = 0;
        if (rfc1048) {
            parseOptions(b, OPTIONS_OFFSET, length, options, "options");
            DhcpOptions main = options.build();
            if (main.has(OptionCodes.OVERLOAD)) {
                byte[] v = main.raw(OptionCodes.OVERLOAD);
                if (v.length != 1 || v[0] < 1 || v[0] > 3) {
                    throw new MalformedMessageException("option 52 (overload) must be one byte 1..3, is "
                            + java.util.HexFormat.of().formatHex(v, 0, Math.min(8, v.length)));
                }
                overload = v[0];
                // RFC 2131 4.1: the file field is read first, then sname.
                if ((overload & 1) != 0) {
                    parseOptions(b, FILE_OFFSET, FILE_OFFSET + FILE_LENGTH, options, "file field");
                }
                if ((overload & 2) != 0) {
                    parseOptions(b, SNAME_OFFSET, SNAME_OFFSET + SNAME_LENGTH, options, "sname field");
                }
            }
        }
        DhcpOptions all = options.build();
        validate(all);
        String sname = (overload & 2) != 0 ? "" : text(b, SNAME_OFFSET, SNAME_LENGTH);
        String file = (overload & 1) != 0 ? "" : text(b, FILE_OFFSET, FILE_LENGTH);
        return new DhcpMessage(op, htype, hops, xid, secs, flags, Ipv4.read(b, 12), Ipv4.read(b, 16), Ipv4.read(b, 20),
                Ipv4.read(b, 24), chaddr, sname, file, rfc1048, overload, all);
    }

    public static DhcpMessage decode(byte[] b) throws MalformedMessageException {
        return decode(b, b.length);
    }

    private static void parseOptions(byte[] b, int start, int end, DhcpOptions.Builder into, String where)
            throws MalformedMessageException {
        int i = start;
        while (i < end) {
            int code = b[i] & 0xFF;
            if (code == OptionCodes.PAD) {
                i++;
                continue;
            }
            if (code == OptionCodes.END) {
                return;
            }
            if (i + 1 >= end) {
                throw new MalformedMessageException("option " + code + " in the " + where + " has no length byte");
            }
            int len = b[i + 1] & 0xFF;
            if (i + 2 + len > end) {
                throw new MalformedMessageException("option " + code + " in the " + where + " has length " + len
                        + " but only " + (end - i - 2) + " bytes follow");
            }
            if (code == OptionCodes.OVERLOAD && !"options".equals(where)) {
                throw new MalformedMessageException("option 52 (overload) inside the " + where);
            }
            into.append(code, b, i + 2, len);
            i += 2 + len;
        }
        // No END option: tolerated when the area ends on an option boundary, as clients in the wild do.
    }

    private static void validate(DhcpOptions o) throws MalformedMessageException {
        for (int code : o.codes()) {
            int n = o.raw(code).length;
            String problem = switch (code) {
                case OptionCodes.SUBNET_MASK, OptionCodes.REQUESTED_IP, OptionCodes.SERVER_ID, OptionCodes.LEASE_TIME,
                     OptionCodes.RENEWAL_TIME, OptionCodes.REBINDING_TIME, OptionCodes.SUBNET_SELECTION ->
                        n == 4 ? null : "must be 4";
                case OptionCodes.MESSAGE_TYPE, OptionCodes.OVERLOAD -> n == 1 ? null : "must be 1";
                case OptionCodes.MAX_MESSAGE_SIZE -> n == 2 ? null : "must be 2";
                case OptionCodes.CLIENT_ID -> n >= 2 ? null : "must be at least 2";
                case OptionCodes.CLIENT_ARCH -> n >= 2 && n % 2 == 0 ? null : "must be a positive multiple of 2";
                case OptionCodes.CLIENT_NDI -> n == 3 ? null : "must be 3";
                case OptionCodes.CLIENT_UUID -> n == 17 ? null : "must be 17";
                case OptionCodes.PARAMETER_REQUEST_LIST, OptionCodes.HOST_NAME, OptionCodes.VENDOR_CLASS,
                     OptionCodes.USER_CLASS -> n >= 1 ? null : "must be at least 1";
                default -> null;
            };
            if (problem != null) {
                throw new MalformedMessageException("option " + code + " has length " + n + ", " + problem
                        + (n > 1 && (code == OptionCodes.MESSAGE_TYPE) ? " (repeated?)" : ""));
            }
        }
    }

    private static String text(byte[] b, int offset, int max) {
        int n = 0;
        while (n < max && b[offset + n] != 0) {
            n++;
        }
        return new String(b, offset, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes of a message, and the options that did not fit anywhere (the caller logs them: a reply must
     * never lose an option silently).
     *
     * @param overload the option 52 value written (0: none)
     */
    public record Encoded(byte[] bytes, int overload, List<Integer> dropped) {
    }

    /**
     * Encodes {@code m} (always with the RFC 1048 cookie). Options go into the options area while the message
     * stays within {@code preferredLength}; what does not fit moves, whole, into {@code file} and then
     * {@code sname} when those are empty (option 52, RFC 2131 4.1). Only if that is not enough does the
     * options area grow, up to {@code maxLength} (RFC 1542 allows BOOTP replies longer than 300 bytes; DHCP
     * clients tell theirs in option 57). Options longer than 255 bytes are split (RFC 3396). The message is
     * padded to at least 300 bytes, which RFC 1542 relays and old clients expect.
     */
    public static Encoded encode(DhcpMessage m, int preferredLength, int maxLength) {
        byte[] snameBytes = m.sname().getBytes(StandardCharsets.ISO_8859_1);
        byte[] fileBytes = m.file().getBytes(StandardCharsets.ISO_8859_1);
        if (snameBytes.length >= SNAME_LENGTH || fileBytes.length >= FILE_LENGTH) {
            throw new IllegalArgumentException("sname must be < 64 and file < 128 bytes");
        }
        List<byte[]> items = items(m.options());
        int preferred = Math.max(BOOTP_LENGTH, preferredLength);
        int max = Math.max(preferred, maxLength);
        Layout layout = layout(items, preferred - OPTIONS_OFFSET, snameBytes.length == 0, fileBytes.length == 0);
        if (!layout.left.isEmpty() && max > preferred) {
            layout = layout(items, max - OPTIONS_OFFSET, snameBytes.length == 0, fileBytes.length == 0);
        }
        int mainUsed = layout.main.stream().mapToInt(x -> x.length).sum() + (layout.overload != 0 ? 3 : 0) + 1;
        byte[] out = new byte[Math.max(BOOTP_LENGTH, OPTIONS_OFFSET + mainUsed)];
        out[0] = (byte) m.op();
        out[1] = (byte) m.htype();
        out[2] = (byte) m.hlen();
        out[3] = (byte) m.hops();
        Ipv4.write(out, 4, m.xid());
        out[8] = (byte) (m.secs() >>> 8);
        out[9] = (byte) m.secs();
        out[10] = (byte) (m.flags() >>> 8);
        out[11] = (byte) m.flags();
        Ipv4.write(out, 12, m.ciaddr());
        Ipv4.write(out, 16, m.yiaddr());
        Ipv4.write(out, 20, m.siaddr());
        Ipv4.write(out, 24, m.giaddr());
        System.arraycopy(m.chaddr(), 0, out, 28, m.hlen());
        Ipv4.write(out, HEADER, COOKIE);
        int i = OPTIONS_OFFSET;
        if (layout.overload != 0) {
            out[i++] = (byte) OptionCodes.OVERLOAD;
            out[i++] = 1;
            out[i++] = (byte) layout.overload;
        }
        i = put(out, i, layout.main);
        out[i] = (byte) OptionCodes.END;
        if ((layout.overload & 1) != 0) {
            out[put(out, FILE_OFFSET, layout.file)] = (byte) OptionCodes.END;
        } else {
            System.arraycopy(fileBytes, 0, out, FILE_OFFSET, fileBytes.length);
        }
        if ((layout.overload & 2) != 0) {
            out[put(out, SNAME_OFFSET, layout.sname)] = (byte) OptionCodes.END;
        } else {
            System.arraycopy(snameBytes, 0, out, SNAME_OFFSET, snameBytes.length);
        }
        List<Integer> dropped = layout.left.stream().map(x -> x[0] & 0xFF).distinct().toList();
        return new Encoded(out, layout.overload, dropped);
    }

    private static int put(byte[] out, int at, List<byte[]> items) {
        for (byte[] item : items) {
            System.arraycopy(item, 0, out, at, item.length);
            at += item.length;
        }
        return at;
    }

    /** Each option as code, length, data; values over 255 bytes as several such items. */
    static List<byte[]> items(DhcpOptions options) {
        List<byte[]> items = new ArrayList<>();
        for (Map.Entry<Integer, byte[]> e : options.asMap().entrySet()) {
            int code = e.getKey();
            if (code == OptionCodes.OVERLOAD) {
                continue; // ours to write
            }
            byte[] v = e.getValue();
            int off = 0;
            do {
                int n = Math.min(255, v.length - off);
                byte[] item = new byte[2 + n];
                item[0] = (byte) code;
                item[1] = (byte) n;
                System.arraycopy(v, off, item, 2, n);
                items.add(item);
                off += n;
            } while (off < v.length);
        }
        return items;
    }

    private record Layout(List<byte[]> main, List<byte[]> file, List<byte[]> sname, int overload, List<byte[]> left) {
    }

    /** First fit, in order, of whole items: the options area (room for END), then file, then sname. */
    private static Layout layout(List<byte[]> items, int mainCapacity, boolean snameFree, boolean fileFree) {
        int total = items.stream().mapToInt(x -> x.length).sum();
        if (total + 1 <= mainCapacity || !(snameFree || fileFree)) {
            List<byte[]> main = new ArrayList<>();
            List<byte[]> left = new ArrayList<>();
            int room = mainCapacity - 1;
            for (byte[] item : items) {
                if (item.length <= room) {
                    main.add(item);
                    room -= item.length;
                } else {
                    left.add(item);
                }
            }
            return new Layout(main, List.of(), List.of(), 0, left);
        }
        int[] room = {mainCapacity - 1 - 3, fileFree ? FILE_LENGTH - 1 : -1, snameFree ? SNAME_LENGTH - 1 : -1};
        List<List<byte[]>> areas = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<byte[]> left = new ArrayList<>();
        for (byte[] item : items) {
            boolean placed = false;
            for (int a = 0; a < 3 && !placed; a++) {
                if (item.length <= room[a]) {
                    areas.get(a).add(item);
                    room[a] -= item.length;
                    placed = true;
                }
            }
            if (!placed) {
                left.add(item);
            }
        }
        int overload = (areas.get(1).isEmpty() ? 0 : 1) | (areas.get(2).isEmpty() ? 0 : 2);
        if (overload == 0) { // nothing moved after all: give the option 52 room back
            return layout(items, mainCapacity, false, false);
        }
        return new Layout(areas.get(0), areas.get(1), areas.get(2), overload, left);
    }
}
