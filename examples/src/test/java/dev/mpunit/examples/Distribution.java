package dev.mpunit.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The distribution {@code mvn package} built ({@code cli/target/mpunit-<version>/}), for the tests that run it. */
public final class Distribution {

    private Distribution() {
    }

    /**
     * Its folder (with {@code bin/mpunit}); the test is skipped when there is none, and fails when
     * {@code MPUNIT_REQUIRE_EMULATORS} is set.
     */
    public static Path folder() throws IOException {
        Path target = Path.of("..", "cli", "target").toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                entries.filter(path -> Files.isRegularFile(path.resolve("bin/mpunit"))).forEach(folders::add);
            }
        }
        String required = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (folders.isEmpty() && required != null && !required.isBlank()) {
            fail("no distribution in " + target + " (MPUNIT_REQUIRE_EMULATORS is set): mvn package builds it");
        }
        assumeTrue(!folders.isEmpty(), "no distribution in " + target + ": mvn package (or verify) builds it before this module");
        return folders.get(0);
    }
}
