package net.diskless.api.boot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The file a client boots from.
 *
 * @param name the name as the client asks for it under the TFTP root ({@code 828D0E09.SUN4U})
 * @param path the file on disk it resolves to, inside the TFTP root
 * @param rule why this file: {@code "tftpboot/828D0E09.SUN4U"}, {@code "bootptab bf"}, …
 */
public record BootFile(String name, Path path, String rule) {
    public BootFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
    }
}
