package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison of a tree's run-tests.py with the engine's tables, with the real
 * {@code run_tests_tables.py} under this machine's python3, on the run-tests.py of
 * {@link TranscribedRunTests}.
 */
class RunTestsComparisonTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsPython() {
        PythonAvailable.assumePython();
    }

    private RunTestsComparison comparison() {
        return new RunTestsComparison(List.of("python3"), dir.resolve("cache/run-tests-tables"));
    }

    @Test
    void aRunTestsPyWithTheTranscribedTablesSaysNothing() throws IOException {
        Path runTests = write(TranscribedRunTests.source());
        assertThat(comparison().check(runTests)).isEmpty();
    }

    @Test
    void aNewerRunTestsPyNamesTheTablesThatDiffer() throws IOException {
        Path runTests = write(TranscribedRunTests.newer());
        Optional<String> message = comparison().check(runTests);
        assertThat(message).hasValueSatisfying(m -> assertThat(m)
                .startsWith(runTests + " differs from the run-tests.py the engine's skip tables were transcribed from,"
                        + " in EMITTER, ERROR_REPORTING: ")
                .endsWith("List the differences: " + comparison().command(runTests)));
    }

    @Test
    void anUnchangedRunTestsPyIsNotReadAgain() throws IOException {
        Path runTests = write(TranscribedRunTests.newer());
        Optional<String> first = comparison().check(runTests);
        assertThat(first).isPresent();
        // No python at all now: only the listing kept from the first read can answer.
        RunTestsComparison withoutPython = new RunTestsComparison(List.of(dir.resolve("no-such-python").toString()),
                dir.resolve("cache/run-tests-tables"));
        assertThat(withoutPython.check(runTests).map(m -> m.substring(0, m.indexOf("List the differences"))))
                .isEqualTo(first.map(m -> m.substring(0, m.indexOf("List the differences"))));
        // A changed file is read again, and without python that says so.
        Files.writeString(runTests, TranscribedRunTests.source());
        assertThat(withoutPython.check(runTests)).hasValueSatisfying(m -> assertThat(m).contains("cannot read its skip tables"));
    }

    @Test
    void theCommandListsEveryDifference() throws Exception {
        Path runTests = write(TranscribedRunTests.newer());
        assertThat(comparison().check(runTests)).isPresent();
        Process shell = new ProcessBuilder("sh", "-c", comparison().command(runTests)).redirectErrorStream(true).start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed.lines()).containsExactly(
                "- only in the engine's tables, + only in " + runTests + ":",
                "+ EMITTER native: basics/gen_yield_from_close.py",
                "+ EMITTER native: misc/features.py",
                "- ERROR_REPORTING none: micropython/opt_level_lineno.py",
                "- ERROR_REPORTING terse: micropython/opt_level_lineno.py");
    }

    @Test
    void aNewTableOrConditionIsNamed() throws IOException {
        String source = TranscribedRunTests.source().replace("def run_tests(pyb, tests, args, result_dir):\n",
                "tests_requiring_network = (\"net/a.py\",)\n\ndef run_tests(pyb, tests, args, result_dir):\n"
                        + "    if args.thread == \"GIL\":\n        skip_tests.add(\"thread/gil.py\")\n");
        assertThat(comparison().check(write(source))).hasValueSatisfying(m -> assertThat(m)
                .contains(" in if args.thread == 'GIL', tests_requiring_network: "));
    }

    @Test
    void anUnreadableRunTestsPySaysSoAndHowToSeeWhy() throws IOException {
        Path runTests = write("emitter_tests_to_skip = {\n");
        assertThat(comparison().check(runTests)).hasValueSatisfying(m -> assertThat(m)
                .startsWith(runTests + ": cannot read its skip tables (python3 run_tests_tables.py exited with 2)")
                .endsWith("To see why: " + comparison().command(runTests)));
    }

    @Test
    void theCommandOfAPathWithASpaceIsQuoted() {
        assertThat(new RunTestsComparison(List.of("python3"), Path.of("/c/run-tests-tables"))
                .command(Path.of("/my tests/run-tests.py")))
                .isEqualTo("python3 /c/run-tests-tables/run_tests_tables.py '/my tests/run-tests.py'"
                        + " /c/run-tests-tables/engine-tables.txt");
    }

    private Path write(String source) throws IOException {
        Path file = dir.resolve("tests/run-tests.py");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return file;
    }
}
