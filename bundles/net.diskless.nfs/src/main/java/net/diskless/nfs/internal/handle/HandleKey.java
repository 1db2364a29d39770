package net.diskless.nfs.internal.handle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and checks file handles. A handle is 32 bytes:
 * {@code version(1) 0(3) export-id(4) file-id(8) HMAC-SHA256(first 16 bytes)(16)}. The key lives in a file under
 * the appliance home, so handles stay valid across restarts; without the key no handle can be made, so a client
 * can reach only what it was given by MOUNT and LOOKUP. The file id names the file inside its export only; the
 * export id is a hash of the export's path, so a handle stays valid when the exports file is reordered.
 */
public final class HandleKey {

    public static final int LENGTH = 32;
    static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;
    /** One initialised Mac per thread: looking the algorithm up and keying it costs more than the MAC itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public HandleKey(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("handle key of " + secret.length + " bytes, need at least 16");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * The key stored at {@code file}, made (32 random bytes, mode 0600) when there is none. A key that exists
     * but is unreadable or short is an error, not replaced: replacing it would make every client's handles stale.
     */
    public static HandleKey load(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, secret, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.SYNC);
            } catch (FileAlreadyExistsException raced) {
                // another start made it first: use theirs
            }
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length < 16) {
            throw new IOException(file + ": handle key of " + secret.length + " bytes, need at least 16");
        }
        return new HandleKey(secret);
    }

    /** A stable 32-bit id for the export at this path. */
    public static int exportId(String exportPath) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(exportPath.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d).getInt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public byte[] encode(FileHandle h) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(VERSION).put(new byte[3]).putInt(h.exportId()).putLong(h.fileId());
        b.put(mac(b.array(), 16), 0, MAC_BYTES);
        return b.array();
    }

    /** The handle's contents when it is one of ours, untouched; empty otherwise (BADHANDLE). */
    public Optional<FileHandle> decode(byte[] handle) {
        if (handle == null || handle.length != LENGTH || handle[0] != VERSION) {
            return Optional.empty();
        }
        byte[] expected = Arrays.copyOf(mac(handle, 16), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(handle, 16, LENGTH))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(handle);
        if (b.getInt(0) != (VERSION << 24)) {
            return Optional.empty();
        }
        return Optional.of(new FileHandle(b.getInt(4), b.getLong(8)));
    }

    private byte[] mac(byte[] data, int length) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        return mac.doFinal(); // doFinal resets the Mac for the next handle
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
