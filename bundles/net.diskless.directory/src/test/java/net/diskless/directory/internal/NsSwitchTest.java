package net.diskless.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.diskless.api.directory.Answer.Status;
import net.diskless.api.names.NameMap;
import net.diskless.directory.internal.NsSwitch.Action;
import net.diskless.directory.internal.NsSwitch.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NsSwitchTest {

    private static Step step(String source) {
        return new Step(source, Map.of());
    }

    private static Step step(String source, Status status, Action action) {
        return new Step(source, Map.of(status, action));
    }

    private static List<String> sources(NsSwitch ns, NameMap map) {
        return ns.chain(map).stream().map(Step::source).toList();
    }

    /** Debian 12's /etc/nsswitch.conf, with an ethers line of our own. */
    private static final String DEBIAN = """
            # /etc/nsswitch.conf
            #
            # Example configuration of GNU Name Service Switch functionality.
            # If you have the `glibc-doc-reference' and `info' packages installed, try:
            # `info libc "Name Service Switch"' for information about this file.

            passwd:         files systemd
            group:          files systemd
            shadow:         files systemd
            gshadow:        files systemd

            hosts:          files mdns4_minimal [NOTFOUND=return] dns myhostname
            networks:       files

            protocols:      db files
            services:       db files
            ethers:         db files
            rpc:            db files

            netgroup:       nis
            """;

    @Test
    void readsTheMapsOfARealDebianFileAndIgnoresTheOthers() {
        NsSwitch ns = NsSwitch.parse(DEBIAN);
        assertEquals(List.of(), ns.problems());
        assertEquals(List.of(step("files"), step("mdns4_minimal", Status.NOTFOUND, Action.RETURN), step("dns"),
                step("myhostname")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of(step("db"), step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(step("nis")), ns.chain(NameMap.NETGROUP));
        assertEquals(Map.of(NameMap.HOSTS, ns.chain(NameMap.HOSTS), NameMap.ETHERS, ns.chain(NameMap.ETHERS),
                NameMap.NETGROUP, ns.chain(NameMap.NETGROUP)), ns.chains());
    }

    @Test
    void sourcesAreInTheOrderGiven() {
        NsSwitch ns = NsSwitch.parse("ethers: files nis ldap\n");
        assertEquals(List.of(step("files"), step("nis"), step("ldap")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void actionAppliesToTheSourceBeforeIt() {
        NsSwitch ns = NsSwitch.parse("hosts: files [NOTFOUND=return] nis\n");
        assertEquals(List.of(step("files", Status.NOTFOUND, Action.RETURN), step("nis")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void actionWithoutSpaceBeforeTheBracketAndSeveralCriteria() {
        NsSwitch ns = NsSwitch.parse("bootparams: nis[NOTFOUND=return UNAVAIL=continue SUCCESS=return] files\n");
        assertEquals(List.of(new Step("nis", Map.of(Status.NOTFOUND, Action.RETURN, Status.UNAVAIL, Action.CONTINUE,
                Status.SUCCESS, Action.RETURN)), step("files")), ns.chain(NameMap.BOOTPARAMS));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void severalBracketsForOneSourceAccumulate() {
        NsSwitch ns = NsSwitch.parse("hosts: nis [NOTFOUND=return] [UNAVAIL=return] files\n");
        assertEquals(new Step("nis", Map.of(Status.NOTFOUND, Action.RETURN, Status.UNAVAIL, Action.RETURN)),
                ns.chain(NameMap.HOSTS).get(0));
    }

    @Test
    void statusAndActionAreCaseInsensitive() {
        NsSwitch ns = NsSwitch.parse("hosts: files [notfound=Return] nis\n");
        assertEquals(step("files", Status.NOTFOUND, Action.RETURN), ns.chain(NameMap.HOSTS).get(0));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void tryAgainIsTreatedAsUnavail() {
        NsSwitch ns = NsSwitch.parse("ethers: nis [TRYAGAIN=return] files\n");
        assertEquals(step("nis", Status.UNAVAIL, Action.RETURN), ns.chain(NameMap.ETHERS).get(0));
        assertEquals(Action.RETURN, ns.chain(NameMap.ETHERS).get(0).after(Status.UNAVAIL));
        assertEquals(List.of(), ns.problems());
    }

    /** glibc reads {@code [!STATUS=action]} as "every other status". */
    @Test
    void negatedCriterionAppliesToEveryOtherStatus() {
        NsSwitch ns = NsSwitch.parse("\nhosts: files resolve [!UNAVAIL=return] dns\n");
        Step resolve = ns.chain(NameMap.HOSTS).get(1);
        assertEquals(Action.RETURN, resolve.after(Status.SUCCESS));
        assertEquals(Action.RETURN, resolve.after(Status.NOTFOUND));
        assertEquals(Action.CONTINUE, resolve.after(Status.UNAVAIL));
        assertEquals(List.of(), ns.problems());
    }

    /** glibc also allows white space around '='. */
    @Test
    void spacesAroundTheEqualsSignAreAllowed() {
        NsSwitch ns = NsSwitch.parse("hosts: files [ NOTFOUND = return ] nis\n");
        assertEquals(Action.RETURN, ns.chain(NameMap.HOSTS).get(0).after(Status.NOTFOUND));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void unknownActionIsReportedWithItsLine() {
        NsSwitch ns = NsSwitch.parse("# comment\nethers: files [NOTFOUND=stop] nis\n");
        assertEquals(List.of(step("files"), step("nis")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of("line 2: unknown action 'stop' (return or continue)"), ns.problems());
    }

    @Test
    void unknownStatusIsReportedWithItsLine() {
        NsSwitch ns = NsSwitch.parse("ethers: files\nhosts: files [BOGUS=return NOTFOUND=return] nis\n");
        assertEquals(List.of(step("files", Status.NOTFOUND, Action.RETURN), step("nis")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of("line 2: unknown status 'BOGUS'"), ns.problems());
    }

    @Test
    void criterionWithoutEqualsIsReported() {
        NsSwitch ns = NsSwitch.parse("ethers: files [NOTFOUND] nis\n");
        assertEquals(List.of(step("files"), step("nis")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of("line 1: bad action 'NOTFOUND' (want STATUS=action)"), ns.problems());
    }

    @Test
    void secondLineForAMapIsReportedAndTheFirstWins() {
        NsSwitch ns = NsSwitch.parse("ethers: nis files\nhosts: files\nethers: ldap\n");
        assertEquals(List.of(step("nis"), step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of("line 3: 'ethers' given again; the first line is used"), ns.problems());
    }

    @Test
    void mapWithoutALineIsAskedOfFilesAlone() {
        NsSwitch ns = NsSwitch.parse("hosts: nis\n");
        for (NameMap map : List.of(NameMap.ETHERS, NameMap.BOOTPARAMS, NameMap.BOOTPTAB, NameMap.NETGROUP)) {
            assertEquals(List.of(step("files")), ns.chain(map), map.key());
        }
        assertEquals(NsSwitch.DEFAULT_CHAIN, NsSwitch.defaults().chain(NameMap.HOSTS));
        assertEquals(List.of(), NsSwitch.parse("").problems());
        assertEquals(Map.of(), NsSwitch.parse("").chains());
    }

    @Test
    void emptyChainMeansFilesAndIsReported() {
        NsSwitch ns = NsSwitch.parse("ethers:\nhosts:    # nothing here\n");
        assertEquals(List.of(step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(step("files")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of("line 1: 'ethers' names no source; using 'files'",
                "line 2: 'hosts' names no source; using 'files'"), ns.problems());
    }

    @Test
    void actionBeforeAnySourceIsReportedAndDropped() {
        NsSwitch ns = NsSwitch.parse("ethers: [NOTFOUND=return] files\n");
        assertEquals(List.of(step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of("line 1: action '[NOTFOUND=return]' before any source"), ns.problems());
    }

    @Test
    void onlyAnActionIsAnEmptyChain() {
        NsSwitch ns = NsSwitch.parse("ethers: [NOTFOUND=return]\n");
        assertEquals(List.of(step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(2, ns.problems().size(), ns.problems().toString());
    }

    @Test
    void unterminatedBracketIsReportedAndKeepsTheSourcesBeforeIt() {
        NsSwitch ns = NsSwitch.parse("ethers: nis files [NOTFOUND=return ldap\nhosts: dns\n");
        assertEquals(List.of(step("nis"), step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(step("dns")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of("line 1: unterminated '['"), ns.problems());
    }

    @Test
    void lineWithoutColonIsReported() {
        NsSwitch ns = NsSwitch.parse("ethers files nis\n: files\nhosts: nis\n");
        assertEquals(List.of(step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(step("nis")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of("line 1: expected 'map: sources', got 'ethers files nis'",
                "line 2: expected 'map: sources', got ': files'"), ns.problems());
    }

    @Test
    void commentsMayFollowASourceAndWhitespaceAroundTheMapNameIsIgnored() {
        NsSwitch ns = NsSwitch.parse("  ethers\t:\tnis#files\n\t# hosts: ldap\n");
        assertEquals(List.of(step("nis")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(step("files")), ns.chain(NameMap.HOSTS));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void crlfLineEndingsLeaveNoCarriageReturnInNames() {
        NsSwitch ns = NsSwitch.parse("ethers: nis files\r\nhosts: files [NOTFOUND=return]\r\nbootparams: ldap\r\n");
        assertEquals(List.of(step("nis"), step("files")), ns.chain(NameMap.ETHERS));
        assertEquals(List.of(step("files", Status.NOTFOUND, Action.RETURN)), ns.chain(NameMap.HOSTS));
        assertEquals(List.of(step("ldap")), ns.chain(NameMap.BOOTPARAMS));
        assertEquals(List.of(), ns.problems());
    }

    @Test
    void lineNumbersCountEveryLine() {
        NsSwitch ns = NsSwitch.parse("\n\n# c\npasswd: files\r\n\nethers: files [X=return]\n");
        assertEquals(List.of("line 6: unknown status 'X'"), ns.problems());
    }

    @Test
    void stepDefaultsAreReturnOnSuccessAndContinueOtherwise() {
        Step plain = step("files");
        assertEquals(Action.RETURN, plain.after(Status.SUCCESS));
        assertEquals(Action.CONTINUE, plain.after(Status.NOTFOUND));
        assertEquals(Action.CONTINUE, plain.after(Status.UNAVAIL));

        Step notFoundReturns = step("files", Status.NOTFOUND, Action.RETURN);
        assertEquals(Action.RETURN, notFoundReturns.after(Status.SUCCESS));
        assertEquals(Action.RETURN, notFoundReturns.after(Status.NOTFOUND));
        assertEquals(Action.CONTINUE, notFoundReturns.after(Status.UNAVAIL));

        assertEquals(Action.CONTINUE, step("nis", Status.SUCCESS, Action.CONTINUE).after(Status.SUCCESS));
    }

    @Test
    void problemsEchoAtMostAShortPieceOfTheInput() {
        String longName = "x".repeat(10_000);
        NsSwitch ns = NsSwitch.parse(longName + "\nethers: files [" + longName + "=return] [NOTFOUND=" + longName + "]\n");
        assertEquals(3, ns.problems().size(), () -> ns.problems().size() + " problems");
        for (String p : ns.problems()) {
            assertTrue(p.length() < 200, () -> "problem of " + p.length() + " chars");
        }
    }

    @Test
    @Timeout(20) // a guard against pathological parsing, not a measurement
    void binaryJunkParsesWithoutException() {
        byte[] junk = new byte[256 * 1024];
        new Random(42).nextBytes(junk);
        for (String text : List.of(new String(junk, StandardCharsets.UTF_8), new String(junk, StandardCharsets.ISO_8859_1))) {
            NsSwitch ns = NsSwitch.parse(text);
            for (NameMap map : NameMap.values()) {
                assertTrue(!ns.chain(map).isEmpty());
            }
        }
    }

    @Test
    @Timeout(20) // a guard against pathological parsing, not a measurement
    void megabyteLinesParseWithoutException() {
        int mb = 1 << 20;
        List<String> lines = List.of(
                "ethers: " + "x".repeat(mb),
                "ethers: " + "files ".repeat(mb / 6),
                "ethers: files " + "[".repeat(mb),
                "ethers: files [" + "NOTFOUND=return ".repeat(mb / 16) + "]",
                "ethers: files " + "[NOTFOUND=return]".repeat(mb / 17),
                "ethers: " + "[x]".repeat(mb / 3),
                "ethers: files " + "]".repeat(mb),
                "ethers: files [" + "=".repeat(mb) + "]",
                "x".repeat(mb),
                ":".repeat(mb),
                "#".repeat(mb),
                "\n".repeat(mb),
                "\r".repeat(mb));
        for (String line : lines) {
            NsSwitch ns = NsSwitch.parse(line + "\nhosts: nis\n");
            assertEquals(List.of(step("nis")), ns.chain(NameMap.HOSTS));
            assertTrue(!ns.chain(NameMap.ETHERS).isEmpty());
        }
    }
}
