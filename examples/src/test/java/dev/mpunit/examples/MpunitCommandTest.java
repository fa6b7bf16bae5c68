package dev.mpunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mpunit} run as a user runs it, as a process: its exit code and what it prints. 0 when
 * nothing failed, 1 when a test failed, 2 when nothing ran (bad usage, a configuration error, a path
 * that does not exist, nothing selected).
 */
class MpunitCommandTest {

    private static final Path MPUNIT = Path.of("..", "mpunit").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private Path tree;

    /** What one run printed (stdout and stderr, colours removed) and its exit code. */
    record Run(int exitCode, String output) {

        List<String> lines() {
            return output.lines().toList();
        }

        /** Its lines but those of a first use's build (Maven's, and the line that says so). */
        List<String> ownLines() {
            return output.lines().filter(line -> !line.isBlank() && !line.startsWith("mpunit: building")).toList();
        }
    }

    @BeforeEach
    void aTinyTree() throws IOException {
        tree = work.resolve("tree");
        write(tree.resolve("basics/a.py"), "print('a')\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Run mpunit(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", MPUNIT.toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(work, "mpunit", ".log");
        // The working directory is where ./mpunit keeps results/<timestamp>/: the test's own folder.
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./mpunit " + String.join(" ", arguments) + " still runs after 10 minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
        System.out.println("./mpunit " + String.join(" ", arguments) + " -> exit " + process.exitValue() + ", "
                + output.lines().count() + " lines");
        return new Run(process.exitValue(), output);
    }

    /** The testresults.txt lines of every results folder this test's runs wrote. */
    private List<String> testResults() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(path -> path.getFileName().toString().equals("testresults.txt")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    // Issue 11, item 4: options after the paths crashed the launcher ("No TestEngine ID matched",
    // "should be specified only once") with exit 255.
    @Test
    void everyConsoleLauncherOptionTheReadmeInvitesWorksAfterThePaths() throws Exception {
        for (List<String> options : List.of(List.of("--details", "none"), List.of("--details", "summary"),
                List.of("--disable-banner"), List.of("--details=flat"), List.of("--fail-if-no-tests"),
                List.of("--include-tag", "basics"), List.of("--config", "micropython.timeout=10"))) {
            List<String> arguments = new ArrayList<>(List.of(tree.toString()));
            arguments.addAll(options);
            Run run = mpunit(arguments.toArray(String[]::new));

            assertThat(run.exitCode()).as("exit code with %s:%n%s", options, run.output()).isZero();
            assertThat(run.output()).doesNotContain("No TestEngine ID matched", "should be specified only once",
                    "Usage:");
        }
        // Each of the seven runs ran the file and kept its result.
        assertThat(testResults()).filteredOn(line -> line.startsWith("pass ")).hasSize(7)
                .allSatisfy(line -> assertThat(line).isEqualTo("pass  basics/a.py"));
    }

    @Test
    void reportsDirAndAUniqueIdAloneWork() throws Exception {
        Path reports = work.resolve("reports");
        Run run = mpunit(tree.toString(), "--details", "summary", "--reports-dir", reports.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("1 tests successful");
        assertThat(reports.resolve("TEST-junit-jupiter.xml")).doesNotExist();
        try (Stream<Path> xml = Files.list(reports)) {
            assertThat(xml.map(path -> path.getFileName().toString())).anyMatch(name -> name.endsWith(".xml"));
        }

        // No path: the unique id is the whole selection, not added to the examples the wrapper runs by default.
        Run byId = mpunit("--select-unique-id",
                "[engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:webassembly]/[file:basics%2Fa.py]",
                "--config", "micropython.root=" + tree, "--details", "summary");
        assertThat(byId.exitCode()).as(byId.output()).isZero();
        assertThat(byId.output()).contains("1 tests successful");
    }

    // Item 5: a space in a path exited 255 with a usage dump; a%20b.py was looked up as "a b.py".
    @Test
    void pathsWithASpaceOrAPercentSignAreThePathsTheySay() throws Exception {
        write(work.resolve("dir with space/basics/a b.py"), "print('space')\n");
        write(work.resolve("percent/basics/a%20b.py"), "print('percent')\n");
        write(work.resolve("percent/basics/a b.py"), "print('not this one')\n");

        for (Path file : List.of(work.resolve("dir with space/basics/a b.py"), work.resolve("percent/basics/a%20b.py"))) {
            Run run = mpunit(file.toString(), "--details", "tree");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("basics/" + file.getFileName() + " ✔", "1 tests successful")
                    .doesNotContain("Usage:");
        }
        Run folder = mpunit(work.resolve("dir with space").toString(), "--details", "summary");
        assertThat(folder.exitCode()).as(folder.output()).isZero();
        assertThat(folder.output()).contains("1 tests successful");
    }

    // Item 3: an unwritable results folder gave an exception, then one NPE trace per test, and exit 0.
    @Test
    void aResultsFolderThatCannotBeWrittenStopsTheRunBeforeAnyTestWithOneMessage() throws Exception {
        Path regularFile = work.resolve("results.txt");
        Files.writeString(regularFile, "a file, not a folder\n");
        for (String folder : List.of("/proc/forbidden", regularFile.toString())) {
            Run run = mpunit(tree.toString(), "--config", "micropython.results.dir=" + folder);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains("micropython.results.dir=" + folder + ": the results folder cannot be"
                    + " written").doesNotContain("NullPointerException", "UncheckedIOException", "pass  basics/a.py");
            assertThat(run.lines()).noneMatch(line -> line.startsWith("\tat "));
            assertThat(run.lines()).hasSizeLessThan(40);
        }
        assertThat(regularFile).hasContent("a file, not a folder");
    }

    // Item 8: an empty folder, a file that is no test, a folder whose tests are in subfolders: exit 0, silent.
    @Test
    void aRunThatSelectsNothingSaysWhyAndExits2() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        write(work.resolve("notes/notes.txt"), "no test\n");
        write(work.resolve("mytests/sub/x.py"), "print(1)\n");

        Run emptyRun = mpunit(empty.toString());
        assertThat(emptyRun.exitCode()).as(emptyRun.output()).isEqualTo(2);
        assertThat(emptyRun.output()).contains(empty + " holds no test file that runs", "(and 1 more: --verbose shows them)");

        Run notesRun = mpunit(work.resolve("notes/notes.txt").toString());
        assertThat(notesRun.exitCode()).as(notesRun.output()).isEqualTo(2);
        assertThat(notesRun.output()).contains("notes.txt is not a MicroPython test file", "(and 1 more: --verbose shows them)");

        Run subfolderRun = mpunit(work.resolve("mytests").toString());
        assertThat(subfolderRun.exitCode()).as(subfolderRun.output()).isEqualTo(2);
        assertThat(subfolderRun.output()).contains("'s sub/ (1 test file) are not run", "(and 2 more: --verbose shows them)");
    }

    // Item 15: configuration errors exited 1, like a failing test.
    @Test
    void exitCodesTellAFailingTestFromARunThatCouldNotStart() throws Exception {
        write(work.resolve("failing/basics/f.py"), "print('actual')\n");
        write(work.resolve("failing/basics/f.py.exp"), "expected\n");

        assertThat(mpunit(tree.toString()).exitCode()).isZero();
        assertThat(mpunit(work.resolve("failing").toString()).exitCode()).isEqualTo(1);
        Run badValue = mpunit(tree.toString(), "--config", "micropython.timeout=-1");
        assertThat(badValue.exitCode()).as(badValue.output()).isEqualTo(2);
        assertThat(badValue.output()).contains("micropython.timeout=-1 is not a duration");
        Run unknownKey = mpunit(tree.toString(), "--config", "micropython.timout=5");
        assertThat(unknownKey.exitCode()).as(unknownKey.output()).isEqualTo(2);
        assertThat(unknownKey.output()).contains("unknown key micropython.timout (did you mean micropython.timeout?)");
        Run zero = mpunit(tree.toString(), "--config", "micropython.timeout=0");
        assertThat(zero.exitCode()).as(zero.output()).isEqualTo(2);
        assertThat(mpunit(work.resolve("no-such-folder").toString()).exitCode()).isEqualTo(2);
    }

    // Issue 15: bad input is one line on stderr and exit 2, with the nearest valid word where there is one.
    @Test
    void badInputIsOneLineAndExit2() throws Exception {
        Run unknownOption = mpunit(tree.toString(), "--only-bord", "RPI_PICO2");
        assertThat(unknownOption.exitCode()).as(unknownOption.output()).isEqualTo(2);
        assertThat(unknownOption.ownLines()).containsExactly(
                "mpunit: unknown option --only-bord (did you mean --only-board?): mpunit test --help lists the options");
        Run unknownSubcommand = mpunit("lsit-tests");
        assertThat(unknownSubcommand.exitCode()).isEqualTo(2);
        assertThat(unknownSubcommand.ownLines()).containsExactly(
                "mpunit: lsit-tests is neither a subcommand nor a path: did you mean mpunit list-tests?");
        Run zero = mpunit(tree.toString(), "--count", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.ownLines()).containsExactly("mpunit: --count 0: give 1 or more (the number of times each file runs)");
        Run nothingMatches = mpunit(tree.toString(), "--only-board", "RPI_PICO2");
        assertThat(nothingMatches.exitCode()).isEqualTo(2);
        assertThat(nothingMatches.ownLines()).containsExactly("micropython: micropython.only-variant=RPI_PICO2 matches"
                + " none of the variants on offer: webassembly (and 2 more: --verbose shows them)");
        assertThat(testResults()).isEmpty();
    }

    // Issue 15, item 3: the console in run-tests.py's words instead of the launcher's tree of report entries.
    @Test
    void printsOneLinePerFileTheDiffsAndTheCountsAsRunTestsPyDoes() throws Exception {
        write(tree.resolve("basics/f.py"), "print('actual')\nprint('same')\n");
        write(tree.resolve("basics/f.py.exp"), "expected\nsame\n");
        write(tree.resolve("basics/s.py"), "print('SKIP')\n");
        write(tree.resolve("micropython/native_k.py"), "print(1)\n");
        write(tree.resolve("basics/unittest_u.py"), """
                import unittest


                class T(unittest.TestCase):
                    def test_one(self):
                        self.assertEqual(1, 1)

                    def test_two(self):
                        self.assertTrue(True)


                if __name__ == "__main__":
                    unittest.main()
                """);

        Run run = mpunit(tree.toString(), "--config", "micropython.results.dir=" + work.resolve("results"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        List<String> lines = run.lines().stream().filter(line -> !line.startsWith("mpunit: building")).toList();
        // Files finish in whatever order the workers end them: the first five lines are the five files.
        assertThat(lines.subList(0, 5)).containsExactlyInAnyOrder(
                "pass  basics/a.py",
                "FAIL  basics/f.py (output differs from basics/f.py.exp at line 1: expected \"expected\\n\" but was"
                        + " \"actual\\n\")",
                "skip  basics/s.py (the test printed SKIP)",
                "skip  micropython/native_k.py (target has no native emitter (native_/viper_ test))",
                "pass  basics/unittest_u.py (unittest: 2 ran)");
        // The counts, JUnit's totals and the results folder end it: no launcher's list of failures after them.
        assertThat(lines.subList(5, lines.size())).containsExactly(
                "",
                "FAILURE basics/f.py",
                "--- basics/f.py.exp",
                "+++ basics/f.py.out",
                "@@ -1,2 +1,2 @@",
                "-expected",
                "+actual",
                " same",
                "",
                "3 tests performed (5 individual testcases)",
                "2 tests passed",
                "2 tests skipped: basics/s.py micropython/native_k.py",
                "1 tests failed: basics/f.py",
                "JUnit: 7 tests: 4 successful, 1 failed, 1 aborted, 1 skipped",
                "results: " + work.resolve("results") + " (summary: " + work.resolve("results/summary_report.html") + ")");
        // The launcher's tree of report entries is gone; the user's --details brings it back.
        assertThat(run.output()).doesNotContain("micropython.verdict");
        Run tree = mpunit(this.tree.toString(), "--details", "tree");
        assertThat(tree.output()).contains("micropython.verdict").doesNotContain("tests performed");
    }
}
