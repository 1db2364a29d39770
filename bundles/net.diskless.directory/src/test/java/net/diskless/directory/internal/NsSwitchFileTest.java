package net.diskless.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.diskless.api.names.NameMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NsSwitchFileTest {

    private static final long INTERVAL = 1_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(42);

    private Path conf() {
        return dir.resolve("nsswitch.conf");
    }

    private NsSwitchFile watch() {
        return new NsSwitchFile(conf(), INTERVAL, now::get);
    }

    private void write(String text) throws IOException {
        Files.writeString(conf(), text, StandardCharsets.UTF_8);
    }

    private static List<String> ethers(NsSwitchFile f) {
        return f.current().chain(NameMap.ETHERS).stream().map(NsSwitch.Step::source).toList();
    }

    /** Moves the clock past the next check. */
    private void nextCheck() {
        now.addAndGet(INTERVAL);
    }

    @Test
    void missingFileMeansFilesForEveryMap() {
        NsSwitchFile f = watch();
        for (NameMap map : NameMap.values()) {
            assertEquals(NsSwitch.DEFAULT_CHAIN, f.current().chain(map), map.key());
        }
        assertEquals(List.of(), f.current().problems());
        assertEquals(conf(), f.path());
    }

    @Test
    void existingFileIsReadAtOnce() throws IOException {
        write("ethers: nis files\n");
        assertEquals(List.of("nis", "files"), ethers(watch()));
    }

    @Test
    void createdFileIsPickedUpAtTheNextCheckAndNotBefore() throws IOException {
        NsSwitchFile f = watch();
        write("ethers: nis files\n");
        now.addAndGet(INTERVAL - 1);
        assertEquals(List.of("files"), ethers(f), "checked before the interval is over");
        now.addAndGet(1);
        assertEquals(List.of("nis", "files"), ethers(f));
    }

    @Test
    void changeIsPickedUpAtTheNextCheck() throws IOException {
        write("ethers: nis files\n");
        NsSwitchFile f = watch();
        write("ethers: ldap nis files\n");
        assertEquals(List.of("nis", "files"), ethers(f));
        nextCheck();
        assertEquals(List.of("ldap", "nis", "files"), ethers(f));
    }

    @Test
    void unchangedFileKeepsTheSameParse() throws IOException {
        write("ethers: nis files\n");
        NsSwitchFile f = watch();
        NsSwitch first = f.current();
        nextCheck();
        assertTrue(first == f.current(), "an unchanged file is not parsed again");
    }

    @Test
    void malformedLinesAreReportedAndTheRestIsUsed() throws IOException {
        write("ethers files\nhosts: files [NOTFOUND=stop] nis\nbootparams: nis files\n");
        NsSwitchFile f = watch();
        assertEquals(List.of("files", "nis"), f.current().chain(NameMap.HOSTS).stream().map(NsSwitch.Step::source).toList());
        assertEquals(List.of("nis", "files"), f.current().chain(NameMap.BOOTPARAMS).stream().map(NsSwitch.Step::source).toList());
        assertEquals(List.of("files"), ethers(f));
        assertEquals(2, f.current().problems().size(), f.current().problems().toString());
    }

    @Test
    void fileOverTheLimitIsRefusedAndThePreviousOrderKept() throws IOException {
        write("ethers: nis files\n");
        NsSwitchFile f = watch();
        StringBuilder big = new StringBuilder("ethers: ldap\n");
        String comment = "# " + "x".repeat(1000) + "\n";
        while (big.length() <= NsSwitchFile.MAX_BYTES) {
            big.append(comment);
        }
        write(big.toString());
        nextCheck();
        assertEquals(List.of("nis", "files"), ethers(f));

        write("ethers: ldap\n");
        nextCheck();
        assertEquals(List.of("ldap"), ethers(f), "a file back under the limit is read again");
    }

    @Test
    void fileOfExactlyTheLimitIsRead() throws IOException {
        String head = "ethers: ldap\n";
        write(head + "#".repeat((int) NsSwitchFile.MAX_BYTES - head.length()));
        assertEquals(NsSwitchFile.MAX_BYTES, Files.size(conf()));
        assertEquals(List.of("ldap"), ethers(watch()));
    }

    @Test
    void fileThatCannotBeReadKeepsThePreviousOrder() throws IOException {
        write("ethers: nis files\n");
        NsSwitchFile f = watch();
        Files.delete(conf());
        Files.createDirectory(conf()); // stat works, reading fails
        nextCheck();
        assertEquals(List.of("nis", "files"), ethers(f));
    }

    @Test
    void removedFileMeansFilesAgain() throws IOException {
        write("ethers: nis\n");
        NsSwitchFile f = watch();
        Files.delete(conf());
        nextCheck();
        assertEquals(List.of("files"), ethers(f));
    }

    @Test
    void replacementWithTheSameSizeAndTimeButANewInodeIsNoticed() throws IOException {
        write("ethers: aaa\n");
        NsSwitchFile f = watch();
        assertEquals(List.of("aaa"), ethers(f));
        BasicFileAttributes before = Files.readAttributes(conf(), BasicFileAttributes.class);
        assumeTrue(before.fileKey() != null, "this file system has no file keys (inodes)");

        Path tmp = dir.resolve("nsswitch.conf.tmp");
        Files.writeString(tmp, "ethers: bbb\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(tmp, before.lastModifiedTime());
        Files.move(tmp, conf(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        BasicFileAttributes after = Files.readAttributes(conf(), BasicFileAttributes.class);
        assertEquals(before.size(), after.size());
        assertEquals(before.lastModifiedTime().toMillis(), after.lastModifiedTime().toMillis());
        assertNotEquals(before.fileKey(), after.fileKey());

        nextCheck();
        assertEquals(List.of("bbb"), ethers(f));
    }

    @Test
    void inPlaceRewriteOfTheSameSizeIsNoticedByItsModificationTime() throws IOException {
        write("ethers: aaa\n");
        NsSwitchFile f = watch();
        FileTime t = Files.getLastModifiedTime(conf());
        // rewritten in place, same size, and the clock of the file system moved on
        write("ethers: bbb\n");
        Files.setLastModifiedTime(conf(), FileTime.fromMillis(t.toMillis() + 2000));
        nextCheck();
        assertEquals(List.of("bbb"), ethers(f));
    }

    @Test
    void describeNamesEveryMapAndItsActions() throws IOException {
        write("hosts: files [NOTFOUND=return] nis\n");
        String d = NsSwitchFile.describe(watch().current());
        assertTrue(d.contains("hosts: files [NOTFOUND=return] nis"), d);
        assertTrue(d.contains("ethers: files"), d);
        assertFalse(d.contains("\n"), d);
    }
}
