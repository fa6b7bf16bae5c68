package dev.mpunit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution ({@code mvn package}: {@code cli/target/mpunit-<version>/}) runs without the source
 * tree: copied to a folder of its own, its {@code bin/mpunit} runs a small test tree copied beside it on
 * the webassembly MicroPython, with run-tests.py's lines and exit code 1 for a failing file.
 */
class MpunitDistributionTest {

    @TempDir
    Path work;

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void binMpunitRunsATreeOutsideTheSourceTree() throws Exception {
        Path distribution = work.resolve("mpunit");
        copy(Distribution.folder(), distribution);
        Path tree = work.resolve("tests");
        copy(Path.of("tests", "float").toAbsolutePath(), tree.resolve("float"));
        Files.createDirectories(tree.resolve("basics"));
        Files.writeString(tree.resolve("basics/f.py"), "print('actual')\n");
        Files.writeString(tree.resolve("basics/f.py.exp"), "expected\n");
        Path log = work.resolve("mpunit.log");

        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/mpunit").toString(), "tests")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("bin/mpunit still runs after 10 minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("bin/mpunit tests -> exit " + process.exitValue() + ", " + output.lines().count() + " lines");

        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output.lines()).contains("pass  float/float_round.py",
                "FAIL  basics/f.py (output differs from basics/f.py.exp at line 1: expected \"expected\\n\" but was \"actual\\n\")",
                "FAILURE basics/f.py", "-expected", "+actual", "1 tests failed: basics/f.py");
        assertThat(output).contains("results: " + work.resolve("results"));

        // Without a path the distribution has no examples to fall back on: it asks.
        Process bare = new ProcessBuilder(distribution.resolve("bin/mpunit").toString()).directory(work.toFile())
                .redirectErrorStream(true).start();
        String bareOutput = new String(bare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bare.waitFor()).isEqualTo(2);
        assertThat(bareOutput.lines()).containsExactly(
                "mpunit: which tests? give a test directory or file, e.g. mpunit test path/to/micropython/tests (mpunit --help)");
    }
}
