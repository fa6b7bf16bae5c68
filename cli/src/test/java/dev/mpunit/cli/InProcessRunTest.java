package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpunit test} running the launcher in this process on the webassembly MicroPython (node):
 * the engine and the reporting listeners found as under the console launcher, the exit codes of a
 * passing and a failing run, JUnit's tree and its legacy XML reports on request.
 */
class InProcessRunTest {

    @TempDir
    Path work;

    @BeforeAll
    static void nodeAndNpm() {
        Emulators.assumeNode();
    }

    private Path failingTree() throws IOException {
        Path tree = work.resolve("tests");
        Files.createDirectories(tree.resolve("basics"));
        Files.writeString(tree.resolve("basics/a.py"), "print('a')\n");
        Files.writeString(tree.resolve("basics/f.py"), "print('actual')\n");
        Files.writeString(tree.resolve("basics/f.py.exp"), "expected\n");
        return tree;
    }

    @Test
    void examplesFloatPassesAndKeepsItsResults() throws IOException {
        Path results = work.resolve("results");
        Run run = CommandLineTest.mpunit("../examples/tests/float", "--results", results.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        try (Stream<Path> files = Files.walk(results)) {
            assertThat(files.map(path -> path.getFileName().toString())).contains("summary_report.html", "testresults.txt");
        }
    }

    @Test
    void aFailingFileExits1AndTheTreeAndTheXmlReportsComeOnRequest() throws IOException {
        Path tree = failingTree();
        Path reports = work.resolve("reports");

        Run run = CommandLineTest.mpunit(tree.toString(), "--details", "tree", "--reports-dir",
                reports.toString(), "--results", work.resolve("results").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("mpunit ", "MicroPython ✔", "├─ basics/a.py ✔", "└─ basics/f.py ✘ ",
                "micropython.verdict = pass", "micropython.verdict = fail", "Failures (1):", "2 tests found",
                "1 tests successful", "1 tests failed");
        assertThat(reports.resolve("TEST-micropython.xml")).content().contains("basics/f.py", "<failure");

        Run quiet = CommandLineTest.mpunit(tree.toString(), "--details", "tree", "--disable-banner",
                "--results", work.resolve("results2").toString());
        assertThat(quiet.out()).startsWith("MicroPython ✔");
    }

    @Test
    void failFastCancelsTheRestAfterTheFirstFailure() throws IOException {
        Path tree = failingTree();
        for (int i = 0; i < 8; i++) {
            Files.writeString(tree.resolve("basics/p" + i + ".py"), "print(" + i + ")\n");
        }
        Run run = CommandLineTest.mpunit(tree.toString(), "--fail-fast", "--jobs", "1", "--details",
                "summary", "--results", work.resolve("results").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("10 tests found", "1 tests failed");
    }
}
