package net.diskless.names.nis.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;

/**
 * The values of the NIS maps, which are the source files' lines ({@code ypmake} stores the whole line as the
 * value): ethers(5) {@code MAC host}, hosts(5) {@code address name aliases}, and bootparams(5) parameters
 * (with or without the client's name in front, as Sun's and Linux's Makefiles differ). Pure: no I/O. The same
 * rules as the files source: {@code #} comments, names {@code [A-Za-z0-9._-]}, addresses as literals only.
 */
final class NisMaps {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    private static final Set<String> FILE_KEYS = Set.of("root", "swap", "dump");

    private NisMaps() {
    }

    /** The keys a MAC may be stored under: Sun's {@code 8:0:20:1:2:3} first, then the zero-padded form. */
    static List<String> macKeys(MacAddress mac) {
        byte[] b = mac.toBytes();
        StringBuilder unpadded = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            unpadded.append(i > 0 ? ":" : "").append(Integer.toHexString(b[i] & 0xff));
        }
        String padded = mac.toString();
        return padded.contentEquals(unpadded) ? List.of(padded) : List.of(unpadded.toString(), padded);
    }

    static Optional<EthersEntry> ethers(String value) {
        List<String> f = fields(value);
        if (f.size() < 2 || !HOST_NAME.matcher(f.get(1)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EthersEntry(MacAddress.parse(f.get(0)), f.get(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<HostEntry> hosts(String value) {
        List<String> f = fields(value);
        if (f.size() < 2) {
            return Optional.empty();
        }
        InetAddress address = address(f.get(0));
        if (address == null || !HOST_NAME.matcher(f.get(1)).matches()) {
            return Optional.empty();
        }
        List<String> aliases = f.subList(2, f.size()).stream().filter(a -> HOST_NAME.matcher(a).matches()).toList();
        return Optional.of(new HostEntry(f.get(1), aliases, List.of(address)));
    }

    /**
     * A bootparams value. A first word without {@code =} is the client's name (Linux's Makefile keeps it in the
     * value) and is skipped. Bad parameters are left out; the first of a key wins; root, swap and dump need
     * {@code server:path}.
     */
    static Optional<BootParams> bootparams(String client, String value) {
        List<String> f = fields(value);
        if (!f.isEmpty() && f.get(0).indexOf('=') < 0) {
            f = f.subList(1, f.size());
        }
        List<BootParam> params = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String token : f) {
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                continue;
            }
            String key = token.substring(0, eq);
            String v = token.substring(eq + 1);
            if (!HOST_NAME.matcher(key).matches() || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                    || (FILE_KEYS.contains(key) && v.indexOf(':') <= 0) || !keys.add(key)) {
                continue;
            }
            params.add(new BootParam(key, v));
        }
        return Optional.of(new BootParams(client, params));
    }

    /** White-space separated words up to a {@code #}; a trailing NUL (some makedbm -a maps) is dropped. */
    static List<String> fields(String value) {
        String s = value;
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul);
        }
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        s = s.strip();
        return s.isEmpty() ? List.of() : List.of(s.split("[ \t]+"));
    }

    static InetAddress address(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal: never a DNS lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
