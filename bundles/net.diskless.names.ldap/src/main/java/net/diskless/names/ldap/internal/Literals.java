package net.diskless.names.ldap.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Addresses and names as they come out of a directory, checked strictly and never resolved through DNS. */
final class Literals {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private Literals() {
    }

    static boolean isHostName(String s) {
        return s != null && HOST_NAME.matcher(s).matches();
    }

    /** An IPv4 dotted quad or an IPv6 literal (no zone), else null. Only literals reach InetAddress: no DNS. */
    static InetAddress address(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !(s.indexOf(':') >= 0 && IPV6.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
