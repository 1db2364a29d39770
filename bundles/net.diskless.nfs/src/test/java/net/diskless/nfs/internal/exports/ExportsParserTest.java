package net.diskless.nfs.internal.exports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExportsParserTest {

    private static final Function<String, List<InetAddress>> NO_NAMES = n -> List.of();
    private final ExportsParser parser = new ExportsParser(ExportsParser.ids(
            Map.of("root", 0, "operator", 2, "nobody", 65534)::get, Map.of("wheel", 0, "staff", 20)::get));

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void theSeedsLines() throws Exception {
        ExportsParser.Result r = parser.parse("""
                # diskless roots
                /srv/root -ro -maproot=0 -alldirs 10.99.0.2 10.99.0.3
                /usr -ro -alldirs 10.99.0.2 10.99.0.3
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(2, r.exports().size());
        Export root = r.exports().get(0);
        assertEquals("/srv/root", root.path());
        assertTrue(root.readOnly());
        assertTrue(root.alldirs());
        assertEquals(new Cred(0, 0, new int[0]), root.mapRoot());
        assertNull(root.mapAll());
        assertTrue(root.allows(ip("10.99.0.3"), NO_NAMES));
        assertFalse(root.allows(ip("10.99.0.4"), NO_NAMES));
        Export usr = r.exports().get(1);
        assertEquals(Cred.NOBODY, usr.mapRoot(), "root is nobody without -maproot");
        assertEquals(Cred.NOBODY, usr.map(0, 0, new int[0]));
        assertEquals(new Cred(1000, 100, new int[] {5}), usr.map(1000, 100, new int[] {5}));
    }

    @Test
    void networksMasksAndSeveralPaths() throws Exception {
        ExportsParser.Result r = parser.parse("""
                /a /b -network 10.99.0.0 -mask 255.255.255.0
                /c -network=192.168.0.0/16
                /d -mask 255.0.0.0 -network 10.0.0.0
                """);
        assertEquals(List.of(), r.problems());
        assertEquals(4, r.exports().size());
        assertEquals("/b", r.exports().get(1).path());
        assertTrue(r.exports().get(0).allows(ip("10.99.0.200"), NO_NAMES));
        assertFalse(r.exports().get(0).allows(ip("10.99.1.2"), NO_NAMES));
        assertTrue(r.exports().get(2).allows(ip("192.168.77.1"), NO_NAMES));
        assertTrue(r.exports().get(3).allows(ip("10.1.2.3"), NO_NAMES));
        assertFalse(r.exports().get(3).allows(ip("11.1.2.3"), NO_NAMES));
    }

    @Test
    void maprootAndMapallWithNames() {
        ExportsParser.Result r = parser.parse("""
                /x -maproot=operator:staff:wheel
                /y -mapall=nobody
                /z -maproot root
                """);
        assertEquals(List.of(), r.problems());
        Cred op = r.exports().get(0).mapRoot();
        assertEquals(2, op.uid());
        assertEquals(20, op.gid());
        assertArrayEquals(new int[] {0}, op.groups());
        assertEquals(65534, r.exports().get(1).map(1000, 1000, new int[0]).uid());
        assertEquals(0, r.exports().get(2).mapRoot().uid());
    }

    @Test
    void noHostsIsEveryoneAndHostNamesResolveWhenAsked() throws Exception {
        ExportsParser.Result r = parser.parse("/pub -ro\n/home client1\n");
        assertTrue(r.exports().get(0).allows(ip("203.0.113.9"), NO_NAMES));
        assertFalse(r.exports().get(0).readOnly() == false);
        Function<String, List<InetAddress>> names = n -> n.equals("client1") ? List.of(InetAddress.getLoopbackAddress())
                : List.of();
        assertTrue(r.exports().get(1).allows(InetAddress.getLoopbackAddress(), names));
        assertFalse(r.exports().get(1).allows(ip("10.0.0.1"), names));
        assertFalse(r.exports().get(1).readOnly());
    }

    @Test
    void continuationLinesAndComments() {
        ExportsParser.Result r = parser.parse("/srv -ro \\\n  -alldirs # trailing comment\n\n#/nothing\n");
        assertEquals(1, r.exports().size());
        assertTrue(r.exports().get(0).alldirs());
        assertEquals(2, parser.parse("/a\n/b 10.0.0.1\n").exports().size());
    }

    @Test
    void linuxSyntax() throws Exception {
        ExportsParser.Result r = parser.parse(
                "/srv/nfs 10.99.0.0/24(rw,no_root_squash,no_subtree_check) *(ro,all_squash,anonuid=99,anongid=98)\n");
        assertEquals(List.of(), r.problems());
        Export rw = r.exports().get(0);
        assertFalse(rw.readOnly());
        assertTrue(rw.alldirs(), "knfsd lets clients mount below an export");
        assertEquals(0, rw.map(0, 0, new int[0]).uid());
        assertTrue(rw.allows(ip("10.99.0.9"), NO_NAMES));
        Export world = r.exports().get(1);
        assertTrue(world.readOnly());
        assertEquals(new Cred(99, 98, new int[0]), world.map(1000, 1000, new int[0]));
    }

    @Test
    void badLinesAreReportedAndSkipped() {
        ExportsParser.Result r = parser.parse("""
                relative/path -ro
                /a -bogus
                /b -maproot=nosuchuser
                /c -network 10.0.0.0/99
                /d @netgroup
                /e -ro 10.0.0.1
                /f/../etc -ro
                /g -mask 255.255.255.0
                /h 10.0.0.1(rw
                """);
        assertEquals(1, r.exports().size());
        assertEquals("/e", r.exports().get(0).path());
        assertEquals(8, r.problems().size(), r.problems()::toString);
        assertTrue(r.problems().get(0).startsWith("line 1:"));
    }

    @Test
    void pathsAreNormalized() {
        assertEquals("/srv/root", ExportsParser.normalize("//srv/./root/"));
        assertEquals("/", ExportsParser.normalize("/"));
        assertThrows(IllegalArgumentException.class, () -> ExportsParser.normalize("/srv/../etc"));
        assertThrows(IllegalArgumentException.class, () -> ExportsParser.normalize("srv"));
    }
}
