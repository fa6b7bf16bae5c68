package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.engine.verdict.PythonAvailable;

/**
 * RUN-MULTITESTS through the engine: two tentacles of a local port paired as board and reference,
 * run-multitests.py's protocol on real processes, one test per file. Without a unix port (CI has
 * none) the instances are CPython behind a stand-in {@code micropython} script; with
 * {@code MPUNIT_TEST_UNIX_MICROPYTHON} set they are the real unix port.
 */
class MultitestsEngineTest {

    static final Path EXAMPLES = Path.of("../examples/tests").toAbsolutePath().normalize();
    static final Path FIXTURES = MicroPythonTestEngineTest.FIXTURES.resolve("multi");

    @TempDir
    Path folder;

    /** The real unix port when configured, else python3 standing in for it (it runs {@code -c <script>} alike). */
    private Path micropython() throws IOException {
        String configured = System.getenv("MPUNIT_TEST_UNIX_MICROPYTHON");
        if (configured != null && !configured.isBlank() && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        PythonAvailable.assumePython();
        Path standIn = folder.resolve("bin/micropython");
        Files.createDirectories(standIn.getParent());
        Files.writeString(standIn, "#!/bin/sh\nexec python3 \"$@\"\n");
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return standIn;
    }

    private EngineTestKit.Builder engine(Path root) throws IOException {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.root", root.toString())
                .configurationParameter("micropython.target", "unix")
                .configurationParameter("micropython.unix.micropython", micropython().toString())
                .configurationParameter("micropython.workers", "2")
                .configurationParameter("micropython.progress", "off");
    }

    @Test
    void ourMultitestsPassOnABoardAndItsReferenceEachAOneJUnitTest() throws IOException {
        EngineExecutionResults results = engine(EXAMPLES)
                .configurationParameter("micropython.workers", "3")
                .selectors(selectDirectory(EXAMPLES.resolve("multi_net").toFile()))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(6).aborted(1).failed(0));
        assertThat(results.testEvents().aborted().stream().map(event -> event.getTestDescriptor().getDisplayName()))
                .containsExactly("multi_net/mt_skip.py");
        Map<String, String> tentacles = FakeTargetEngineTest.entries(results, ReportEntryKeys.TENTACLE);
        Map<String, String> references = FakeTargetEngineTest.entries(results, ReportEntryKeys.REFERENCE_TENTACLE);
        // Each test names both tentacles of its pair: the port's last tentacle is the one reference
        // (one two-board test at a time on this machine's network), the others take turns with it.
        assertThat(references).hasSize(7).containsOnlyKeys(tentacles.keySet());
        assertThat(references.values()).containsOnly("unix#3");
        assertThat(tentacles.values()).isSubsetOf("unix#1", "unix#2");
        assertThat(FakeTargetEngineTest.entries(results, ReportEntryKeys.REFERENCE_PORT).values()).allMatch(port -> port.endsWith("micropython"));
        assertThat(FakeTargetEngineTest.entries(results, ReportEntryKeys.METRICS))
                .containsEntry("multi_net/mt_protocol.py", "rounds 1")
                .containsEntry("multi_net/mt_nowait.py", "items 4");
    }

    @Test
    void aDryRunPairsTheTentaclesAndFindsEachFileWithoutRunningIt() throws IOException {
        EngineExecutionResults results = engine(EXAMPLES)
                .configurationParameter("micropython.dry-run", "true")
                .selectors(selectDirectory(EXAMPLES.resolve("multi_net").toFile()))
                .execute();

        // mt_skip.py, which prints SKIP when it runs, is found too: only running it would tell.
        results.testEvents().assertStatistics(stats -> stats.started(0).skipped(7));
        assertThat(results.testEvents().skipped().stream().map(event -> event.getPayload(String.class).orElseThrow()))
                .containsOnly("found (dry run)");
        assertThat(FakeTargetEngineTest.entries(results, ReportEntryKeys.VERDICT).values()).hasSize(7).containsOnly("found");
        assertThat(FakeTargetEngineTest.entries(results, ReportEntryKeys.REFERENCE_TENTACLE).values())
                .hasSize(7).containsOnly("unix#2");
        assertThat(FakeTargetEngineTest.entries(results, ReportEntryKeys.METRICS)).isEmpty();
    }

    /** An upstream-shaped tree (a {@code basics/} directory) whose {@code multi_net/} holds the given fixtures. */
    private Path tree(String... fixtures) throws IOException {
        Path tree = folder.resolve("tree");
        Files.createDirectories(tree.resolve("basics"));
        Files.createDirectories(tree.resolve("multi_net"));
        for (String fixture : fixtures) {
            Files.copy(FIXTURES.resolve("multi_net").resolve(fixture), tree.resolve("multi_net").resolve(fixture));
        }
        return tree;
    }

    @Test
    void aTimeoutAgainstAnExpThatFinishesFailsShowingEachInstanceAgainstItsExpectedOutput() throws IOException {
        Path tree = tree("hang_exp.py", "hang_exp.py.exp");
        Path file = tree.resolve("multi_net/hang_exp.py");
        EngineExecutionResults results = engine(tree).selectors(selectFile(file.toFile())).execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Event failed = results.testEvents().failed().list().get(0);
        String message = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                .getMessage();
        assertThat(message).startsWith("output differs from hang_exp.py.exp\ninstance0 (micropython on unix#")
                .contains(" printed:\n    before\n    TIMEOUT\ninstance0 expected:\n    before\n    after")
                .doesNotContain("instance1 (")
                .contains("(instances: micropython on unix#")
                // When each line came, from which instance: run-multitests.py -c's trace.
                .containsPattern("lines read \\(ms since the start, instance\\):\n +\\d+ i0 : before");
        assertThat(FakeTargetEngineTest.entries(results, ReportEntryKeys.OUTPUT))
                .containsEntry("multi_net/hang_exp.py", "--- instance0 ---\nbefore\nTIMEOUT\n--- instance1 ---\n\n");
    }

    @Test
    void aFileNeedingMoreInstancesThanAPieceHasIsSkippedWithTheReason() throws IOException {
        Path tree = tree();
        Files.writeString(tree.resolve("multi_net/three.py"),
                "def instance0():\n    pass\ndef instance1():\n    pass\ndef instance2():\n    pass\n");
        EngineExecutionResults results = engine(tree).selectors(selectDirectory(tree.resolve("multi_net").toFile()))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.skipped(1).started(0));
        assertThat(results.testEvents().skipped().list().get(0).getPayload(String.class).orElseThrow())
                .isEqualTo("multi_net/three.py needs 3 instances; a two-board piece has 2: the board and its reference"
                        + " tentacle");
    }
}
