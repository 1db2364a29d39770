package net.diskless.nfs.internal.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.diskless.nfs.internal.handle.HandleKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTableTest {

    private static final Function<String, List<InetAddress>> NO_NAMES = n -> List.of();
    private final List<String> messages = new ArrayList<>();

    private ExportsTable table(Path file) {
        return new ExportsTable(file, new ExportsParser(ExportsParser.ids(Map.<String, Integer>of()::get,
                Map.<String, Integer>of()::get)), 0, messages::add);
    }

    @Test
    void mountDecisions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exports");
        Files.writeString(f, "/srv/root -ro -maproot=0 -alldirs 10.99.0.2\n/srv/root -alldirs 10.99.0.3\n/srv/usr 10.99.0.2\n");
        ExportsTable t = table(f);
        InetAddress c2 = InetAddress.getByName("10.99.0.2");
        InetAddress c3 = InetAddress.getByName("10.99.0.3");
        InetAddress c9 = InetAddress.getByName("10.99.0.9");
        var a = assertInstanceOf(ExportsTable.Decision.Allowed.class, t.mount("/srv/root/etc/", c2, NO_NAMES));
        assertEquals("/srv/root/etc", a.path());
        assertEquals(true, a.export().readOnly());
        var b = assertInstanceOf(ExportsTable.Decision.Allowed.class, t.mount("/srv/root", c3, NO_NAMES));
        assertEquals(false, b.export().readOnly(), "the second line is this client's");
        assertInstanceOf(ExportsTable.Decision.Denied.class, t.mount("/srv/root", c9, NO_NAMES));
        assertInstanceOf(ExportsTable.Decision.NotExported.class, t.mount("/srv/usr/bin", c2, NO_NAMES),
                "no -alldirs: only the exported directory itself");
        assertInstanceOf(ExportsTable.Decision.NotExported.class, t.mount("/srv", c2, NO_NAMES));
        assertInstanceOf(ExportsTable.Decision.NotExported.class, t.mount("/srv/root/../usr", c2, NO_NAMES));
        assertInstanceOf(ExportsTable.Access.Granted.class, t.access(HandleKey.exportId("/srv/root"), c3, NO_NAMES));
        assertInstanceOf(ExportsTable.Access.Refused.class, t.access(HandleKey.exportId("/srv/root"), c9, NO_NAMES));
        assertInstanceOf(ExportsTable.Access.Unknown.class, t.access(HandleKey.exportId("/srv"), c2, NO_NAMES));
    }

    @Test
    void reloadsWhenTheFileChanges(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("exports");
        ExportsTable t = table(f);
        assertEquals(0, t.exports().size(), "missing file: nothing exported");
        Files.writeString(f, "/a\n");
        assertEquals(1, t.exports().size());
        Files.writeString(f, "/a\n/b\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(2, t.exports().size());
        Files.delete(f);
        assertEquals(0, t.exports().size());
    }
}
