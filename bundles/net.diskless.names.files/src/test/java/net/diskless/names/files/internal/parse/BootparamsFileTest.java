package net.diskless.names.files.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.diskless.api.names.BootParam;
import net.diskless.api.names.BootParams;
import org.junit.jupiter.api.Test;

class BootparamsFileTest {

    private static Parsed<BootParams> parse(String content) {
        return Hostile.parseBounded(BootparamsFile::parse, "/etc/bootparams", content);
    }

    private static List<String> problems(Parsed<?> parsed) {
        return parsed.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsEntriesWithContinuationsAndComments() {
        Parsed<BootParams> parsed = parse("""
                # SunOS 4 clients
                sun1	root=server:/export/root/sun1 \\
                	swap=server:/export/swap/sun1 \\
                	dump=server:/export/dump/sun1   # no dump for now
                sun2 root=server:/export/root/sun2 swap=server:/export/swap/sun2 domain=example.com
                * ns=nisserver:nis(255.255.255.0) domain=example.com
                """);
        assertEquals(List.of(), parsed.problems());
        List<BootParams> e = parsed.entries();
        assertEquals(List.of("sun1", "sun2", "*"), e.stream().map(BootParams::client).toList());
        assertEquals(Map.of("root", "server:/export/root/sun1", "swap", "server:/export/swap/sun1",
                "dump", "server:/export/dump/sun1"), e.get(0).asMap());
        BootParam root = e.get(1).get("root").orElseThrow();
        assertEquals(Optional.of("server"), root.server());
        assertEquals(Optional.of("/export/root/sun2"), root.path());
        assertEquals("example.com", e.get(1).get("domain").orElseThrow().value());
        assertTrue(e.get(2).isWildcard());
        assertEquals("nisserver:nis(255.255.255.0)", e.get(2).get("ns").orElseThrow().value());
    }

    @Test
    void backslashJoinsWithASpace() {
        // Solaris would glue "root=a:/b" and "swap=..." into one word; netkit would keep the backslash.
        Parsed<BootParams> parsed = parse("c root=a:/b\\\nswap=a:/s\n");
        assertEquals(List.of(new BootParam("root", "a:/b"), new BootParam("swap", "a:/s")), parsed.entries().get(0).params());
    }

    @Test
    void whiteSpaceAfterTheBackslashIsForgiven() {
        Parsed<BootParams> parsed = parse("c root=a:/b \\   \n  swap=a:/s\n");
        assertEquals(2, parsed.entries().get(0).params().size());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void clientWithoutParametersIsKept() {
        Parsed<BootParams> parsed = parse("lonely\n");
        assertEquals(List.of(new BootParams("lonely", List.of())), parsed.entries());
        assertEquals(List.of(), parsed.problems());
    }

    @Test
    void badTokensAreDroppedAndTheRestKept() {
        Parsed<BootParams> parsed = parse("\nc1 root=s:/r junk =x swap= dump=nocolon dump=:/nohost domain=d\n");
        assertEquals(List.of(new BootParam("root", "s:/r"), new BootParam("domain", "d")), parsed.entries().get(0).params());
        assertEquals(List.of("/etc/bootparams:2: missing '=' in 'junk' for c1",
                "/etc/bootparams:2: empty key in '=x' for c1",
                "/etc/bootparams:2: empty value for 'swap' for c1",
                "/etc/bootparams:2: dump for c1 needs server:path, not 'nocolon'",
                "/etc/bootparams:2: dump for c1 needs server:path, not ':/nohost'"), problems(parsed));
    }

    @Test
    void valuesMayHoldEqualsAndColons() {
        Parsed<BootParams> parsed = parse("c opt=a=b:c=d root=s:\n");
        assertEquals("a=b:c=d", parsed.entries().get(0).get("opt").orElseThrow().value());
        assertEquals(Optional.of(""), parsed.entries().get(0).get("root").orElseThrow().path());
    }

    @Test
    void duplicateKeyFirstWins() {
        Parsed<BootParams> parsed = parse("c root=a:/1 root=b:/2\n");
        assertEquals(List.of(new BootParam("root", "a:/1")), parsed.entries().get(0).params());
        assertEquals(List.of("/etc/bootparams:1: duplicate key 'root' for c, the first wins"), problems(parsed));
    }

    @Test
    void duplicateClientFirstWinsAndIsReportedWhereTheEntryStarts() {
        Parsed<BootParams> parsed = parse("c root=a:/1\n* domain=x\n\nc \\\n root=b:/2 \\\n swap=b:/s\n* domain=y\n");
        assertEquals(List.of(new BootParams("c", List.of(new BootParam("root", "a:/1"))),
                new BootParams("*", List.of(new BootParam("domain", "x")))), parsed.entries());
        assertEquals(List.of("/etc/bootparams:4: duplicate bootparams entry for c, first at line 1 wins",
                "/etc/bootparams:7: duplicate bootparams entry for *, first at line 2 wins"), problems(parsed));
    }

    @Test
    void commentEndingInBackslashSwallowsTheNextLine() {
        Parsed<BootParams> parsed = parse("""
                c root=s:/r \\
                  # swap=s:/old \\
                  dump=s:/d
                d root=s:/d
                """);
        assertEquals(List.of(new BootParam("root", "s:/r")), parsed.entries().get(0).params());
        assertEquals("d", parsed.entries().get(1).client());
        assertEquals(List.of("/etc/bootparams:1: comment ending in a backslash swallows line 3"), problems(parsed));
    }

    @Test
    void commentLineEndingInBackslashSwallowsTheNextEntry() {
        Parsed<BootParams> parsed = parse("# old entries \\\nc root=s:/r\nd root=s:/d\n");
        assertEquals(List.of("d"), parsed.entries().stream().map(BootParams::client).toList());
        assertEquals(List.of("/etc/bootparams:1: comment ending in a backslash swallows line 2"), problems(parsed));
    }

    @Test
    void trailingBackslashAtEndOfFile() {
        Parsed<BootParams> parsed = parse("a root=s:/a\nc root=s:/r \\");
        assertEquals(2, parsed.entries().size());
        assertEquals(List.of(new BootParam("root", "s:/r")), parsed.entries().get(1).params());
        assertEquals(List.of("/etc/bootparams:2: backslash at end of file continues into nothing"), problems(parsed));
        Parsed<BootParams> withNewline = parse("c root=s:/r \\\n");
        assertEquals(List.of("/etc/bootparams:1: backslash at end of file continues into nothing"), problems(withNewline));
        Parsed<BootParams> alone = parse("\\");
        assertEquals(List.of(), alone.entries());
    }

    @Test
    void nisAndBadClients() {
        Parsed<BootParams> parsed = parse("+\n+@netgroup\nbad/name root=s:/r\n** x=y\n");
        assertEquals(List.of(), parsed.entries());
        assertEquals(List.of("/etc/bootparams:1: NIS entry '+' not supported here; list nis in nsswitch",
                "/etc/bootparams:2: NIS entry '+@netgroup' not supported here; list nis in nsswitch",
                "/etc/bootparams:3: bad client name 'bad/name'",
                "/etc/bootparams:4: bad client name '**'"), problems(parsed));
    }

    @Test
    void crlfReadsLikeLf() {
        String lf = "c root=s:/r \\\n  swap=s:/s\n# x\nd x\n* domain=d";
        Parsed<BootParams> unix = parse(lf);
        Parsed<BootParams> dos = parse(lf.replace("\n", "\r\n") + "\r\n");
        assertEquals(unix.entries(), dos.entries());
        assertEquals(unix.problems(), dos.problems());
        assertEquals(2, dos.entries().get(0).params().size());
    }

    @Test
    void binaryJunk() {
        for (long seed = 0; seed < 20; seed++) {
            parse(Hostile.junk(seed, 64 * 1024));
        }
        Parsed<BootParams> nul = parse("c\0 root=s:/r\nd root\0=s:/r dump=s:/\0 swap=s:/s\n");
        assertEquals(List.of(new BootParams("d", List.of(new BootParam("swap", "s:/s")))), nul.entries());
        assertEquals(List.of("/etc/bootparams:1: bad client name 'c\\u0000'",
                "/etc/bootparams:2: bad key 'root\\u0000' for d",
                "/etc/bootparams:2: control character in dump for d: 's:/\\u0000'"), problems(nul));
    }

    @Test
    void megabyteLines() {
        parse("c".repeat(Hostile.MEGABYTE));
        Parsed<BootParams> values = parse("c root=s:/" + "r".repeat(Hostile.MEGABYTE));
        assertEquals(1, values.entries().get(0).params().size());
        Parsed<BootParams> tokens = parse("c" + " k=v".repeat(Hostile.MEGABYTE / 4));
        assertEquals(1, tokens.entries().get(0).params().size());
        parse("c" + " junk".repeat(Hostile.MEGABYTE / 5));
        parse("c" + " \\\n".repeat(Hostile.MEGABYTE / 3)); // a third of a million continued lines
        parse("\\\n".repeat(Hostile.MEGABYTE / 2));
        parse("#\\\n".repeat(Hostile.MEGABYTE / 3));
    }
}
