package net.diskless.api.names;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import net.diskless.api.MacAddress;

/**
 * A bootptab(5) entry with its {@code tc=} templates already applied: the tags by their two-letter
 * names, values unquoted. Boolean tags ({@code hn}) have the value {@code ""}. Typed accessors parse
 * the common tags; {@link #tags()} keeps everything, generic {@code T<n>} tags included.
 */
public record BootptabEntry(String name, Map<String, String> tags) {

    public BootptabEntry {
        Objects.requireNonNull(name, "name");
        tags = Map.copyOf(tags);
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }

    public boolean flag(String key) {
        return tags.containsKey(key);
    }

    /** {@code ha}: the hardware address. */
    public Optional<MacAddress> hardwareAddress() {
        return tag("ha").map(v -> MacAddress.parse(v.startsWith("0x") ? v.substring(2) : v));
    }

    /** {@code ip}: the client's address. */
    public Optional<InetAddress> ip() {
        return tag("ip").flatMap(BootptabEntry::address);
    }

    /** {@code sm}: subnet mask. */
    public Optional<InetAddress> subnetMask() {
        return tag("sm").flatMap(BootptabEntry::address);
    }

    /** {@code gw}: routers, in order. */
    public List<InetAddress> gateways() {
        return addresses("gw");
    }

    /** {@code ds}: domain name servers. */
    public List<InetAddress> domainServers() {
        return addresses("ds");
    }

    /** {@code sa}: the TFTP server address ({@code next-server}, BOOTP {@code siaddr}). */
    public Optional<InetAddress> serverAddress() {
        return tag("sa").flatMap(BootptabEntry::address);
    }

    /** {@code rp}: root path (option 17). */
    public Optional<String> rootPath() {
        return tag("rp");
    }

    /** {@code bf}: boot file. */
    public Optional<String> bootFile() {
        return tag("bf");
    }

    /** {@code hd}: home directory the boot file is relative to. */
    public Optional<String> homeDirectory() {
        return tag("hd");
    }

    /** {@code hn}: send the host name (option 12). */
    public boolean sendHostName() {
        return flag("hn");
    }

    /** {@code ht}: hardware type; {@code 1} / {@code ethernet} / {@code ether} is Ethernet. */
    public Optional<String> hardwareType() {
        return tag("ht");
    }

    /** {@code vm}: vendor magic, {@code rfc1048} or {@code cmu} or {@code auto}. */
    public Optional<String> vendorMagic() {
        return tag("vm");
    }

    /** The generic tags {@code T<n>} by option number, values as written. */
    public Map<Integer, String> genericTags() {
        Map<Integer, String> generic = new TreeMap<>();
        tags.forEach((k, v) -> {
            if (k.length() > 1 && k.charAt(0) == 'T' && k.substring(1).chars().allMatch(Character::isDigit)
                    && k.length() <= 4) {
                generic.put(Integer.parseInt(k.substring(1)), v);
            }
        });
        return generic;
    }

    private List<InetAddress> addresses(String key) {
        List<InetAddress> out = new ArrayList<>();
        tag(key).ifPresent(v -> Arrays.stream(v.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .map(BootptabEntry::address)
                .flatMap(Optional::stream)
                .forEach(out::add));
        return out;
    }

    /** Parses a literal IPv4/IPv6 address without ever asking DNS. */
    static Optional<InetAddress> address(String literal) {
        String s = literal.trim();
        // ASCII hex digits, dots and colons only, starting with a hex digit or ':': InetAddress treats exactly
        // such text as a literal, so nothing below can turn into a name lookup.
        if (s.isEmpty() || !s.chars().allMatch(c -> isAsciiHex(c) || c == '.' || c == ':')
                || !(isAsciiHex(s.charAt(0)) || s.charAt(0) == ':')) {
            return Optional.empty();
        }
        try {
            if (s.indexOf(':') < 0) {
                String[] octets = s.split("\\.", -1);
                if (octets.length != 4) {
                    return Optional.empty();
                }
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    if (octets[i].isEmpty() || octets[i].length() > 3 || !octets[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                        return Optional.empty();
                    }
                    int v = Integer.parseInt(octets[i]);
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            return Optional.of(InetAddress.getByName(s)); // a literal with ':' never triggers a lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isAsciiHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
