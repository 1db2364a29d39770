package net.diskless.overrides.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.api.overrides.OverrideClient;

/**
 * What selects a client's layers, from the directory: host name (hosts), then its bootptab entry (subnet
 * mask {@code sm} for the broadcast address, the class tag, root path {@code rp}) and its bootparams
 * ({@code root}, which wins over {@code rp} as it is what the client mounts).
 *
 * @param classTag      the bootptab tag whose value names the client's class ({@code ""}: no classes)
 * @param defaultPrefix the prefix length of a client without a subnet mask
 */
record ClientFacts(String classTag, int defaultPrefix) {

    OverrideClient describe(InetAddress ip, Directory directory) {
        Optional<String> host = directory == null ? Optional.empty()
                : directory.hostByAddress(ip).optional().map(HostEntry::canonicalName);
        Optional<BootptabEntry> bootptab = host.flatMap(h -> directory.bootptabByName(h).optional());
        int prefix = bootptab.flatMap(BootptabEntry::subnetMask).map(ClientFacts::prefixOf).orElse(defaultPrefix);
        String clientClass = classTag.isEmpty() ? "" : bootptab.flatMap(b -> b.tag(classTag)).map(ClientFacts::unquote).orElse("");
        Optional<String> root = host.flatMap(h -> directory.bootparams(h).optional())
                .flatMap(b -> b.get("root")).flatMap(BootParam::path)
                .or(() -> bootptab.flatMap(BootptabEntry::rootPath).map(ClientFacts::pathOf));
        return new OverrideClient(ip, broadcast(ip, prefix), clientClass, root.orElse(""));
    }

    static InetAddress broadcast(InetAddress ip, int prefix) {
        if (!(ip instanceof Inet4Address)) {
            return ip; // IPv6 has no broadcast: the machine layer serves, the broadcast layer never matches
        }
        byte[] a = ip.getAddress();
        int value = ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        int host = prefix >= 32 ? 0 : (int) (0xffffffffL >>> prefix);
        int b = value | host;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** A contiguous mask's prefix length; a non-contiguous one counts its leading ones. */
    static int prefixOf(InetAddress mask) {
        int n = 0;
        for (byte b : mask.getAddress()) {
            for (int bit = 7; bit >= 0; bit--) {
                if ((b >> bit & 1) == 0) {
                    return n;
                }
                n++;
            }
        }
        return n;
    }

    /** {@code server:/path} or {@code /path} → {@code /path}. */
    static String pathOf(String rootPath) {
        String p = unquote(rootPath);
        int colon = p.indexOf(':');
        return colon >= 0 && !p.startsWith("/") ? p.substring(colon + 1) : p;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

}
