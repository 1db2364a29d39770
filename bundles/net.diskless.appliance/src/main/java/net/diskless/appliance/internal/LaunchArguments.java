package net.diskless.appliance.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The appliance's command line, as the launcher hands it over: {@code --home DIR} (or {@code --home=DIR}).
 * Without it the home is the {@code diskless.home} property, else {@value #DEFAULT_HOME} in the working
 * directory.
 */
record LaunchArguments(Path home, List<String> problems) {

    static final String DEFAULT_HOME = "diskless-home";
    static final String HOME_PROPERTY = "diskless.home";

    static LaunchArguments parse(String[] args, Optional<String> homeProperty) {
        Path home = null;
        List<String> problems = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    problems.add("--home needs a directory");
                } else {
                    home = Path.of(args[++i]);
                }
            } else if (a.startsWith("--home=")) {
                String v = a.substring("--home=".length());
                if (v.isBlank()) {
                    problems.add("--home needs a directory");
                } else {
                    home = Path.of(v);
                }
            } else {
                problems.add("unknown argument '" + a + "' (usage: java -jar appliance.jar [--home DIR])");
            }
        }
        if (home == null) {
            home = Path.of(homeProperty.filter(s -> !s.isBlank()).orElse(DEFAULT_HOME));
        }
        return new LaunchArguments(home.toAbsolutePath().normalize(), List.copyOf(problems));
    }
}
