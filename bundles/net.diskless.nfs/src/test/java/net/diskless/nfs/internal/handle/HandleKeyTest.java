package net.diskless.nfs.internal.handle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandleKeyTest {

    private final HandleKey key = new HandleKey("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTrip() {
        FileHandle h = new FileHandle(HandleKey.exportId("/srv/root"), 123456789L);
        byte[] bytes = key.encode(h);
        assertEquals(HandleKey.LENGTH, bytes.length);
        assertEquals(Optional.of(h), key.decode(bytes));
    }

    @Test
    void everyFlippedBitIsRefused() {
        byte[] good = key.encode(new FileHandle(7, 42));
        for (int i = 0; i < good.length * 8; i++) {
            byte[] bad = good.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            assertTrue(key.decode(bad).isEmpty(), "bit " + i);
        }
    }

    @Test
    void forgedShortLongAndForeignHandlesAreRefused() {
        byte[] good = key.encode(new FileHandle(7, 42));
        assertTrue(key.decode(new byte[0]).isEmpty());
        assertTrue(key.decode(Arrays.copyOf(good, 31)).isEmpty());
        assertTrue(key.decode(Arrays.copyOf(good, 64)).isEmpty());
        assertTrue(key.decode(null).isEmpty());
        // the same file id under another export id, with a MAC made by another key
        HandleKey other = new HandleKey("another key, also 32 bytes long!".getBytes());
        assertTrue(key.decode(other.encode(new FileHandle(8, 42))).isEmpty());
        // swapping in another export id without the key
        byte[] moved = good.clone();
        moved[7] ^= 1;
        assertTrue(key.decode(moved).isEmpty());
    }

    @Test
    void theKeyFileIsMadeOnceAndKept(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("var/nfs/handle.key");
        byte[] handle = HandleKey.load(file).encode(new FileHandle(1, 2));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        byte[] secret = Files.readAllBytes(file);
        // a restart: the same key, the same handles
        assertArrayEquals(handle, HandleKey.load(file).encode(new FileHandle(1, 2)));
        assertArrayEquals(secret, Files.readAllBytes(file));
    }

    @Test
    void aShortKeyFileIsAnErrorNotReplaced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("k");
        Files.write(file, new byte[5]);
        assertThrows(IOException.class, () -> HandleKey.load(file));
        assertEquals(5, Files.size(file));
    }

    @Test
    void exportIdsDependOnThePathOnly() {
        assertEquals(HandleKey.exportId("/a"), HandleKey.exportId("/a"));
        assertTrue(HandleKey.exportId("/a") != HandleKey.exportId("/b"));
    }
}
