package net.diskless.dhcp.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The options of one message, in the order they appeared (or will be written), one value per code. An
 * option that occurs several times has its values concatenated (RFC 3396), which is also how a hostile
 * duplicate of a one-byte option shows up: as a wrong length, which {@link DhcpCodec} rejects.
 */
public final class DhcpOptions {

    public static final DhcpOptions EMPTY = new DhcpOptions(Map.of());

    private final Map<Integer, byte[]> values;

    private DhcpOptions(Map<Integer, byte[]> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<Integer> codes() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    public Optional<byte[]> get(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** The raw value, not copied: for the codec and for reading only. */
    byte[] raw(int code) {
        return values.get(code);
    }

    public Map<Integer, byte[]> asMap() {
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    public int size() {
        return values.size();
    }

    public OptionalInt uint8(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 1 ? OptionalInt.empty() : OptionalInt.of(v[0] & 0xFF);
    }

    public OptionalInt uint16(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 2 ? OptionalInt.empty() : OptionalInt.of(((v[0] & 0xFF) << 8) | (v[1] & 0xFF));
    }

    /** A four-byte value (an address or a 32-bit number). */
    public OptionalInt int32(int code) {
        byte[] v = values.get(code);
        return v == null || v.length != 4 ? OptionalInt.empty() : OptionalInt.of(Ipv4.read(v, 0));
    }

    /** The value as text, NUL-terminated values cut at the NUL (some clients send one). */
    public Optional<String> text(int code) {
        byte[] v = values.get(code);
        if (v == null) {
            return Optional.empty();
        }
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return Optional.of(new String(v, 0, n, StandardCharsets.ISO_8859_1));
    }

    public Optional<MessageType> messageType() {
        OptionalInt t = uint8(OptionCodes.MESSAGE_TYPE);
        return t.isPresent() ? MessageType.of(t.getAsInt()) : Optional.empty();
    }

    /** PXE client system architectures (option 93, RFC 4578): usually one. */
    public List<Integer> clientArchitectures() {
        byte[] v = values.get(OptionCodes.CLIENT_ARCH);
        if (v == null) {
            return List.of();
        }
        Integer[] out = new Integer[v.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((v[2 * i] & 0xFF) << 8) | (v[2 * i + 1] & 0xFF);
        }
        return List.of(out);
    }

    /** User classes (option 77, RFC 3004 length-prefixed; iPXE and others send one plain string). */
    public List<String> userClasses() {
        byte[] v = values.get(OptionCodes.USER_CLASS);
        if (v == null) {
            return List.of();
        }
        // RFC 3004: a list of (length, data). If the lengths do not tile the value exactly, it is a plain string.
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < v.length) {
            int len = v[i] & 0xFF;
            if (len == 0 || i + 1 + len > v.length) {
                return List.of(new String(v, StandardCharsets.ISO_8859_1));
            }
            out.add(new String(v, i + 1, len, StandardCharsets.ISO_8859_1));
            i += 1 + len;
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || other.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            h += e.getKey() ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                .append(java.util.HexFormat.of().formatHex(v, 0, Math.min(v.length, 32))).append(v.length > 32 ? "…" : ""));
        return sb.append('}').toString();
    }

    /** Collects options in order; putting a code again replaces its value in place. */
    public static final class Builder {
        private final Map<Integer, byte[]> values = new LinkedHashMap<>();

        public Builder put(int code, byte[] value) {
            if (code <= OptionCodes.PAD || code >= OptionCodes.END) {
                throw new IllegalArgumentException("option code must be 1..254: " + code);
            }
            values.put(code, value.clone());
            return this;
        }

        /** Appends to the value of {@code code} (RFC 3396 concatenation); used by the decoder. */
        Builder append(int code, byte[] data, int offset, int length) {
            byte[] old = values.get(code);
            byte[] v;
            if (old == null) {
                v = Arrays.copyOfRange(data, offset, offset + length);
            } else {
                v = Arrays.copyOf(old, old.length + length);
                System.arraycopy(data, offset, v, old.length, length);
            }
            values.put(code, v);
            return this;
        }

        public Builder uint8(int code, int value) {
            return put(code, new byte[] {(byte) value});
        }

        public Builder uint16(int code, int value) {
            return put(code, new byte[] {(byte) (value >>> 8), (byte) value});
        }

        public Builder int32(int code, int value) {
            return put(code, Ipv4.bytes(value));
        }

        public Builder ips(int code, List<Integer> ips) {
            byte[] v = new byte[4 * ips.size()];
            for (int i = 0; i < ips.size(); i++) {
                Ipv4.write(v, 4 * i, ips.get(i));
            }
            return put(code, v);
        }

        public Builder text(int code, String value) {
            return put(code, value.getBytes(StandardCharsets.ISO_8859_1));
        }

        public Builder remove(int code) {
            values.remove(code);
            return this;
        }

        public boolean has(int code) {
            return values.containsKey(code);
        }

        public DhcpOptions build() {
            Map<Integer, byte[]> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, v.clone()));
            return new DhcpOptions(Collections.unmodifiableMap(copy));
        }
    }
}
