package net.diskless.tftp.internal.files;

import static net.diskless.tftp.internal.files.ClientNetworkTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemapRulesTest {

    private static final InetAddress SUN = ip("130.141.14.9");
    private static final InetAddress OTHER = ip("192.168.1.20");

    private static RemapRules ok(String... lines) {
        RemapRules rules = RemapRules.parse(List.of(lines));
        assertEquals(List.of(), rules.problems());
        return rules;
    }

    @Test
    void regexRewrite() {
        RemapRules rules = ok("^/?boot/(.*) images/$1");
        assertEquals("images/pxeboot.n12", rules.apply("/boot/pxeboot.n12", SUN));
        assertEquals("images/x", rules.apply("boot/x", SUN));
        assertEquals("other/boot/x", rules.apply("other/boot/x", SUN), "anchored: no match elsewhere");
        assertEquals(1, rules.remap("boot/x", SUN).matched().size());
        assertTrue(rules.remap("zzz", SUN).matched().isEmpty());
    }

    @Test
    void searchNotWholeMatch() {
        assertEquals("pxelinux.0", ok("\\.zero$ .0").apply("pxelinux.zero", SUN));
    }

    @Test
    void caseInsensitiveFlag() {
        assertEquals("BOOT.IMG", ok("^boot\\.img$ kernel").apply("BOOT.IMG", SUN));
        assertEquals("kernel", ok("^boot\\.img$ kernel i").apply("BOOT.IMG", SUN));
    }

    @Test
    void globalFlag() {
        assertEquals("a_b-c-d", ok("- _").apply("a-b-c-d", SUN));
        assertEquals("a_b_c_d", ok("- _ g").apply("a-b-c-d", SUN));
        assertEquals("a_b_c_d", ok("- _ gi").apply("a-b-c-d", SUN));
    }

    @Test
    void endFlagStopsAfterAMatch() {
        RemapRules chain = ok("^a b", "^b c");
        assertEquals("c", chain.apply("a", SUN), "rules apply in order to the previous result");
        RemapRules stopping = ok("^a b e", "^b c");
        assertEquals("b", stopping.apply("a", SUN));
        assertEquals("c", stopping.apply("b", SUN), "an e rule that did not match does not stop");
    }

    @Test
    void clientRestriction() {
        RemapRules rules = ok("^pxelinux.0$ sun/boot client=130.141.0.0/16");
        assertEquals("sun/boot", rules.apply("pxelinux.0", SUN));
        assertEquals("pxelinux.0", rules.apply("pxelinux.0", OTHER));
        assertEquals("pxelinux.0", rules.apply("pxelinux.0", null));
        RemapRules v6 = ok("^x$ y client=2001:db8::/32");
        assertEquals("y", v6.apply("x", ip("2001:db8::7")));
        assertEquals("x", v6.apply("x", SUN));
        assertEquals(ClientNetwork.parse("130.141.0.0/16"), rules.rules().get(0).client().orElseThrow());
    }

    @Test
    void flagsAndClientInEitherOrder() {
        RemapRules rules = ok("A b client=130.141.14.9 gi");
        RemapRule r = rules.rules().get(0);
        assertTrue(r.global());
        assertFalse(r.stop());
        assertEquals("bbb", rules.apply("aAa", SUN));
    }

    @Test
    void tftpHpaBackrefsAreConverted() {
        RemapRules rules = ok("^(.*)\\.(.*)$ \\2/\\1");
        assertEquals("$2/$1", rules.rules().get(0).replacement());
        assertEquals("SUN4U/828D0E09", rules.apply("828D0E09.SUN4U", SUN));
        // tftp-hpa's \10 is group 1 then a literal 0, even when a group 10 exists
        RemapRules ten = ok("^(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)$ \\10");
        assertEquals("a0", ten.apply("abcdefghij", SUN));
        assertEquals("whole:abc", ok("^abc$ whole:\\0").apply("abc", SUN));
        assertEquals("x\\y", ok("^z$ x\\\\y").apply("z", SUN), "\\\\ is a literal backslash");
    }

    @Test
    void clientEscapes() {
        RemapRules rules = ok("^ \\i/", "^(.*)$ $1.\\x");
        assertEquals("130.141.14.9/boot.828D0E09", rules.apply("boot", SUN));
    }

    @Test
    void javaSyntax() {
        assertEquals("x-$", ok("^(?<n>x)$ ${n}-\\$").apply("x", SUN));
    }

    @Test
    void emptyReplacementAndEscapedSpace() {
        assertEquals("x", ok("^tftpboot/ \"\"").apply("tftpboot/x", SUN));
        assertEquals("a_b", ok("a\\ b a_b").apply("a b", SUN));
    }

    @Test
    void commentsAndBlankLines() {
        RemapRules rules = ok("# a comment", "", "   ", "   # indented comment", "^a b # trailing comment");
        assertEquals(1, rules.rules().size());
        assertEquals("b", rules.apply("a", SUN));
        assertEquals("xZ", ok("\\#y Z").apply("x#y", SUN), "an escaped # is not a comment");
    }

    @Test
    void badRegexIsReportedWithItsLineNumber() {
        RemapRules rules = RemapRules.parse(List.of("# comment", "^a b", "(unclosed x", "^c d"));
        assertEquals(1, rules.problems().size());
        String problem = rules.problems().get(0);
        assertTrue(problem.startsWith("rule 3: bad regex \"(unclosed\""), problem);
        assertEquals(2, rules.rules().size(), "the other rules still apply");
        assertEquals("d", rules.apply("c", SUN));
    }

    @Test
    void otherProblems() {
        RemapRules rules = RemapRules.parse(List.of(
                "onlyregex",
                "a b gx",
                "a b client=10.0.0.0/99",
                "a b client=example.com",
                "(a) $2",
                "a b$",
                "a $x",
                "a b g e",
                "a ${nope}",
                "a b client=1.2.3.4 client=1.2.3.5",
                "a b g\u0001\u0002"));
        List<String> p = rules.problems();
        assertEquals(11, p.size(), p.toString());
        assertTrue(rules.isEmpty());
        assertTrue(p.get(0).startsWith("rule 1: missing replacement"), p.get(0));
        assertTrue(p.get(1).startsWith("rule 2: unknown flag 'x'"), p.get(1));
        assertTrue(p.get(2).startsWith("rule 3: bad client network"), p.get(2));
        assertTrue(p.get(3).startsWith("rule 4: bad client network"), p.get(3));
        assertTrue(p.get(4).startsWith("rule 5: bad replacement") && p.get(4).contains("no group 2"), p.get(4));
        assertTrue(p.get(5).startsWith("rule 6: bad replacement"), p.get(5));
        assertTrue(p.get(6).startsWith("rule 7: bad replacement"), p.get(6));
        assertTrue(p.get(7).startsWith("rule 8: unexpected"), p.get(7));
        assertTrue(p.get(8).startsWith("rule 9: bad replacement"), p.get(8));
        assertTrue(p.get(9).startsWith("rule 10: more than one client="), p.get(9));
        assertTrue(p.get(10).contains("\\x01\\x02"), "non-printables escaped: " + p.get(10));
        for (String s : p) {
            assertTrue(s.chars().allMatch(c -> c >= 0x20 && c < 0x7F), s);
        }
    }

    @Test
    void longProblemTokensAreCut() {
        String regex = "(" + "x".repeat(500);
        String problem = RemapRules.parse(List.of(regex + " y")).problems().get(0);
        assertTrue(problem.length() < 200, problem);
    }

    @Test
    void outputIsBounded() {
        // each rule doubles the name; processing stops once it passes the limit
        String[] lines = new String[20];
        java.util.Arrays.fill(lines, "^(.*)$ $1$1");
        RemapRules rules = ok(lines);
        RemapRules.Remapped r = rules.remap("x".repeat(100), SUN);
        assertTrue(r.tooLong());
        assertTrue(r.name().length() <= 2 * RemapRules.MAX_RESULT_LENGTH, "stopped right after passing the limit");
    }

    @Test
    void noRules() {
        assertEquals("a/b", RemapRules.none().apply("a/b", SUN));
        assertEquals("a/b", RemapRules.parse(List.of()).apply("a/b", SUN));
    }

    @Test
    void toStringReadsLikeTheRule() {
        assertEquals("^a b gie client=10.0.0.0/8", ok("^a b gie client=10.0.0.0/8").rules().get(0).toString());
        assertEquals("^a \"\"", ok("^a \"\"").rules().get(0).toString());
    }
}
