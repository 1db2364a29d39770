package net.diskless.dhcp.internal.codec;

import java.util.Arrays;

/** Hand-built request bytes, the way a client lays them out, independent of the encoder under test. */
final class Requests {

    private Requests() {
    }

    static final byte[] MAC = {0x52, 0x54, 0x00, (byte) 0xaa, (byte) 0xbb, 0x01};

    /** A 300-byte BOOTREQUEST header for {@link #MAC}; {@code vendor} is copied from offset 236. */
    static byte[] request(int xid, byte[] vendor) {
        byte[] b = new byte[Math.max(300, 236 + vendor.length)];
        b[0] = 1;
        b[1] = 1;
        b[2] = 6;
        Ipv4.write(b, 4, xid);
        System.arraycopy(MAC, 0, b, 28, 6);
        System.arraycopy(vendor, 0, b, 236, vendor.length);
        return b;
    }

    /** Cookie followed by {@code options} (already TLV-encoded, END included if wanted). */
    static byte[] vendor(int... options) {
        byte[] v = new byte[4 + options.length];
        Ipv4.write(v, 0, DhcpCodec.COOKIE);
        for (int i = 0; i < options.length; i++) {
            v[4 + i] = (byte) options[i];
        }
        return v;
    }

    static byte[] discover() {
        return request(0x1234, vendor(53, 1, 1, 55, 3, 1, 3, 17, 255));
    }

    static byte[] cut(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }
}
