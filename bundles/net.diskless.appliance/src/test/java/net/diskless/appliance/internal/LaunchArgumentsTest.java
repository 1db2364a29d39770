package net.diskless.appliance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchArgumentsTest {

    private static final Path CWD = Path.of("").toAbsolutePath();

    private static LaunchArguments parse(String... args) {
        return LaunchArguments.parse(args, Optional.empty());
    }

    @Test
    void homeAsSeparateArgument() {
        LaunchArguments a = parse("--home", "/srv/diskless");
        assertEquals(Path.of("/srv/diskless"), a.home());
        assertEquals(List.of(), a.problems());
    }

    @Test
    void homeWithEqualsSign() {
        LaunchArguments a = parse("--home=/srv/diskless");
        assertEquals(Path.of("/srv/diskless"), a.home());
        assertEquals(List.of(), a.problems());
    }

    @Test
    void homeArgumentBeatsTheProperty() {
        LaunchArguments a = LaunchArguments.parse(new String[] {"--home=/srv/a"}, Optional.of("/srv/b"));
        assertEquals(Path.of("/srv/a"), a.home());
    }

    @Test
    void missingValueAtTheEndIsReportedAndTheDefaultUsed() {
        LaunchArguments a = parse("--home");
        assertEquals(List.of("--home needs a directory"), a.problems());
        assertEquals(CWD.resolve(LaunchArguments.DEFAULT_HOME), a.home());
    }

    @Test
    void emptyValueAfterEqualsIsReported() {
        LaunchArguments a = parse("--home=");
        assertEquals(List.of("--home needs a directory"), a.problems());
        assertEquals(CWD.resolve(LaunchArguments.DEFAULT_HOME), a.home());

        assertEquals(List.of("--home needs a directory"), parse("--home=   ").problems());
    }

    @Test
    void blankValueIsReported() {
        LaunchArguments a = parse("--home", " ");
        assertTrue(a.problems().contains("--home needs a directory"), a.problems().toString());
        assertEquals(CWD.resolve(LaunchArguments.DEFAULT_HOME), a.home());
    }

    @Test
    void unknownArgumentIsReportedWithUsage() {
        LaunchArguments a = parse("--verbose", "--home", "/srv/diskless");
        assertEquals(Path.of("/srv/diskless"), a.home());
        assertEquals(1, a.problems().size(), a.problems().toString());
        assertTrue(a.problems().get(0).startsWith("unknown argument '--verbose'"), a.problems().get(0));
        assertTrue(a.problems().get(0).contains("--home DIR"), a.problems().get(0));
    }

    @Test
    void everyUnknownArgumentIsReported() {
        LaunchArguments a = parse("-h", "extra", "--homes=/x");
        assertEquals(3, a.problems().size(), a.problems().toString());
        assertEquals(CWD.resolve(LaunchArguments.DEFAULT_HOME), a.home());
    }

    @Test
    void propertyIsUsedWithoutAnArgument() {
        assertEquals(Path.of("/srv/from-property"),
                LaunchArguments.parse(new String[0], Optional.of("/srv/from-property")).home());
    }

    @Test
    void blankPropertyIsIgnored() {
        assertEquals(CWD.resolve(LaunchArguments.DEFAULT_HOME), LaunchArguments.parse(new String[0], Optional.of("  ")).home());
        assertEquals(CWD.resolve(LaunchArguments.DEFAULT_HOME), LaunchArguments.parse(new String[0], Optional.of("")).home());
    }

    @Test
    void defaultIsDisklessHomeInTheWorkingDirectory() {
        LaunchArguments a = parse();
        assertEquals(CWD.resolve("diskless-home"), a.home());
        assertEquals(List.of(), a.problems());
    }

    @Test
    void relativeHomeIsMadeAbsoluteAndNormalized() {
        assertEquals(CWD.resolve("b/c"), parse("--home", "a/../b/./c").home());
        assertEquals(CWD.resolve("b/c"), parse("--home=./a/../b//c/").home());
        assertEquals(CWD.resolve("home"), LaunchArguments.parse(new String[0], Optional.of("x/../home")).home());
        assertTrue(parse("--home", "rel").home().isAbsolute());
    }

    @Test
    void absoluteHomeIsNormalized() {
        assertEquals(Path.of("/srv/diskless"), parse("--home", "/srv/x/../diskless/.").home());
    }

    @Test
    void problemsAreImmutable() {
        List<String> problems = parse("--bogus").problems();
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> problems.add("x"));
    }
}
