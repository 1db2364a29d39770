package net.diskless.tftp.internal.files;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import net.diskless.api.HexIp;

/**
 * The jail: maps the file name of a TFTP read request to a regular file inside the TFTP root, or to the error to
 * answer. Like tftp-hpa's {@code in.tftpd -s ROOT} with {@code -m} rules, plus dnsmasq's {@code tftp-unique-root}
 * and Sun hex-IP names served without symlinks.
 *
 * <p>In order:
 * <ol>
 * <li>Empty names, names longer than {@code maxNameLength} (counted as received, before remapping) and names with
 * a NUL or another control character are refused (access violation). The name arrives decoded as ISO-8859-1, one
 * char per byte; when those bytes are valid UTF-8 they are read as UTF-8 so UTF-8 names on disk are found.
 * Backslashes become {@code /} ({@code \boot\pxeboot} from PXE clients used to Windows servers).</li>
 * <li>The {@link RemapRules} are applied; a result longer than {@link RemapRules#MAX_RESULT_LENGTH} is refused.</li>
 * <li>Leading slashes go: {@code /etc/passwd} is {@code ROOT/etc/passwd}. When the directory looked in has no
 * entry named {@code tftpboot} at all, leading {@code tftpboot} segments are dropped, emulating the customary
 * {@code tftpboot -> .} self-link, so {@code /tftpboot/828D0E09.SUN4U} works without it. When there is such an
 * entry (the real link, or a real directory) the name is left for the filesystem to resolve.</li>
 * <li>Empty and {@code .} segments are dropped; any {@code ..} segment is refused, wherever it is.
 * Nothing is URL-decoded: {@code %2e%2e} is a literal name.</li>
 * <li>With {@code uniqueRoot}, when {@code ROOT/<client address>/} is a directory ({@code ROOT/10.1.2.3/}, for IPv6
 * Java's uncompressed form without scope, {@code ROOT/fe80:0:0:0:0:0:0:1/}) the name is looked for there first;
 * only when it is not found there is the shared root tried.</li>
 * <li>The candidate must exist, its real path (all symlinks followed) must lie inside the real path of the root,
 * and it must be a readable regular file. Symlinks inside the root are fine as long as they end inside it.
 * The root's real path is computed on every call, so the root (or a symlink naming it) may be replaced while
 * the server runs.</li>
 * <li>When nothing was found and the name (after dropping leading {@code tftpboot} segments) is a single segment
 * that is a hex IP ({@code 828D0E09} or {@code 828D0E09.ARCH}) <em>spelling the requesting client's own IPv4
 * address</em>, {@link BootFileLookup} is asked for that client's boot file with the architecture after the
 * dot ({@code ""} if none). Its answer passes the same inside-root and regular-file checks. A client asking for
 * another client's hex name just gets "file not found", so nobody can fetch someone else's boot file through
 * the directory; for a non-IPv4 client the lookup is skipped. Names in subdirectories are never looked up
 * ({@code pxelinux.cfg/C0A80005} is a PXELINUX config, not a Sun kernel).</li>
 * </ol>
 *
 * <p>Refusal reasons are fixed short texts that never quote the request. The resolver is thread-safe, does no
 * logging and holds no open files. Open a {@link Resolution.Found} with {@link #open}.
 */
public final class FileResolver {

    private static final String TFTPBOOT = "tftpboot";

    private static final Resolution.Denied NOT_FOUND = new Resolution.Denied(Resolution.FILE_NOT_FOUND, "file not found");
    private static final Resolution.Denied OUTSIDE =
            new Resolution.Denied(Resolution.ACCESS_VIOLATION, "resolves outside the TFTP root");
    private static final Resolution.Denied NOT_REGULAR =
            new Resolution.Denied(Resolution.ACCESS_VIOLATION, "not a regular file");
    private static final Resolution.Denied NOT_READABLE =
            new Resolution.Denied(Resolution.ACCESS_VIOLATION, "not readable");

    private final Path root;
    private final RemapRules rules;
    private final boolean uniqueRoot;
    private final int maxNameLength;
    private final BootFileLookup bootFiles;

