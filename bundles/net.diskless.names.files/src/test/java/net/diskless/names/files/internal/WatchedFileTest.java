package net.diskless.names.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import net.diskless.api.MacAddress;
import net.diskless.api.names.EthersEntry;
import net.diskless.api.names.HostEntry;
import net.diskless.names.files.internal.parse.EthersFile;
import net.diskless.names.files.internal.parse.HostsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedFileTest {

    @TempDir
    Path dir;

    private Path ethersPath() {
        return dir.resolve("ethers");
    }

    private WatchedFile<EthersEntry> ethers(long maxBytes) {
        return new WatchedFile<>(ethersPath(), maxBytes, EthersFile::parse);
    }

    /** Writes the file and moves its modification time on, so the change is seen even within one millisecond. */
    private void write(String content) throws IOException {
        Path p = ethersPath();
        FileTime before = Files.exists(p) ? Files.getLastModifiedTime(p) : FileTime.fromMillis(0);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        if (Files.getLastModifiedTime(p).toMillis() <= before.toMillis()) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(before.toMillis() + 1000));
        }
    }

    private static List<String> hosts(WatchedFile<EthersEntry> f) {
        return f.entries().stream().map(EthersEntry::hostname).toList();
    }

    @Test
    void missingFileIsEmptyAndReportedAsAChangeOnce() {
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        assertEquals(List.of(), f.entries());
        assertTrue(f.refresh());
        assertEquals(List.of(), f.entries());
        assertFalse(f.refresh());
        assertEquals(ethersPath(), f.path());
    }

    @Test
    void fileIsParsedOnTheFirstRefresh() throws IOException {
        write("8:0:20:1:2:3 sun1\n8:0:20:1:2:4 sun2\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        assertTrue(f.refresh());
        assertEquals(List.of(new EthersEntry(MacAddress.parse("8:0:20:1:2:3"), "sun1"),
                new EthersEntry(MacAddress.parse("8:0:20:1:2:4"), "sun2")), f.entries());
    }

    @Test
    void unchangedFileIsNotReadAgain() throws IOException {
        write("8:0:20:1:2:3 sun1\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        assertTrue(f.refresh());
        List<EthersEntry> first = f.entries();
        assertFalse(f.refresh());
        assertFalse(f.refresh());
        assertTrue(first == f.entries());
    }

    @Test
    void contentChangeIsNoticed() throws IOException {
        write("8:0:20:1:2:3 sun1\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        f.refresh();
        write("8:0:20:1:2:3 sun9\n"); // same size
        assertTrue(f.refresh());
        assertEquals(List.of("sun9"), hosts(f));
    }

    @Test
    void replacementWithTheSameSizeAndTimeButANewInodeIsNoticed() throws IOException {
        write("8:0:20:1:2:3 sun1\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        f.refresh();
        BasicFileAttributes before = Files.readAttributes(ethersPath(), BasicFileAttributes.class);
        assumeTrue(before.fileKey() != null, "this file system has no file keys (inodes)");
        Path tmp = dir.resolve("ethers.tmp");
        Files.writeString(tmp, "8:0:20:1:2:3 sun2\n");
        Files.setLastModifiedTime(tmp, before.lastModifiedTime());
        Files.move(tmp, ethersPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(f.refresh());
        assertEquals(List.of("sun2"), hosts(f));
    }

    @Test
    void removedFileEmptiesTheMap() throws IOException {
        write("8:0:20:1:2:3 sun1\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        f.refresh();
        Files.delete(ethersPath());
        assertTrue(f.refresh());
        assertEquals(List.of(), f.entries());
        assertFalse(f.refresh());
    }

    @Test
    void malformedLinesKeepTheRest() throws IOException {
        write("8:0:20:1:2:3 sun1\n08:00:zz:01:02:03 bad\n\u0000\u00ff junk\n8:0:20:1:2:4 sun2\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        assertTrue(f.refresh());
        assertEquals(List.of("sun1", "sun2"), hosts(f));
    }

    @Test
    void fileOverTheLimitKeepsThePreviousContents() throws IOException {
        write("8:0:20:1:2:3 sun1\n");
        WatchedFile<EthersEntry> f = ethers(100);
        assertTrue(f.refresh());
        write("8:0:20:1:2:3 sun2\n" + "#".repeat(200) + "\n");
        assertFalse(f.refresh());
        assertEquals(List.of("sun1"), hosts(f));
        assertFalse(f.refresh(), "the refused file is not looked at again until it changes");

        write("8:0:20:1:2:3 sun3\n");
        assertTrue(f.refresh(), "back under the limit");
        assertEquals(List.of("sun3"), hosts(f));
    }

    @Test
    void fileOfExactlyTheLimitIsRead() throws IOException {
        String content = "8:0:20:1:2:3 sun1\n";
        write(content);
        WatchedFile<EthersEntry> f = ethers(content.length());
        assertTrue(f.refresh());
        assertEquals(List.of("sun1"), hosts(f));
    }

    @Test
    void directoryInPlaceOfTheFileKeepsThePreviousContents() throws IOException {
        write("8:0:20:1:2:3 sun1\n");
        WatchedFile<EthersEntry> f = ethers(1 << 20);
        f.refresh();
        Files.delete(ethersPath());
        Files.createDirectory(ethersPath());
        assertFalse(f.refresh());
        assertEquals(List.of("sun1"), hosts(f));

        Files.delete(ethersPath());
        write("8:0:20:1:2:3 sun2\n");
        assertTrue(f.refresh(), "a readable file again");
        assertEquals(List.of("sun2"), hosts(f));
    }

    @Test
    void worksWithTheHostsParserToo() throws IOException {
        Path hostsPath = dir.resolve("hosts");
        Files.writeString(hostsPath, "127.0.0.1 localhost\n::1 localhost ip6-localhost\n10.0.0.5 sun1 loghost\n");
        WatchedFile<HostEntry> f = new WatchedFile<>(hostsPath, 1 << 20, HostsFile::parse);
        assertTrue(f.refresh());
        assertEquals(List.of("localhost", "localhost", "sun1"), f.entries().stream().map(HostEntry::canonicalName).toList());
    }
}
