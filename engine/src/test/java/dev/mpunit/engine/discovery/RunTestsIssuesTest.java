package dev.mpunit.engine.discovery;

import dev.mpunit.engine.MicroPythonTestEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.mpunit.engine.verdict.PythonAvailable;
import dev.mpunit.engine.verdict.TranscribedRunTests;

/** Discovery warns, once, when a tree's run-tests.py skips by other tables than the engine's. */
class RunTestsIssuesTest {

    @TempDir
    Path dir;

    private List<DiscoveryIssue> discover(String runTestsPy) throws IOException {
        Path tests = dir.resolve("tests");
        Files.createDirectories(tests.resolve("basics"));
        Files.writeString(tests.resolve("basics/a.py"), "print(1)\n");
        Files.writeString(tests.resolve("basics/b.py"), "print(2)\n");
        Files.writeString(tests.resolve("run-tests.py"), runTestsPy);
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", dir.resolve("cache").toString())
                .selectors(selectFile(tests.resolve("basics/a.py").toFile()), selectFile(tests.resolve("basics/b.py").toFile()))
                .discover().getDiscoveryIssues();
    }

    @Test
    void aTreeWithTheTranscribedTablesGetsNoWarning() throws IOException {
        PythonAvailable.assumePython();
        assertThat(discover(TranscribedRunTests.source())).isEmpty();
    }

    @Test
    void aNewerTreeGetsOneWarningNamingTheTablesAndTheCommand() throws IOException {
        PythonAvailable.assumePython();
        List<DiscoveryIssue> issues = discover(TranscribedRunTests.newer());
        Path runTests = dir.resolve("tests/run-tests.py");
        Path folder = dir.resolve("cache").resolve(RunTestsIssues.FOLDER);
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message()).isEqualTo("micropython: " + runTests + " differs from the run-tests.py the"
                    + " engine's skip tables were transcribed from, in EMITTER, ERROR_REPORTING: a file listed there"
                    + " may be skipped by one and run by the other. List the differences: python3 "
                    + folder.resolve("run_tests_tables.py") + " " + runTests + " " + folder.resolve("engine-tables.txt"));
        });
    }
}
