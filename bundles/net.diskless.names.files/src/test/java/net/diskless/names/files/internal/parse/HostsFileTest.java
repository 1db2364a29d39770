package net.diskless.names.files.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import net.diskless.api.names.HostEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostsFileTest {

    private static Parsed<HostEntry> parse(String content) {
        return Hostile.parseBounded(HostsFile::parse, "/etc/hosts", content);
    }

    private static List<String> problems(Parsed<?> parsed) {
        return parsed.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsAddressesNamesAliasesAndComments() throws Exception {
        Parsed<HostEntry> parsed = parse("""
                # loopback
                127.0.0.1	localhost loghost   # trailing comment
                ::1             localhost ip6-localhost ip6-loopback

                10.0.0.1 server.example.com server nfs
                10.0.0.2 client1
                fe80::a00:20ff:fe01:203 client1-ll
                """);
        assertEquals(List.of(), parsed.problems());
        List<HostEntry> e = parsed.entries();
        assertEquals(5, e.size());
        assertEquals(new HostEntry("localhost", List.of("loghost"), List.of(InetAddress.getByName("127.0.0.1"))), e.get(0));
        assertEquals("localhost", e.get(1).canonicalName());
        assertEquals(List.of("ip6-localhost", "ip6-loopback"), e.get(1).aliases());
        assertInstanceOf(Inet6Address.class, e.get(1).addresses().get(0));
        assertTrue(e.get(1).addresses().get(0).isLoopbackAddress());
        assertEquals(List.of("server", "nfs"), e.get(2).aliases());
        assertEquals("10.0.0.1", e.get(2).ipv4().orElseThrow().getHostAddress());
        assertEquals(List.of(), e.get(3).aliases());
        assertEquals("fe80:0:0:0:a00:20ff:fe01:203", e.get(4).addresses().get(0).getHostAddress());
    }

    @Test
    void oneEntryPerLineEvenForTheSameName() {
        Parsed<HostEntry> parsed = parse("10.0.0.1 a\n10.0.0.2 a\n10.0.0.1 a\n");
        assertEquals(3, parsed.entries().size());
        assertEquals(List.of(), parsed.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "1:2:3:4:5:6:7:8", "::10.0.0.1",
        "64:ff9b::192.0.2.33"})
    void ipv6Literals(String literal) {
        Parsed<HostEntry> parsed = parse(literal + " h\n");
        assertEquals(List.of(), parsed.problems());
        assertInstanceOf(Inet6Address.class, parsed.entries().get(0).addresses().get(0));
    }

    @Test
    void ipv4MappedIpv6IsReadAsIpv4() {
        Parsed<HostEntry> parsed = parse("::ffff:10.0.0.1 h\n");
        assertInstanceOf(Inet4Address.class, parsed.entries().get(0).addresses().get(0));
    }

    @Test
    void scopedIpv6IsRejected() {
        Parsed<HostEntry> parsed = parse("fe80::1%eth0 h\n");
        assertEquals(List.of(), parsed.entries());
        assertEquals(List.of("/etc/hosts:1: scoped IPv6 address 'fe80::1%eth0' not supported"), problems(parsed));
    }

    /** None of these may reach a resolver: names, shorthands, junk that contains colons. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "256.1.1.1", "1.2.3", "127.1", "0x7f.0.0.1", "1.2.3.4.5",
        "10.0.0.1/24", "1:2:3:4:5:6:7:8:9", ":::", "1::2::3", "fe80::g", ".:", "[::1]", "g::1", "::1.2.3.256",
        "12345::", "::ffff:1.2.3", "::١", "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19"})
    void badAddressesSkipTheLine(String literal) {
        Parsed<HostEntry> parsed = parse(literal + " h\n10.0.0.1 ok\n");
        assertEquals(List.of("ok"), parsed.entries().stream().map(HostEntry::canonicalName).toList());
        assertTrue(problems(parsed).get(0).startsWith("/etc/hosts:1: bad address '"), problems(parsed).get(0));
    }

    @Test
    void leadingZerosAreAmbiguous() {
        Parsed<HostEntry> parsed = parse("010.0.0.1 h\n");
        assertEquals(List.of(), parsed.entries());
        assertEquals(List.of("/etc/hosts:1: ambiguous address '010.0.0.1' (a leading zero means octal to the C library)"),
                problems(parsed));
    }

    @Test
    void missingOrBadNames() {
        Parsed<HostEntry> parsed = parse("10.0.0.1\n10.0.0.2   # comment\n10.0.0.3 bad/name\n10.0.0.4 good bad@alias alias\n");
        assertEquals(1, parsed.entries().size());
        assertEquals(List.of("alias"), parsed.entries().get(0).aliases());
        assertEquals(List.of("/etc/hosts:1: missing host name after '10.0.0.1'",
                "/etc/hosts:2: missing host name after '10.0.0.2'",
                "/etc/hosts:3: bad host name 'bad/name'",
                "/etc/hosts:4: bad alias 'bad@alias' left out"), problems(parsed));
    }

    @Test
    void noContinuationNoQuoting() {
        Parsed<HostEntry> parsed = parse("10.0.0.1 a \\\n10.0.0.2 \"b\"\n10.0.0.3 c \"unterminated\n10.0.0.4 d\\");
        assertEquals(List.of("a", "c"), parsed.entries().stream().map(HostEntry::canonicalName).toList());
        assertEquals(List.of("/etc/hosts:1: bad alias '\\' left out", "/etc/hosts:2: bad host name '\"b\"'",
                "/etc/hosts:3: bad alias '\"unterminated' left out", "/etc/hosts:4: bad host name 'd\\'"), problems(parsed));
    }

    @Test
    void crlfReadsLikeLf() {
        String lf = "127.0.0.1 localhost\n::1 localhost6\nbad x\n10.0.0.1 a b";
        Parsed<HostEntry> unix = parse(lf);
        Parsed<HostEntry> dos = parse(lf.replace("\n", "\r\n"));
        assertEquals(unix.entries(), dos.entries());
        assertEquals(unix.problems(), dos.problems());
        assertEquals(List.of("b"), dos.entries().get(2).aliases());
    }

    @Test
    void binaryJunk() {
        for (long seed = 0; seed < 20; seed++) {
            parse(Hostile.junk(seed, 64 * 1024));
        }
        Parsed<HostEntry> nul = parse("10.0.0.1\0 a\n10.0.0.2 a\0\n\0\n");
        assertEquals(List.of(), nul.entries());
        assertEquals(3, nul.problems().size());
    }

    @Test
    void megabyteLines() {
        parse("1".repeat(Hostile.MEGABYTE));
        parse(":".repeat(Hostile.MEGABYTE));
        parse("10.0.0.1 " + "n".repeat(Hostile.MEGABYTE));
        Parsed<HostEntry> aliases = parse("10.0.0.1 host" + " alias".repeat(Hostile.MEGABYTE / 6));
        assertEquals(Hostile.MEGABYTE / 6, aliases.entries().get(0).aliases().size());
        Parsed<HostEntry> badAliases = parse("10.0.0.1 host" + " é".repeat(Hostile.MEGABYTE / 2));
        assertEquals(Problems.LIMIT + 1, badAliases.problems().size());
    }
}
