package net.diskless.nfs.internal.exports;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/** Who may mount an export: a host (address or name), a network, or everyone (no hosts on the line). */
public sealed interface ClientSpec {

    boolean matches(InetAddress client, Function<String, List<InetAddress>> resolver);

    record Everyone() implements ClientSpec {
        @Override
        public boolean matches(InetAddress client, Function<String, List<InetAddress>> resolver) {
            return true;
        }

        @Override
        public String toString() {
            return "(everyone)";
        }
    }

    record Address(InetAddress address) implements ClientSpec {
        @Override
        public boolean matches(InetAddress client, Function<String, List<InetAddress>> resolver) {
            return address.equals(client);
        }

        @Override
        public String toString() {
            return address.getHostAddress();
        }
    }

    /** A host name, resolved when a client asks (through the directory's hosts map first). */
    record Named(String name) implements ClientSpec {
        @Override
        public boolean matches(InetAddress client, Function<String, List<InetAddress>> resolver) {
            return resolver.apply(name).contains(client);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Network(InetAddress network, int prefix) implements ClientSpec {
        public Network {
            byte[] n = network.getAddress();
            if (prefix < 0 || prefix > n.length * 8) {
                throw new IllegalArgumentException("prefix /" + prefix);
            }
        }

        @Override
        public boolean matches(InetAddress client, Function<String, List<InetAddress>> resolver) {
            byte[] n = network.getAddress();
            byte[] c = client.getAddress();
            if (n.length != c.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit & 7);
                if ((n[bit >>> 3] & mask) != (c[bit >>> 3] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefix;
        }
    }
}