    /**
     * @param root          the TFTP root; it need not exist yet (requests are refused while it does not)
     * @param rules         remap rules, {@link RemapRules#none()} for none
     * @param uniqueRoot    look in {@code ROOT/<client address>/} first
     * @param maxNameLength the longest name accepted, in characters (= bytes) as received; at least 1
     * @param bootFiles     the directory's boot files for hex-IP names, {@link BootFileLookup#NONE} for none
     */
    public FileResolver(Path root, RemapRules rules, boolean uniqueRoot, int maxNameLength, BootFileLookup bootFiles) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.rules = Objects.requireNonNull(rules, "rules");
        this.uniqueRoot = uniqueRoot;
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("maxNameLength must be at least 1: " + maxNameLength);
        }
        this.maxNameLength = maxNameLength;
        this.bootFiles = Objects.requireNonNull(bootFiles, "bootFiles");
    }

    /** The root as configured (absolute, normalized, symlinks not resolved). */
    public Path root() {
        return root;
    }

    /**
     * Decides which file answers a read request for {@code requested} from {@code client}.
     *
     * @param requested the file name as the codec decoded it (ISO-8859-1)
     * @param client    the requesting host; null only in tests (no unique root, no hex-IP lookup, only rules
     *                  without a client restriction)
     */
    public Resolution resolve(String requested, InetAddress client) {
        Object parsed = parse(requested, client);
        if (parsed instanceof Resolution.Denied d) {
            return d;
        }
        Parsed p = (Parsed) parsed;
        List<String> segments = p.segments();
        List<String> labels = p.labels();
        InetAddress peer = p.peer();

        Path rootReal;
        try {
            rootReal = root.toRealPath();
        } catch (IOException | SecurityException e) {
            return new Resolution.Denied(Resolution.FILE_NOT_FOUND, "TFTP root unavailable");
        }
        if (!Files.isDirectory(rootReal)) {
            return new Resolution.Denied(Resolution.FILE_NOT_FOUND, "TFTP root unavailable");
        }

        // 5. unique root first
        if (uniqueRoot && peer != null) {
            Path own;
            try {
                own = rootReal.resolve(ClientNetwork.hostText(peer));
            } catch (InvalidPathException e) {
                own = null;
            }
            if (own != null && Files.isDirectory(own)) {
                Resolution r = lookIn(rootReal, own, segments, with(labels, "unique-root"));
                if (!isNotFound(r)) {
                    return r;
                }
            }
        }
        // 6. the shared root
        Resolution r = lookIn(rootReal, rootReal, segments, labels);
        if (!isNotFound(r)) {
            return r;
        }
        // 7. the client's own hex-IP name, through the directory
        Resolution boot = hexIpBootFile(rootReal, segments, peer, labels);
        return boot != null ? boot : r;
    }

    /** Steps 1-4, shared by reads and uploads: the name checked, remapped and split into safe segments. */
    private Object parse(String requested, InetAddress client) {
        // 1. the name as received
        if (requested == null || requested.isEmpty()) {
            return denied("empty file name");
        }
        if (requested.length() > maxNameLength) {
            return denied("file name too long");
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c == 0) {
                return denied("NUL in file name");
            }
            if (Character.isISOControl(c) && c < 0x80) {
                return denied("control character in file name");
            }
        }
        String name = fromWire(requested);
        if (name.chars().anyMatch(Character::isISOControl)) {
            return denied("control character in file name");
        }
        name = name.replace('\\', '/');

        // 2. remap
        InetAddress peer = client == null ? null : ClientNetwork.unmapped(client);
        RemapRules.Remapped remapped = rules.remap(name, peer);
        if (remapped.tooLong()) {
            return denied("remapped name too long");
        }
        name = remapped.name();
        if (name.indexOf('\0') >= 0) {
            return denied("NUL in remapped name");
        }
        List<String> labels = new ArrayList<>(3);
        if (!remapped.matched().isEmpty()) {
            labels.add("remapped: " + remapped.matched().stream().map(RemapRule::toString)
                    .collect(Collectors.joining(", ")));
        }

        // 3 + 4. segments: leading '/', '.' and empty ones dropped, '..' refused
        List<String> segments = new ArrayList<>();
        for (String s : name.split("/", -1)) {
            if (s.equals("..")) {
                return denied("parent directory reference");
            }
            if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        return new Parsed(segments, labels, peer);
    }

    private record Parsed(List<String> segments, List<String> labels, InetAddress peer) {
    }

    /**
     * Where an upload (a write request) for {@code requested} may go: a new file inside {@code uploadRoot},
     * whose directory exists and resolves inside it. Existing files are never overwritten (error 6), so an
     * upload can neither replace a boot file nor another client's upload.
     *
     * @return {@link Resolution.Found} naming the file to create (it does not exist yet; size 0)
     */
    public Resolution resolveUpload(String requested, InetAddress client, Path uploadRoot) {
        Object parsed = parse(requested, client);
        if (parsed instanceof Resolution.Denied d) {
            return d;
        }
        List<String> segments = ((Parsed) parsed).segments();
        if (segments.isEmpty()) {
            return denied("empty file name");
        }
        try {
            Path uploadReal = uploadRoot.toRealPath();
            Path target = uploadReal;
            for (String segment : segments) {
                target = target.resolve(segment);
            }
            Path parent = target.getParent().toRealPath();
            if (!parent.startsWith(uploadReal)) {
                return OUTSIDE;
            }
            target = parent.resolve(target.getFileName());
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return new Resolution.Denied(6, "file already exists");
            }
            return new Resolution.Found(target, 0, "upload");
        } catch (IOException | InvalidPathException | SecurityException e) {
            return new Resolution.Denied(Resolution.ACCESS_VIOLATION, "no such upload directory");
        }
    }

    /**
     * Opens a resolved file for reading without following a symlink at its last component: if the file was
     * replaced by a symlink since it was resolved, this fails ({@code FileSystemException}, ELOOP) rather than
     * reading what the link points to.
     *
     * <p>Remaining TOCTOU window, accepted because the root is expected to be writable only by trusted
     * administrators: a directory <em>above</em> the file swapped for a symlink between {@link #resolve} and this
     * call is still followed (Java offers no {@code openat}/{@code O_BENEATH}); and a FIFO swapped in at the last
     * component would make this call block until a writer appears (Java cannot open with {@code O_NONBLOCK}).
     * The re-check of the file type just before opening narrows, but does not close, that second window. The
     * file's size may also have changed: use the channel's size, not {@link Resolution.Found#size()}.
     */
    public static FileChannel open(Resolution.Found found) throws IOException {
        BasicFileAttributes a = Files.readAttributes(found.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new IOException("no longer a regular file");
        }
        return FileChannel.open(found.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    private Resolution lookIn(Path rootReal, Path base, List<String> segments, List<String> labels) {
        List<String> rest = segments;
        if (!Files.exists(base.resolve(TFTPBOOT), LinkOption.NOFOLLOW_LINKS)) {
            rest = withoutTftpboot(segments);
            if (rest.size() != segments.size()) {
                labels = with(labels, "tftpboot/ prefix");
            }
        }
        Path candidate;
        try {
            candidate = rest.isEmpty() ? base : base.resolve(String.join("/", rest));
        } catch (InvalidPathException e) {
            return denied("invalid file name");
        }
        return check(rootReal, candidate, labels.isEmpty() ? "file" : String.join("; ", labels));
    }

    private Resolution hexIpBootFile(Path rootReal, List<String> segments, InetAddress peer, List<String> labels) {
        List<String> rest = withoutTftpboot(segments);
        if (rest.size() != 1 || !(peer instanceof Inet4Address own)) {
            return null;
        }
        String last = rest.get(0);
        Optional<Inet4Address> named = HexIp.parse(last);
        if (named.isEmpty() || !named.get().equals(own)) {
            return null; // someone else's hex name: not found, and the directory is not asked
        }
        String architecture = last.length() > 9 ? last.substring(9) : "";
        Optional<Path> answer;
        try {
            answer = bootFiles.bootFile(own, architecture);
        } catch (RuntimeException e) {
            return new Resolution.Denied(Resolution.FILE_NOT_FOUND, "boot file lookup failed");
        }
        if (answer == null || answer.isEmpty()) {
            return null;
        }
        Path target;
        try {
            target = rootReal.resolve(answer.get()); // absolute answers stay as they are
        } catch (InvalidPathException e) {
            return NOT_FOUND;
        }
        return check(rootReal, target, String.join("; ", with(labels, "hex-ip boot file")));
    }

    private static Resolution check(Path rootReal, Path candidate, String rule) {
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            return NOT_FOUND;
        } catch (AccessDeniedException e) {
            return NOT_READABLE;
        } catch (IOException | SecurityException e) {
            return NOT_FOUND; // ENOTDIR (a file used as a directory), ELOOP (symlink loop), ...
        }
        if (!real.startsWith(rootReal)) {
            return OUTSIDE; // decided before anything else is revealed about the target
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return NOT_FOUND;
        }
        if (!a.isRegularFile()) {
            return NOT_REGULAR;
        }
        if (!Files.isReadable(real)) {
            return NOT_READABLE;
        }
        return new Resolution.Found(real, a.size(), rule);
    }

    private static List<String> withoutTftpboot(List<String> segments) {
        int skip = 0;
        while (skip < segments.size() && segments.get(skip).equals(TFTPBOOT)) {
            skip++;
        }
        return segments.subList(skip, segments.size());
    }

    /**
     * The codec decodes names as ISO-8859-1 (byte = char). When those bytes form valid UTF-8, the name is read as
     * UTF-8, which is how names are stored on a Linux filesystem; otherwise it is kept as it came.
     */
    static String fromWire(String latin1) {
        boolean ascii = true;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xFF) {
                return latin1; // not from the wire decoder: leave it
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return latin1;
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    private static boolean isNotFound(Resolution r) {
        return r instanceof Resolution.Denied d && d.errorCode() == Resolution.FILE_NOT_FOUND;
    }

    private static List<String> with(List<String> labels, String label) {
        List<String> copy = new ArrayList<>(labels);
        copy.add(label);
        return copy;
    }

    private static Resolution.Denied denied(String reason) {
        return new Resolution.Denied(Resolution.ACCESS_VIOLATION, reason);
    }
}
