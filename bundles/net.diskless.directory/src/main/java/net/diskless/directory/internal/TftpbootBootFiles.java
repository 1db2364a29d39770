package net.diskless.directory.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.diskless.api.HexIp;
import net.diskless.api.appliance.ApplianceHome;
import net.diskless.api.boot.BootFile;
import net.diskless.api.boot.BootFiles;
import net.diskless.api.directory.Directory;
import net.diskless.api.names.BootptabEntry;
import net.diskless.api.names.HostEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * "Can this server boot this client?", answered as a Sun boot server does — a file in the TFTP root
 * named by the client's IP in hex, {@code 828D0E09.SUN4U} before {@code 828D0E09} — and, when there is
 * no such link, from the directory: the boot file ({@code bf}) of the client's bootptab entry, if that
 * file exists. A name that resolves outside the TFTP root (a symlink pointing out) is never an answer.
 */
@Component(configurationPid = TftpbootBootFiles.PID)
@Designate(ocd = TftpbootBootFiles.Config.class)
public final class TftpbootBootFiles implements BootFiles {

    static final String PID = "net.diskless.bootfiles";

    @ObjectClassDefinition(name = "Diskless boot files",
            description = "Where boot files are looked for when deciding whether this server can boot a client.")
    public @interface Config {
        @AttributeDefinition(name = "TFTP root", description = "Relative paths are under the appliance home.")
        String tftpRoot() default "tftpboot";
    }

    private final Path root;
    private final Directory directory;

    @Activate
    public TftpbootBootFiles(@Reference ApplianceHome home, @Reference Directory directory, Config config) {
        this.root = home.resolve(config.tftpRoot());
        this.directory = directory;
    }

    @Override
    public Optional<BootFile> bootFileFor(Inet4Address ip, String architecture) {
        List<String> names = new ArrayList<>(2);
        if (architecture != null && !architecture.isEmpty()) {
            names.add(HexIp.of(ip, architecture));
        }
        names.add(HexIp.of(ip));
        for (String name : names) {
            Optional<Path> file = insideRoot(name);
            if (file.isPresent()) {
                return Optional.of(new BootFile(name, file.get(), "tftpboot/" + name));
            }
        }
        return directory.hostByAddress(ip).optional()
                .map(HostEntry::canonicalName)
                .flatMap(name -> directory.bootptabByName(name).optional())
                .flatMap(BootptabEntry::bootFile)
                .flatMap(bf -> insideRoot(bf.startsWith("/") ? bf.substring(1) : bf)
                        .map(p -> new BootFile(HexIp.of(ip), p, "bootptab bf=" + bf)));
    }

    /** The regular file {@code name} resolves to, when it exists and stays inside the root after symlinks. */
    private Optional<Path> insideRoot(String name) {
        try {
            Path candidate = root.resolve(name).normalize();
            if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }
}
