package net.diskless.appliance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Gogo profile of the appliance. Gogo's built-in profile sets line-editor options, which fails
 * (with a stack trace at every start) when there is no terminal, as under systemd; this one only sets
 * what a session needs, and the terminal options are applied by the telnet sessions themselves.
 */
final class ShellProfile {

    static final String PROFILE = """
            # Diskless shell profile (written at every start; edit the appliance, not this file).
            SCOPE = 'diskless:directory:gogo:*'
            addcommand context ${.context}
            e = { $exception printStackTrace }
            """;

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, PROFILE, StandardCharsets.UTF_8);
    }
}
