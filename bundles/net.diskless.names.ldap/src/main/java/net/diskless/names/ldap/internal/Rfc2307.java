package net.diskless.names.ldap.internal;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;

/**
 * RFC 2307 (and 2307bis, which keeps these classes) entries turned into the directory's records. Pure: no I/O.
 *
 * <ul>
 *   <li>The canonical name is the naming attribute's value in the entry's RDN ({@code cn=client1,ou=hosts,…}), as
 *       nss_ldap reads it; other values are aliases. Without one in the RDN the first value is canonical.</li>
 *   <li>{@code macAddress} may be written {@code 8:0:20:1:2:3} (RFC 2307's form) or any form {@link MacAddress}
 *       reads; unreadable values are skipped.</li>
 *   <li>{@code ipHostNumber}: dotted quads and IPv6 literals; anything else is skipped, nothing is resolved.</li>
 *   <li>{@code bootParameter}: {@code key=server:path} (RFC 2307), {@code key=value} kept as is; values without
 *       {@code =}, with an empty key or value or control characters are skipped; the first of a key wins.</li>
 * </ul>
 */
record Rfc2307(String nameAttribute, String macAttribute, String ipAttribute, String bootParameterAttribute,
               String bootFileAttribute) {

    static final Rfc2307 DEFAULT = new Rfc2307("cn", "macAddress", "ipHostNumber", "bootParameter", "bootFile");

    String[] attributes() {
        return new String[] {nameAttribute, macAttribute, ipAttribute, bootParameterAttribute, bootFileAttribute};
    }

    /** Both spellings a directory may hold a MAC in: RFC 2307's unpadded form and the zero-padded one. */
    static List<String> macSpellings(MacAddress mac) {
        byte[] b = mac.toBytes();
        StringBuilder unpadded = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                unpadded.append(':');
            }
            unpadded.append(Integer.toHexString(b[i] & 0xff));
        }
        String padded = mac.toString();
        return padded.contentEquals(unpadded) ? List.of(padded) : List.of(unpadded.toString(), padded);
    }

    Optional<String> canonicalName(Entry e) {
        List<String> names = names(e);
        try {
            RDN rdn = new DN(e.getDN()).getRDN();
            if (rdn != null) {
                String[] attrs = rdn.getAttributeNames();
                String[] values = rdn.getAttributeValues();
                for (int i = 0; i < attrs.length; i++) {
                    if (attrs[i].equalsIgnoreCase(nameAttribute) && Literals.isHostName(values[i])) {
                        return Optional.of(values[i]);
                    }
                }
            }
        } catch (LDAPException ignored) {
            // a DN the server sent cannot be malformed in practice; fall back to the attribute
        }
        return names.stream().findFirst();
    }

    private List<String> names(Entry e) {
        String[] values = e.getAttributeValues(nameAttribute);
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (Literals.isHostName(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    List<MacAddress> macs(Entry e) {
        String[] values = e.getAttributeValues(macAttribute);
        List<MacAddress> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                try {
                    out.add(MacAddress.parse(v));
                } catch (IllegalArgumentException skipped) {
                    // not an address: the entry's other values may be
                }
            }
        }
        return out;
    }

    List<InetAddress> addresses(Entry e) {
        String[] values = e.getAttributeValues(ipAttribute);
        List<InetAddress> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                InetAddress a = Literals.address(v);
                if (a != null && !out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The ethers entry for {@code mac} (which the entry must hold), or for the entry's first MAC when null. */
    Optional<EthersEntry> ethers(Entry e, MacAddress mac) {
        Optional<String> name = canonicalName(e);
        List<MacAddress> macs = macs(e);
        if (name.isEmpty() || macs.isEmpty()) {
            return Optional.empty();
        }
        if (mac == null) {
            return Optional.of(new EthersEntry(macs.get(0), name.get()));
        }
        return macs.contains(mac) ? Optional.of(new EthersEntry(mac, name.get())) : Optional.empty();
    }

    Optional<HostEntry> host(Entry e) {
        Optional<String> canonical = canonicalName(e);
        List<InetAddress> addresses = addresses(e);
        if (canonical.isEmpty() || addresses.isEmpty()) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        seen.add(canonical.get().toLowerCase(Locale.ROOT));
        List<String> aliases = new ArrayList<>();
        for (String n : names(e)) {
            if (seen.add(n.toLowerCase(Locale.ROOT))) {
                aliases.add(n);
            }
        }
        return Optional.of(new HostEntry(canonical.get(), aliases, addresses));
    }

    /** The entry's boot parameters under the name {@code client} asked for (or the canonical name). */
    Optional<BootParams> bootparams(Entry e, String client) {
        String[] values = e.getAttributeValues(bootParameterAttribute);
        Optional<String> name = canonicalName(e);
        if (values == null || name.isEmpty()) {
            return Optional.empty();
        }
        Map<String, BootParam> params = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1 || Literals.hasControl(v) || v.indexOf(' ') >= 0) {
                continue;
            }
            String key = v.substring(0, eq);
            if (Literals.isHostName(key)) {
                params.putIfAbsent(key, new BootParam(key, v.substring(eq + 1)));
            }
        }
        String as = client != null && name.get().equalsIgnoreCase(client) ? client : name.get();
        return Optional.of(new BootParams(as, List.copyOf(params.values())));
    }

    /**
     * A bootptab entry from a device entry: {@code ha} (the MAC asked for, else the first), {@code ip} (the first
     * IPv4 address), {@code bf} ({@code bootFile}) and {@code hn}. Empty without a MAC or an IPv4 address.
     */
    Optional<BootptabEntry> bootptab(Entry e, MacAddress mac) {
        Optional<String> name = canonicalName(e);
        List<MacAddress> macs = macs(e);
        Optional<InetAddress> ipv4 = addresses(e).stream().filter(Inet4Address.class::isInstance).findFirst();
        if (name.isEmpty() || macs.isEmpty() || ipv4.isEmpty() || (mac != null && !macs.contains(mac))) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("ht", "1");
        tags.put("ha", (mac != null ? mac : macs.get(0)).toString().replace(":", ""));
        tags.put("ip", ipv4.get().getHostAddress());
        tags.put("hn", "");
        String bootFile = e.getAttributeValue(bootFileAttribute);
        if (bootFile != null && !bootFile.isEmpty() && !Literals.hasControl(bootFile)) {
            tags.put("bf", bootFile);
        }
        return Optional.of(new BootptabEntry(name.get(), tags));
    }
}
