package net.diskless.names.files.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.diskless.api.MacAddress;
import net.diskless.api.names.EthersEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EthersFileTest {

    private static Parsed<EthersEntry> parse(String content) {
        return Hostile.parseBounded(EthersFile::parse, "/etc/ethers", content);
    }

    private static List<String> problems(Parsed<?> parsed) {
        return parsed.problems().stream().map(Problem::toString).toList();
    }

    private static EthersEntry entry(String mac, String host) {
        return new EthersEntry(MacAddress.parse(mac), host);
    }

    @Test
    void readsEverySpellingCommentsAndBlankLines() {
        Parsed<EthersEntry> parsed = parse("""
                # Sun workstations
                8:0:20:1:2:3	sun1

                08-00-20-01-02-04 sun2   # the second one
                   0800.2001.0205   sun3.example.com
                080020010206 sun4 trailing fields are ignored
                """);
        assertEquals(List.of(entry("08:00:20:01:02:03", "sun1"), entry("08:00:20:01:02:04", "sun2"),
                entry("08:00:20:01:02:05", "sun3.example.com"), entry("08:00:20:01:02:06", "sun4")), parsed.entries());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void badMacIsReportedAndSkipped() {
        Parsed<EthersEntry> parsed = parse("08:00:zz:01:02:03 bad\n08:00:20:01:02:03 good\n");
        assertEquals(List.of(entry("08:00:20:01:02:03", "good")), parsed.entries());
        assertEquals(List.of("/etc/ethers:1: bad MAC address '08:00:zz:01:02:03'"), problems(parsed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08:00:20:01:02", "08:00:20:01:02:03:04", "080:00:20:01:02:03", "0800200102", "sun1",
        "08:00:20:01:02:", "::::::", "0x080020010203", "０８:00:20:01:02:03"})
    void otherBadMacs(String mac) {
        Parsed<EthersEntry> parsed = parse(mac + " host\n");
        assertEquals(List.of(), parsed.entries());
        assertTrue(problems(parsed).get(0).startsWith("/etc/ethers:1: bad MAC address '"), problems(parsed).get(0));
    }

    @Test
    void missingHostName() {
        Parsed<EthersEntry> parsed = parse("\n8:0:20:1:2:3   # no name\n");
        assertEquals(List.of(), parsed.entries());
        assertEquals(List.of("/etc/ethers:2: missing host name after 08:00:20:01:02:03"), problems(parsed));
    }

    @Test
    void badHostNames() {
        Parsed<EthersEntry> parsed = parse("8:0:20:1:2:3 héllo\n8:0:20:1:2:4 " + "a".repeat(256) + "\n8:0:20:1:2:5 "
                + "a".repeat(255) + "\n");
        assertEquals(List.of(entry("08:00:20:01:02:05", "a".repeat(255))), parsed.entries());
        assertEquals(List.of("/etc/ethers:1: bad host name 'héllo'",
                "/etc/ethers:2: bad host name '" + "a".repeat(40) + "…'"), problems(parsed));
    }

    @Test
    void duplicateMacFirstWins() {
        Parsed<EthersEntry> parsed = parse("8:0:20:1:2:3 first\n8:0:20:1:2:4 other\n08-00-20-01-02-03 second\n");
        assertEquals(List.of(entry("08:00:20:01:02:03", "first"), entry("08:00:20:01:02:04", "other")), parsed.entries());
        assertEquals(List.of("/etc/ethers:3: duplicate ethers entry for 08:00:20:01:02:03, first at line 1 wins"),
                problems(parsed));
    }

    @Test
    void oneHostWithTwoInterfacesIsFine() {
        Parsed<EthersEntry> parsed = parse("8:0:20:1:2:3 gateway\n8:0:20:1:2:4 gateway\n");
        assertEquals(2, parsed.entries().size());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void crlfReadsLikeLf() {
        String lf = "# c\n8:0:20:1:2:3 a\n\nbad b\n8:0:20:1:2:4 b";
        Parsed<EthersEntry> unix = parse(lf);
        Parsed<EthersEntry> dos = parse(lf.replace("\n", "\r\n") + "\r\n");
        assertEquals(unix.entries(), dos.entries());
        assertEquals(unix.problems(), dos.problems());
        assertEquals(List.of("/etc/ethers:4: bad MAC address 'bad'"), problems(dos));
    }

    @Test
    void noContinuationNoQuoting() {
        Parsed<EthersEntry> parsed = parse("8:0:20:1:2:3 a \\\n8:0:20:1:2:4 \"quoted\n8:0:20:1:2:5 b\\");
        assertEquals(List.of(entry("08:00:20:01:02:03", "a")), parsed.entries());
        assertEquals(List.of("/etc/ethers:2: bad host name '\"quoted'", "/etc/ethers:3: bad host name 'b\\'"),
                problems(parsed));
    }

    @Test
    void emptyFiles() {
        assertEquals(new Parsed<>(List.of(), List.of()), parse(""));
        assertEquals(new Parsed<>(List.of(), List.of()), parse("\n\n   \n# only comments\n"));
    }

    @Test
    void binaryJunk() {
        for (long seed = 0; seed < 20; seed++) {
            parse(Hostile.junk(seed, 64 * 1024));
        }
        Parsed<EthersEntry> nul = parse("8:0:20:1:2:3 a\0b\n\0\0\0\n8:0:20:1:2:4\0 c\n");
        assertEquals(List.of(), nul.entries());
        assertEquals(List.of("/etc/ethers:1: bad host name 'a\\u0000b'", "/etc/ethers:2: bad MAC address '\\u0000\\u0000\\u0000'",
                "/etc/ethers:3: bad MAC address '8:0:20:1:2:4\\u0000'"), problems(nul));
    }

    @Test
    void megabyteLines() {
        Parsed<EthersEntry> mac = parse("8".repeat(Hostile.MEGABYTE));
        assertEquals(List.of("/etc/ethers:1: bad MAC address '" + "8".repeat(40) + "…'"), problems(mac));
        Parsed<EthersEntry> name = parse("8:0:20:1:2:3 " + "n".repeat(Hostile.MEGABYTE));
        assertEquals(1, name.problems().size());
        Parsed<EthersEntry> fields = parse("8:0:20:1:2:3 host" + " x".repeat(Hostile.MEGABYTE / 2));
        assertEquals(List.of(entry("08:00:20:01:02:03", "host")), fields.entries());
        parse(Hostile.repeat("8:0:20:1:2:3 same\n", Hostile.MEGABYTE)); // a flood of duplicates: problems capped
    }

    @Test
    void manyEntries() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            b.append(new MacAddress(i)).append(" host").append(i).append('\n');
        }
        Parsed<EthersEntry> parsed = parse(b.toString());
        assertEquals(50_000, parsed.entries().size());
        assertEquals(List.of(), parsed.problems());
    }
}
