package net.diskless.tftp.internal.files;

import static net.diskless.tftp.internal.files.ClientNetworkTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileResolverTest {

    /** 130.141.14.9 is 828D0E09. */
    private static final InetAddress SUN = ip("130.141.14.9");
    private static final InetAddress OTHER = ip("130.141.14.10");

    @TempDir
    Path tmp;
    Path root;
    Path outside;
    final List<String> lookups = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        write(outside.resolve("secret"), "secret");
    }

    // ---- helpers

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private FileResolver resolver() {
        return new FileResolver(root, RemapRules.none(), false, 255, BootFileLookup.NONE);
    }

    private FileResolver resolver(BootFileLookup lookup) {
        return new FileResolver(root, RemapRules.none(), false, 255, (client, arch) -> {
            lookups.add(client.getHostAddress() + " [" + arch + "]");
            return lookup.bootFile(client, arch);
        });
    }

    private static Resolution.Found found(Resolution r) {
        return assertInstanceOf(Resolution.Found.class, r, () -> "expected Found, got " + r);
    }

    private static void assertDenied(int code, String reason, Resolution r) {
        Resolution.Denied d = assertInstanceOf(Resolution.Denied.class, r, () -> "expected Denied, got " + r);
        assertEquals(code, d.errorCode(), d::toString);
        if (reason != null) {
            assertEquals(reason, d.reason());
        }
        assertTrue(d.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7F), d.reason());
        assertTrue(d.reason().length() <= 80, d.reason());
    }

    private Path real(String relative) throws IOException {
        return root.resolve(relative).toRealPath();
    }

    // ---- plain names

    @Test
    void plainFile() throws IOException {
        write(root.resolve("pxelinux.0"), "12345");
        Resolution.Found f = found(resolver().resolve("pxelinux.0", SUN));
        assertEquals(real("pxelinux.0"), f.file());
        assertEquals(5, f.size());
        assertEquals("file", f.rule());
        assertTrue(f.file().isAbsolute());
    }

    @Test
    void nestedDirectory() throws IOException {
        write(root.resolve("boot/grub/grub.cfg"), "cfg");
        assertEquals(real("boot/grub/grub.cfg"), found(resolver().resolve("boot/grub/grub.cfg", SUN)).file());
        assertEquals(real("boot/grub/grub.cfg"), found(resolver().resolve("boot//./grub/./grub.cfg", SUN)).file());
    }

    @Test
    void missingFile() {
        assertDenied(1, "file not found", resolver().resolve("nothing-here", SUN));
        assertDenied(1, "file not found", resolver().resolve("no/such/dir/x", SUN));
    }

    @Test
    void fileUsedAsDirectoryIsNotFound() throws IOException {
        write(root.resolve("file"), "x");
        assertDenied(1, "file not found", resolver().resolve("file/x", SUN));
    }

    // ---- traversal

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a/../../x", "a/../x", "..", "/..", "x/..", "..\\..\\x",
            "boot\\..\\..\\outside\\secret", "../outside/secret", "tftpboot/../outside/secret"})
    void parentReferencesAreRefused(String name) throws IOException {
        write(root.resolve("a/x"), "x");
        write(root.resolve("x"), "x");
        assertDenied(2, "parent directory reference", resolver().resolve(name, SUN));
    }

    @Test
    void absoluteNamesStayInsideTheRoot() throws IOException {
        assertDenied(1, "file not found", resolver().resolve("/etc/passwd", SUN));
        assertDenied(1, "file not found", resolver().resolve("///etc/passwd", SUN));
        write(root.resolve("etc/passwd"), "jailed");
        assertEquals(real("etc/passwd"), found(resolver().resolve("/etc/passwd", SUN)).file());
    }

    @Test
    void backslashesAreSlashes() throws IOException {
        write(root.resolve("boot/pxeboot.n12"), "x");
        assertEquals(real("boot/pxeboot.n12"), found(resolver().resolve("\\boot\\pxeboot.n12", SUN)).file());
    }

    @Test
    void urlEncodingIsLiteral() throws IOException {
        assertDenied(1, "file not found", resolver().resolve("%2e%2e/outside/secret", SUN));
        assertDenied(1, "file not found", resolver().resolve("%2e%2e%2foutside%2fsecret", SUN));
        write(root.resolve("%2e%2e/x"), "literal");
        assertEquals(real("%2e%2e/x"), found(resolver().resolve("%2e%2e/x", SUN)).file());
    }

    @Test
    void tripleDotIsAnOrdinaryName() throws IOException {
        write(root.resolve(".../x"), "x");
        assertEquals(real(".../x"), found(resolver().resolve(".../x", SUN)).file());
    }

    // ---- hostile characters and lengths

    @Test
    void nulIsRefused() throws IOException {
        write(root.resolve("a"), "x");
        assertDenied(2, "NUL in file name", resolver().resolve("a\0.txt", SUN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "\tx", "x\u001b[31m", "x\u007f", "x\u0085", "x\u009b"})
    void controlCharactersAreRefused(String name) {
        assertDenied(2, "control character in file name", resolver().resolve(name, SUN));
    }

    @Test
    void emptyNameIsRefused() {
        assertDenied(2, "empty file name", resolver().resolve("", SUN));
        assertDenied(2, "empty file name", resolver().resolve(null, SUN));
    }

    @Test
    void overlongNamesAreRefusedBeforeRemapping() throws IOException {
        FileResolver r = new FileResolver(root, RemapRules.parse(List.of("^x+$ short")), false, 20, BootFileLookup.NONE);
        write(root.resolve("short"), "x");
        assertEquals(real("short"), found(r.resolve("x".repeat(20), SUN)).file());
        assertDenied(2, "file name too long", r.resolve("x".repeat(21), SUN));
        assertDenied(2, "file name too long", r.resolve("x".repeat(100_000), SUN));
    }

    @Test
    void utf8NamesAsTheyArriveFromTheWire() throws IOException {
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "file names are not UTF-8 in this JVM's locale (sun.jnu.encoding)");
        write(root.resolve("caf\u00e9\u20ac.txt"), "x");
        // the codec decodes bytes as ISO-8859-1: é is C3 A9, € is E2 82 AC (0x82 is a C1 control as Latin-1)
        String wire = new String("caf\u00e9\u20ac.txt".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(real("caf\u00e9\u20ac.txt"), found(resolver().resolve(wire, SUN)).file());
        // not UTF-8: kept as Latin-1 and simply not found
        assertDenied(1, "file not found", resolver().resolve("caf\u00e9.txt", SUN));
    }

    // ---- symlinks and file types

    @Test
    void symlinkInsideTheRootIsFollowed() throws IOException {
        write(root.resolve("images/vmlinuz-6.1"), "kernel");
        Files.createSymbolicLink(root.resolve("vmlinuz"), Path.of("images/vmlinuz-6.1"));
        Resolution.Found f = found(resolver().resolve("vmlinuz", SUN));
        assertEquals(real("images/vmlinuz-6.1"), f.file(), "the real path, not the link");
        assertEquals(6, f.size());
    }

    @Test
    void absoluteSymlinkToInsideTheRootIsFine() throws IOException {
        Path target = write(root.resolve("images/k"), "k");
        Files.createSymbolicLink(root.resolve("k"), target.toAbsolutePath());
        assertEquals(real("images/k"), found(resolver().resolve("k", SUN)).file());
    }

    @Test
    void symlinkToEtcPasswdIsRefused() throws IOException {
        assumeTrue(Files.isRegularFile(Path.of("/etc/passwd")), "no /etc/passwd here");
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        assertDenied(2, "resolves outside the TFTP root", resolver().resolve("passwd", SUN));
    }

    @Test
    void relativeSymlinkOutOfTheRootIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("s"), Path.of("../outside/secret"));
        assertDenied(2, "resolves outside the TFTP root", resolver().resolve("s", SUN));
    }

    @Test
    void symlinkedDirectoryPointingOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        assertDenied(2, "resolves outside the TFTP root", resolver().resolve("escape/secret", SUN));
    }

    @Test
    void siblingWithTheRootAsPrefixIsOutside() throws IOException {
        write(tmp.resolve("root2/x"), "x");
        Files.createSymbolicLink(root.resolve("x"), Path.of("../root2/x"));
        assertDenied(2, "resolves outside the TFTP root", resolver().resolve("x", SUN));
    }

    @Test
    void symlinkLoopIsNotFound() throws IOException {
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        assertDenied(1, "file not found", resolver().resolve("loop", SUN));
    }

    @Test
    void directoryIsRefused() throws IOException {
        Files.createDirectories(root.resolve("boot"));
        assertDenied(2, "not a regular file", resolver().resolve("boot", SUN));
        assertDenied(2, "not a regular file", resolver().resolve("/", SUN));
        assertDenied(2, "not a regular file", resolver().resolve(".", SUN));
    }

    @Test
    void fifoIsRefused() throws Exception {
        Path fifo = root.resolve("fifo");
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
        }
        assertDenied(2, "not a regular file", resolver().resolve("fifo", SUN));
    }

    @Test
    void tftpbootPrefixWithoutTheLink() throws IOException {
        write(root.resolve("828D0E09.SUN4U"), "boot");
        Resolution.Found f = found(resolver().resolve("tftpboot/828D0E09.SUN4U", SUN));
        assertEquals(real("828D0E09.SUN4U"), f.file());
        assertEquals("tftpboot/ prefix", f.rule());
        assertEquals(real("828D0E09.SUN4U"), found(resolver().resolve("/tftpboot/828D0E09.SUN4U", SUN)).file());
    }

    @Test
    void tftpbootPrefixWithTheRealLink() throws IOException {
        write(root.resolve("828D0E09.SUN4U"), "boot");
        Files.createSymbolicLink(root.resolve("tftpboot"), Path.of("."));
        Resolution.Found f = found(resolver().resolve("/tftpboot/828D0E09.SUN4U", SUN));
        assertEquals(real("828D0E09.SUN4U"), f.file());
        assertEquals("file", f.rule(), "the filesystem resolved it");
    }

    @Test
    void repeatedTftpbootPrefix() throws IOException {
        write(root.resolve("x"), "x");
        Resolution.Found emulated = found(resolver().resolve("/tftpboot/tftpboot/x", SUN));
        assertEquals(real("x"), emulated.file());
        assertEquals(real("x"), found(resolver().resolve("tftpboot//./tftpboot/x", SUN)).file());
        Files.createSymbolicLink(root.resolve("tftpboot"), Path.of("."));
        assertEquals(real("x"), found(resolver().resolve("/tftpboot/tftpboot/x", SUN)).file());
    }

    @Test
    void aRealTftpbootDirectoryIsLeftAlone() throws IOException {
        write(root.resolve("tftpboot/x"), "inner");
        write(root.resolve("y"), "outer");
        assertEquals(real("tftpboot/x"), found(resolver().resolve("tftpboot/x", SUN)).file());
        assertDenied(1, "file not found", resolver().resolve("tftpboot/y", SUN));
    }

    @Test
    void aDanglingTftpbootLinkIsARealEntry() throws IOException {
        write(root.resolve("x"), "x");
        Files.createSymbolicLink(root.resolve("tftpboot"), Path.of("gone"));
        assertDenied(1, "file not found", resolver().resolve("tftpboot/x", SUN));
    }

    // ---- hex-IP names through the directory

    @Test
    void hexIpOfTheRequestingClientAsksTheDirectory() throws IOException {
        Path kernel = write(root.resolve("sun/inetboot.sun4u"), "sparc");
        FileResolver r = resolver((client, arch) -> Optional.of(kernel));
        Resolution.Found f = found(r.resolve("/tftpboot/828D0E09.SUN4U", SUN));
        assertEquals(real("sun/inetboot.sun4u"), f.file());
        assertEquals("hex-ip boot file", f.rule());
        assertEquals(List.of("130.141.14.9 [SUN4U]"), lookups);

        found(r.resolve("828D0E09", SUN));
        found(r.resolve("828d0e09", SUN));
        assertEquals(List.of("130.141.14.9 [SUN4U]", "130.141.14.9 []", "130.141.14.9 []"), lookups);
    }

    @Test
    void anotherClientsHexNameIsNotLeaked() throws IOException {
        Path kernel = write(root.resolve("sun/inetboot.sun4u"), "sparc");
        FileResolver r = resolver((client, arch) -> Optional.of(kernel));
        assertDenied(1, "file not found", r.resolve("828D0E09.SUN4U", OTHER));
        assertDenied(1, "file not found", r.resolve("tftpboot/828D0E09", OTHER));
        assertEquals(List.of(), lookups, "the directory is not even asked");
    }

    @Test
    void hexIpLookupIsSkippedForIpv6Clients() {
        FileResolver r = resolver((client, arch) -> Optional.of(root));
        assertDenied(1, "file not found", r.resolve("828D0E09", ip("2001:db8::9")));
        assertDenied(1, "file not found", r.resolve("828D0E09", null));
        assertEquals(List.of(), lookups);
    }

    @Test
    void hexIpLookupAnsweringOutsideTheRootIsRefused() throws IOException {
        Path secret = outside.resolve("secret");
        assertDenied(2, "resolves outside the TFTP root", resolver((c, a) -> Optional.of(secret)).resolve("828D0E09", SUN));
        assertDenied(2, "resolves outside the TFTP root",
                resolver((c, a) -> Optional.of(Path.of("../outside/secret"))).resolve("828D0E09", SUN));
        assertDenied(2, "not a regular file", resolver((c, a) -> Optional.of(root)).resolve("828D0E09", SUN));
    }

    @Test
    void hexIpLookupRelativeAnswersAreInTheRoot() throws IOException {
        write(root.resolve("sun/k"), "k");
        assertEquals(real("sun/k"),
                found(resolver((c, a) -> Optional.of(Path.of("sun/k"))).resolve("828D0E09", SUN)).file());
    }

    @Test
    void hexIpLookupWithoutAnAnswerOrFailing() {
        assertDenied(1, "file not found", resolver((c, a) -> Optional.empty()).resolve("828D0E09", SUN));
        assertDenied(1, "file not found", resolver((c, a) -> Optional.of(root.resolve("missing"))).resolve("828D0E09", SUN));
        assertDenied(1, "boot file lookup failed", resolver((c, a) -> {
            throw new IllegalStateException("directory down");
        }).resolve("828D0E09", SUN));
    }

    @Test
    void aRealHexIpFileWinsOverTheDirectory() throws IOException {
        write(root.resolve("828D0E09"), "real");
        Resolution.Found f = found(resolver((c, a) -> Optional.of(outside.resolve("secret"))).resolve("828D0E09", SUN));
        assertEquals(real("828D0E09"), f.file());
        assertEquals(List.of(), lookups);
    }

    @Test
    void hexNamesInSubdirectoriesAreNotLookedUp() throws IOException {
        Path kernel = write(root.resolve("sun/k"), "k");
        FileResolver r = resolver((c, a) -> Optional.of(kernel));
        // PXELINUX asks for pxelinux.cfg/<hex ip>: that must never be answered with a Sun kernel
        assertDenied(1, "file not found", r.resolve("pxelinux.cfg/828D0E09", SUN));
        assertEquals(List.of(), lookups);
    }

    @Test
    void notHexAtAll() {
        FileResolver r = resolver((c, a) -> Optional.of(root));
        assertDenied(1, "file not found", r.resolve("828D0E0G", SUN));
        assertDenied(1, "file not found", r.resolve("828D0E09X", SUN));
        assertEquals(List.of(), lookups);
    }

    // ---- unique root

    @Test
    void uniqueRootIsPreferredThenTheSharedRoot() throws IOException {
        write(root.resolve("130.141.14.9/pxelinux.0"), "own");
        write(root.resolve("pxelinux.0"), "shared");
        write(root.resolve("shared-only"), "shared");
        FileResolver unique = new FileResolver(root, RemapRules.none(), true, 255, BootFileLookup.NONE);

        Resolution.Found own = found(unique.resolve("pxelinux.0", SUN));
        assertEquals(real("130.141.14.9/pxelinux.0"), own.file());
        assertEquals("unique-root", own.rule());

        Resolution.Found fallback = found(unique.resolve("shared-only", SUN));
        assertEquals(real("shared-only"), fallback.file());
        assertEquals("file", fallback.rule());

        assertEquals(real("pxelinux.0"), found(unique.resolve("pxelinux.0", OTHER)).file(), "no own directory");
        assertEquals(real("pxelinux.0"), found(resolver().resolve("pxelinux.0", SUN)).file(), "uniqueRoot off");
    }

    @Test
    void uniqueRootWithTftpbootPrefix() throws IOException {
        write(root.resolve("130.141.14.9/x"), "own");
        write(root.resolve("x"), "shared");
        Files.createSymbolicLink(root.resolve("tftpboot"), Path.of("."));
        FileResolver unique = new FileResolver(root, RemapRules.none(), true, 255, BootFileLookup.NONE);
        Resolution.Found f = found(unique.resolve("/tftpboot/x", SUN));
        assertEquals(real("130.141.14.9/x"), f.file(), "emulated in the unique root, which has no link of its own");
        assertEquals("unique-root; tftpboot/ prefix", f.rule());
    }

    @Test
    void uniqueRootDoesNotOpenAWayOut() throws IOException {
        Files.createSymbolicLink(root.resolve("130.141.14.9"), outside);
        write(root.resolve("secret"), "shared");
        FileResolver unique = new FileResolver(root, RemapRules.none(), true, 255, BootFileLookup.NONE);
        assertDenied(2, "resolves outside the TFTP root", unique.resolve("secret", SUN));
    }

    // ---- remapping

    @Test
    void remappedNames() throws IOException {
        write(root.resolve("images/pxeboot.n12"), "x");
        RemapRules rules = RemapRules.parse(List.of("^/?boot/(.*) images/\\1 i"));
        FileResolver r = new FileResolver(root, rules, false, 255, BootFileLookup.NONE);
        Resolution.Found f = found(r.resolve("\\Boot\\pxeboot.n12", SUN));
        assertEquals(real("images/pxeboot.n12"), f.file());
        assertEquals("remapped: ^/?boot/(.*) images/$1 i", f.rule());
    }

    @Test
    void remapCannotIntroduceTraversal() {
        RemapRules rules = RemapRules.parse(List.of("^x$ ../outside/secret"));
        FileResolver r = new FileResolver(root, rules, false, 255, BootFileLookup.NONE);
        assertDenied(2, "parent directory reference", r.resolve("x", SUN));
    }

    @Test
    void remapResultTooLong() {
        RemapRules rules = RemapRules.parse(List.of("^(.*)$ " + "$1".repeat(17)));
        FileResolver r = new FileResolver(root, rules, false, 255, BootFileLookup.NONE);
        assertDenied(1, "file not found", r.resolve("x".repeat(200), SUN)); // 3400 characters
        assertDenied(2, "remapped name too long", r.resolve("x".repeat(255), SUN));
    }

    @Test
    void remapToTheClientsHexName() throws IOException {
        Path kernel = write(root.resolve("sun/k"), "k");
        RemapRules rules = RemapRules.parse(List.of("^sunboot$ \\x.SUN4U"));
        FileResolver r = new FileResolver(root, rules, false, 255, (c, a) -> Optional.of(kernel));
        Resolution.Found f = found(r.resolve("sunboot", SUN));
        assertEquals(real("sun/k"), f.file());
        assertEquals("remapped: ^sunboot$ \\x.SUN4U; hex-ip boot file", f.rule());
    }

    // ---- the root itself

    @Test
    void missingRoot() throws IOException {
        FileResolver r = new FileResolver(tmp.resolve("nope"), RemapRules.none(), false, 255, BootFileLookup.NONE);
        assertDenied(1, "TFTP root unavailable", r.resolve("x", SUN));
    }

    @Test
    void rootReplacedWhileRunning() throws IOException {
        Path v1 = write(tmp.resolve("v1/x"), "one").getParent();
        Path v2 = write(tmp.resolve("v2/x"), "two!").getParent();
        Path current = Files.createSymbolicLink(tmp.resolve("current"), v1);
        FileResolver r = new FileResolver(current, RemapRules.none(), false, 255, BootFileLookup.NONE);
        assertEquals(3, found(r.resolve("x", SUN)).size());
        Files.delete(current);
        Files.createSymbolicLink(current, v2);
        Resolution.Found f = found(r.resolve("x", SUN));
        assertEquals(4, f.size());
        assertEquals(v2.toRealPath().resolve("x"), f.file());
    }

    @Test
    void constructorChecks() {
        assertThrows(IllegalArgumentException.class,
                () -> new FileResolver(root, RemapRules.none(), false, 0, BootFileLookup.NONE));
        assertThrows(NullPointerException.class, () -> new FileResolver(root, null, false, 1, BootFileLookup.NONE));
    }

    // ---- opening

    @Test
    void openReadsTheResolvedFile() throws IOException {
        write(root.resolve("k"), "kernel");
        Resolution.Found f = found(resolver().resolve("k", SUN));
        try (FileChannel ch = FileResolver.open(f)) {
            ByteBuffer b = ByteBuffer.allocate(16);
            ch.read(b);
            assertEquals("kernel", new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void openDoesNotFollowASymlinkSwappedInAfterResolution() throws IOException {
        Path file = write(root.resolve("k"), "kernel");
        Resolution.Found f = found(resolver().resolve("k", SUN));
        Files.delete(file);
        Files.createSymbolicLink(file, outside.resolve("secret"));
        assertThrows(IOException.class, () -> FileResolver.open(f).close());
    }

    @Test
    void hexIpParseSanity() {
        assertEquals(SUN, net.diskless.api.HexIp.parse("828D0E09.SUN4U").map(Inet4Address.class::cast).orElseThrow());
    }
}
