package net.diskless.names.files.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.diskless.api.MacAddress;
import net.diskless.api.names.BootptabEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootptabFileTest {

    private static Parsed<BootptabEntry> parse(String content) {
        return Hostile.parseBounded(BootptabFile::parse, "/etc/bootptab", content);
    }

    private static List<String> problems(Parsed<?> parsed) {
        return parsed.problems().stream().map(Problem::toString).toList();
    }

    private static Map<String, BootptabEntry> byName(Parsed<BootptabEntry> parsed) {
        return parsed.entries().stream().collect(Collectors.toMap(BootptabEntry::name, e -> e));
    }

    private static BootptabEntry only(String content) {
        Parsed<BootptabEntry> parsed = parse(content);
        assertEquals(List.of(), problems(parsed));
        assertEquals(1, parsed.entries().size());
        return parsed.entries().get(0);
    }

    @Test
    void freeBsdExample() throws Exception {
        Parsed<BootptabEntry> parsed = parse("""
                .default:\\
                	hn:ht=1:vm=rfc1048:\\
                	:sm=255.255.255.0:\\
                	:sa=10.0.0.1:\\
                	:gw=10.0.0.254:\\
                	:rp="10.0.0.1:/usr/diskless/root":
                client1:ha=0123456789ab:tc=.default
                """);
        assertEquals(List.of(), parsed.problems());
        assertEquals(1, parsed.entries().size(), "the template is not an entry");
        BootptabEntry c = parsed.entries().get(0);
        assertEquals("client1", c.name());
        assertEquals(Optional.of(MacAddress.parse("01:23:45:67:89:ab")), c.hardwareAddress());
        assertEquals(Optional.of("10.0.0.1:/usr/diskless/root"), c.rootPath());
        assertEquals(Optional.of(InetAddress.getByName("255.255.255.0")), c.subnetMask());
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.1")), c.serverAddress());
        assertEquals(List.of(InetAddress.getByName("10.0.0.254")), c.gateways());
        assertTrue(c.sendHostName());
        assertEquals(Optional.of(""), c.tag("hn"));
        assertEquals(Optional.of("1"), c.hardwareType());
        assertEquals(Optional.of("rfc1048"), c.vendorMagic());
        assertEquals(Optional.empty(), c.ip());
        assertFalse(c.tags().containsKey("tc"), "tc is resolved, not passed on");
        assertEquals(8, c.tags().size(), c.tags().toString());
    }

    @Test
    void quotesAndEscapes() {
        BootptabEntry e = only("c:rp=\"10.0.0.1:/export/root\":bf=\"a b\":hd=/x\\:y:dn=\"q\\\"uote\":td=/tftp#boot:\n");
        assertEquals(Optional.of("10.0.0.1:/export/root"), e.rootPath());
        assertEquals(Optional.of("a b"), e.bootFile());
        assertEquals(Optional.of("/x:y"), e.homeDirectory());
        assertEquals(Optional.of("q\"uote"), e.tag("dn"));
        assertEquals(Optional.of("/tftp#boot"), e.tag("td"), "# inside an entry is data");
    }

    @Test
    void whiteSpaceAroundFieldsIsDropped() {
        BootptabEntry e = only("  c : ip = 10.0.0.5 : bf=  boot  :hn   \n");
        assertEquals("c", e.name());
        assertEquals(Optional.of("10.0.0.5"), e.tag("ip"));
        assertEquals(Optional.of("boot"), e.bootFile());
        assertTrue(e.sendHostName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789ab", "0x0123456789ab", "0X0123456789AB", "01:23:45:67:89:ab", "1:23:45:67:89:AB",
        "01-23-45-67-89-ab", "0123.4567.89ab", "01.23.45.67.89.ab"})
    void hardwareAddressSpellings(String ha) {
        BootptabEntry e = only("c:ht=ether:ha=" + ha + ":\n");
        assertEquals(Optional.of(MacAddress.parse("01:23:45:67:89:ab")), e.hardwareAddress());
        assertEquals(Optional.of("01:23:45:67:89:ab"), e.tag("ha"), "stored in canonical form");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "ethernet", "ether", "Ethernet", "6", "ieee802"})
    void hardwareTypes(String ht) {
        assertEquals(Optional.of(ht), only("c:ht=" + ht + ":ha=0123456789ab\n").hardwareType());
    }

    @Test
    void badValuesAreReportedAndLeftOut() {
        Parsed<BootptabEntry> parsed = parse("""
                c:ha=01:23:45:zz:89:ab:ht=banana:ip=10.0.0.256:sm=255.255.0:gw=10.0.0.1 010.0.0.2:\\
                	ds=ns.example.com:sa=10.0.0.1:ip=10.0.0.2 10.0.0.3:xx=1:hn=yes:bf=:rp:T0=1:T255=1:T1x=1:\\
                	T99999999999999999999=1:T5:tc@:=:@:bf=ok
                """);
        BootptabEntry c = parsed.entries().get(0);
        assertEquals(Map.of("ds", "ns.example.com", "sa", "10.0.0.1", "bf", "ok"), c.tags());
        assertEquals(List.of(
                "/etc/bootptab:1: bad hardware address '01' for c",
                "/etc/bootptab:1: unknown tag '23' in c",
                "/etc/bootptab:1: unknown tag '45' in c",
                "/etc/bootptab:1: unknown tag 'zz' in c",
                "/etc/bootptab:1: unknown tag '89' in c",
                "/etc/bootptab:1: unknown tag 'ab' in c",
                "/etc/bootptab:1: unknown hardware type 'banana' for c",
                "/etc/bootptab:1: ip of c: bad address '10.0.0.256'",
                "/etc/bootptab:1: sm of c: bad address '255.255.0'",
                "/etc/bootptab:1: gw of c: ambiguous address '010.0.0.2' (a leading zero means octal to the C library)",
                "/etc/bootptab:1: ip of c takes one address, not '10.0.0.2 10.0.0.3'",
                "/etc/bootptab:1: unknown tag 'xx' in c",
                "/etc/bootptab:1: hn of c takes no value, write hn alone",
                "/etc/bootptab:1: empty value for bf of c",
                "/etc/bootptab:1: tag rp of c needs a value",
                "/etc/bootptab:1: generic tag 'T0' of c out of range T1..T254",
                "/etc/bootptab:1: generic tag 'T255' of c out of range T1..T254",
                "/etc/bootptab:1: bad field 'T1x=1' in c",
                "/etc/bootptab:1: generic tag 'T99999999999999999999' of c out of range T1..T254",
                "/etc/bootptab:1: generic tag T5 of c needs a value",
                "/etc/bootptab:1: tc@ in c means nothing, ignored",
                "/etc/bootptab:1: unknown tag '=' in c",
                "/etc/bootptab:1: unknown tag '@' in c"), problems(parsed));
    }

    @Test
    void aBadValueDoesNotLetTheTemplateFillIn() {
        Parsed<BootptabEntry> parsed = parse(".t:sm=255.255.255.0:\nc:sm=255.255.255.2555:tc=.t\n");
        assertEquals(Optional.empty(), parsed.entries().get(0).tag("sm"));
        assertEquals(1, parsed.problems().size());
    }

    @Test
    void hostNamesInAddressTagsAreLetThrough() {
        BootptabEntry e = only("c:ip=client.example.com:gw=router 10.0.0.254:\n");
        assertEquals(Optional.of("client.example.com"), e.tag("ip"));
        assertEquals(Optional.empty(), e.ip());
        assertEquals(1, e.gateways().size());
    }

    @Test
    void genericTagsKeepTheirQuotes() {
        BootptabEntry e = only("c:T129=\"foo:bar\":T130=0x0102:T0131=01.02.03:T132@:T133=\"\\\"\":\n");
        assertEquals(Map.of(129, "\"foo:bar\"", 130, "0x0102", 131, "01.02.03", 133, "\"\"\""), e.genericTags());
        assertEquals(Optional.of("\"foo:bar\""), e.tag("T129"));
    }

    @Test
    void laterTagOverridesEarlierInTheSameEntry() {
        BootptabEntry e = only("c:bf=one:bf=two:hd=/a:hd@:sm@:sm=255.0.0.0\n");
        assertEquals(Map.of("bf", "two", "sm", "255.0.0.0"), e.tags());
    }

    @Test
    void templatesFillOnlyWhatTheEntryDoesNotSayWhereverTcStands() {
        Parsed<BootptabEntry> parsed = parse("""
                .t:bf=tbf:hd=/thd:sm=255.255.255.0:rp=troot:hn:T129="t":T130=01:
                a:tc=.t:bf=own:hd@:T129="a"
                b:bf=own:hd@:T129="a":tc=.t
                """);
        assertEquals(List.of(), parsed.problems());
        Map<String, String> expected = Map.of("bf", "own", "sm", "255.255.255.0", "rp", "troot", "hn", "",
                "T129", "\"a\"", "T130", "01");
        assertEquals(expected, byName(parsed).get("a").tags());
        assertEquals(expected, byName(parsed).get("b").tags());
    }

    @Test
    void hardwareAndIpAddressAreNotInherited() {
        Parsed<BootptabEntry> parsed = parse(".t:ha=0123456789ab:ip=10.0.0.1:sm=255.0.0.0\na:tc=.t\nb:tc=.t\n");
        assertEquals(List.of(), parsed.problems(), "no duplicate hardware address either");
        assertEquals(Map.of("sm", "255.0.0.0"), byName(parsed).get("a").tags());
        assertEquals(Map.of("sm", "255.0.0.0"), byName(parsed).get("b").tags());
    }

    @Test
    void templateMayComeLaterAndChain() {
        Parsed<BootptabEntry> parsed = parse("""
                c:bf=c:tc=.subnet
                .subnet:sm=255.255.255.0:gw=10.0.0.254:tc=.site:bf=subnet
                .site:sm=255.0.0.0:ds=10.0.0.53:bf=site:dn=example.com
                """);
        assertEquals(List.of(), parsed.problems());
        assertEquals(Map.of("bf", "c", "sm", "255.255.255.0", "gw", "10.0.0.254", "ds", "10.0.0.53", "dn", "example.com"),
                parsed.entries().get(0).tags());
    }

    @Test
    void severalTcTheFirstNamedWins() {
        BootptabEntry e = only(".one:bf=one:hd=/one\n.two:bf=two:rp=two\nc:tc=.one:tc=.two\n");
        assertEquals(Map.of("bf", "one", "hd", "/one", "rp", "two"), e.tags());
    }

    @Test
    void missingTemplate() {
        Parsed<BootptabEntry> parsed = parse("\nc:bf=own:tc=.nowhere:\n");
        assertEquals(Map.of("bf", "own"), parsed.entries().get(0).tags());
        assertEquals(List.of("/etc/bootptab:2: tc='.nowhere' in c: no such entry"), problems(parsed));
    }

    @Test
    void selfLoop() {
        Parsed<BootptabEntry> parsed = parse("a:bf=a:tc=a\n");
        assertEquals(Map.of("bf", "a"), parsed.entries().get(0).tags());
        assertEquals(List.of("/etc/bootptab:1: tc loop a -> a, tc=a in a ignored"), problems(parsed));
    }

    @Test
    void twoCycle() {
        Parsed<BootptabEntry> parsed = parse(".a:bf=a:tc=.b\n.b:hd=/b:tc=.a\nc:tc=.a\n");
        assertEquals(Map.of("bf", "a", "hd", "/b"), parsed.entries().get(0).tags());
        assertEquals(List.of("/etc/bootptab:2: tc loop .a -> .b -> .a, tc=.a in .b ignored"), problems(parsed));
    }

    @Test
    void threeCycleReachedFromOutside() {
        Parsed<BootptabEntry> parsed = parse("c:tc=.a\n.a:bf=a:tc=.b\n.b:hd=/b:tc=.c\n.c:rp=c:tc=.a:bf=c\n");
        assertEquals(Map.of("bf", "a", "hd", "/b", "rp", "c"), parsed.entries().get(0).tags());
        assertEquals(List.of("/etc/bootptab:4: tc loop .a -> .b -> .c -> .a, tc=.a in .c ignored"), problems(parsed));
    }

    @Test
    void longLoopIsNamedShortly() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            b.append(".t").append(i).append(":tc=.t").append((i + 1) % 1000).append('\n');
        }
        Parsed<BootptabEntry> parsed = parse(b.toString());
        assertEquals(List.of("/etc/bootptab:1000: tc loop .t0 -> .t1 -> .t2 -> … 995 more … -> .t998 -> .t999 -> .t0,"
                + " tc=.t0 in .t999 ignored"), problems(parsed));
    }

    @Test
    void thousandDeepChain() {
        int depth = 1000;
        StringBuilder b = new StringBuilder("c:tc=.t0\n");
        for (int i = 0; i < depth; i++) {
            b.append(".t").append(i).append(":T").append(i % 254 + 1).append("=").append(i).append(":tc=.t").append(i + 1).append('\n');
        }
        b.append(".t").append(depth).append(":rp=deepest\n");
        Parsed<BootptabEntry> parsed = parse(b.toString());
        assertEquals(List.of(), parsed.problems());
        BootptabEntry c = parsed.entries().get(0);
        assertEquals(Optional.of("deepest"), c.rootPath());
        assertEquals(254, c.genericTags().size());
        assertEquals("0", c.genericTags().get(1), "the nearest template wins");
    }

    @Test
    void fiftyThousandDeepChain() {
        int depth = 50_000;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            b.append('c').append(i).append(":tc=c").append(i + 1).append('\n');
        }
        b.append('c').append(depth).append(":rp=deepest\n");
        Parsed<BootptabEntry> parsed = parse(b.toString());
        assertEquals(List.of(), parsed.problems());
        assertTrue(parsed.entries().stream().allMatch(e -> e.rootPath().equals(Optional.of("deepest"))));
    }

    @Test
    void duplicateNamesFirstWins() {
        Parsed<BootptabEntry> parsed = parse(".t:bf=first\nc:tc=.t:ha=0123456789ab\n.t:bf=second\n\nc:\\\n  bf=other\n");
        assertEquals(List.of(Map.of("bf", "first", "ha", "01:23:45:67:89:ab")),
                parsed.entries().stream().map(BootptabEntry::tags).toList());
        assertEquals(List.of("/etc/bootptab:3: duplicate entry '.t', first at line 1 wins",
                "/etc/bootptab:5: duplicate entry 'c', first at line 2 wins"), problems(parsed));
    }

    @Test
    void duplicateHardwareAddressFirstWins() {
        Parsed<BootptabEntry> parsed = parse("a:ha=0123456789ab\nb:ha=01:23:45:67:89:AB\nc:ha=0123456789ac\n");
        assertEquals(List.of("a", "c"), parsed.entries().stream().map(BootptabEntry::name).toList());
        assertEquals(List.of("/etc/bootptab:2: duplicate hardware address 01:23:45:67:89:ab in 'b', first at line 1 wins"),
                problems(parsed));
    }

    @Test
    void continuationSkipsBlankAndCommentLinesAsBootpdDoes() {
        Parsed<BootptabEntry> parsed = parse("""
                # clients
                c:ht=1:\\

                # the address
                	ha=0123456789ab:\\
                    ip=10.0.0.9
                  d:ip=10.0.0.10
                """);
        assertEquals(List.of(), parsed.problems());
        assertEquals(Map.of("ht", "1", "ha", "01:23:45:67:89:ab", "ip", "10.0.0.9"), byName(parsed).get("c").tags());
        assertEquals(Map.of("ip", "10.0.0.10"), byName(parsed).get("d").tags(), "leading white space starts an entry");
    }

    @Test
    void escapedBackslashDoesNotContinue() {
        Parsed<BootptabEntry> parsed = parse("c:bf=a\\\\\nd:bf=b\\\\\\\n:hd=/h\n");
        assertEquals(Optional.of("a\\"), byName(parsed).get("c").bootFile());
        assertEquals(Optional.of("b\\"), byName(parsed).get("d").bootFile());
        assertEquals(Optional.of("/h"), byName(parsed).get("d").homeDirectory());
    }

    @Test
    void problemsCarryTheLineTheEntryStartsOn() {
        Parsed<BootptabEntry> parsed = parse("a:bf=x\n\nb:\\\n  bf=y:\\\n  xx=1:\\\n  ha=nope\n");
        assertEquals(List.of("/etc/bootptab:3: unknown tag 'xx' in b", "/etc/bootptab:3: bad hardware address 'nope' for b"),
                problems(parsed));
    }

    @Test
    void unterminatedQuote() {
        Parsed<BootptabEntry> parsed = parse("c:bf=boot:rp=\"10.0.0.1:/export:ip=10.0.0.1\nd:bf=\"x\n\"e:bf=y\n");
        assertEquals(List.of(Map.of("bf", "boot"), Map.of()), parsed.entries().stream().map(BootptabEntry::tags).toList());
        assertEquals(List.of("/etc/bootptab:1: unterminated quote in 'rp=\"10.0.0.1:/export:ip=10.0.0.1' of c,"
                        + " rest of the entry ignored",
                "/etc/bootptab:2: unterminated quote in 'bf=\"x' of d, rest of the entry ignored",
                "/etc/bootptab:3: unterminated quote in entry name '\"e:bf=y'"), problems(parsed));
    }

    @Test
    void trailingBackslashAtEndOfFile() {
        Parsed<BootptabEntry> parsed = parse("c:bf=x:\\");
        assertEquals(List.of(Map.of("bf", "x")), parsed.entries().stream().map(BootptabEntry::tags).toList());
        assertEquals(List.of("/etc/bootptab:1: backslash at end of file continues into nothing"), problems(parsed));
        Parsed<BootptabEntry> withBlank = parse("c:bf=x:\\\n\n# nothing more\n");
        assertEquals(List.of("/etc/bootptab:1: backslash at end of file continues into nothing"), problems(withBlank));
        assertEquals(1, withBlank.entries().size());
    }

    @Test
    void badEntryNames() {
        Parsed<BootptabEntry> parsed = parse(":ha=0123456789ab\nbad name:bf=x\n\"\":bf=x\n");
        assertEquals(List.of(), parsed.entries());
        assertEquals(List.of("/etc/bootptab:1: entry without a name: ':ha=0123456789ab'",
                "/etc/bootptab:2: bad entry name 'bad name'",
                "/etc/bootptab:3: entry without a name: '\"\":bf=x'"), problems(parsed));
    }

    @Test
    void entryWithoutTagsIsKept() {
        assertEquals(Map.of(), only("lonely\n").tags());
        assertEquals(Map.of(), only("lonely:::\n").tags());
    }

    @Test
    void crlfReadsLikeLf() {
        String lf = """
                .default:\\
                	hn:ht=1:vm=rfc1048:\\
                	:rp="10.0.0.1:/usr/diskless/root":
                client1:ha=0123456789ab:tc=.default
                bad:zz=1
                """;
        Parsed<BootptabEntry> unix = parse(lf);
        Parsed<BootptabEntry> dos = parse(lf.replace("\n", "\r\n"));
        assertEquals(unix.entries(), dos.entries());
        assertEquals(unix.problems(), dos.problems());
        assertEquals(Optional.of("10.0.0.1:/usr/diskless/root"), byName(dos).get("client1").rootPath());
        assertEquals(List.of("/etc/bootptab:5: unknown tag 'zz' in bad"), problems(dos));
    }

    @Test
    void binaryJunk() {
        for (long seed = 0; seed < 20; seed++) {
            parse(Hostile.junk(seed, 64 * 1024));
        }
        Parsed<BootptabEntry> nul = parse("c\0:bf=x\nd:bf=\0:T1=\"\0\":hd=\"a\tb\":rp=/r\n\0\0\0\n");
        assertEquals(List.of(new BootptabEntry("d", Map.of("rp", "/r"))), nul.entries());
        assertEquals(List.of("/etc/bootptab:1: bad entry name 'c\\u0000'",
                "/etc/bootptab:2: control character in bf of d: '\\u0000'",
                "/etc/bootptab:2: control character in T1 of d: '\\u0000'",
                "/etc/bootptab:2: control character in hd of d: 'a\\u0009b'",
                "/etc/bootptab:3: bad entry name '\\u0000\\u0000\\u0000'"), problems(nul));
    }

    @Test
    void hundredThousandColons() {
        Parsed<BootptabEntry> colons = parse(":".repeat(100_000));
        assertEquals(List.of(), colons.entries());
        assertEquals(1, colons.problems().size());
        assertEquals(Map.of(), only("c" + ":".repeat(100_000) + "\n").tags());
        assertEquals(Map.of("bf", "x"), only("c" + ":".repeat(100_000) + "bf=x\n").tags());
        parse("c" + ":\\\n".repeat(100_000)); // a hundred thousand continued lines
    }

    @Test
    void megabyteLines() {
        parse("c".repeat(Hostile.MEGABYTE));
        parse("\"".repeat(Hostile.MEGABYTE));
        parse("\\".repeat(Hostile.MEGABYTE));
        parse("c:T" + "9".repeat(Hostile.MEGABYTE));
        Parsed<BootptabEntry> bf = parse("c:bf=" + "b".repeat(Hostile.MEGABYTE));
        assertEquals(Hostile.MEGABYTE, bf.entries().get(0).bootFile().orElseThrow().length());
        parse("c" + ":bf=x".repeat(Hostile.MEGABYTE / 5));
        parse("c" + ":zz=x".repeat(Hostile.MEGABYTE / 5));
        parse("c" + ":tc=.t".repeat(Hostile.MEGABYTE / 6) + "\n.t:bf=x");
        parse("c" + ":ha=0123456789ab".repeat(Hostile.MEGABYTE / 16));
        parse("c:rp=\"" + "\\\"".repeat(Hostile.MEGABYTE / 2));
    }

    @Test
    void megabyteOfEntries() {
        StringBuilder b = new StringBuilder(".t:sm=255.255.255.0:hn:ht=1\n");
        int i = 0;
        while (b.length() < Hostile.MEGABYTE) {
            b.append('c').append(i).append(":ha=").append(new MacAddress(i).toString()).append(":ip=10.")
                    .append(i >> 16 & 0xff).append('.').append(i >> 8 & 0xff).append('.').append(i & 0xff)
                    .append(":tc=.t\n");
            i++;
        }
        Parsed<BootptabEntry> parsed = parse(b.toString());
        assertEquals(List.of(), parsed.problems());
        assertEquals(i, parsed.entries().size());
    }
}
