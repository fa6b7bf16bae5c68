package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * The listener under a real launcher, behind the real engine on the webassembly MicroPython:
 * proves the report entries and unique ids it reads are the ones the engine publishes.
 */
class ResultsFolderEndToEndTest {

    static final Path TINY = Path.of("src/test/resources/fixtures/tiny").toAbsolutePath();

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void aRunWritesTheFolderAndAnInterruptedReplayLeavesItUnfinished() throws IOException {
        Path results = temp.resolve("results");
        Recorder recorder = new Recorder();
        // Only the listeners given here: the service-loaded copy would write the same folder twice.
        EngineRun.execute(EngineRun.request(TINY)
                // Small enough that the failure's outputs arrive as file entries, to be copied.
                .configurationParameter("micropython.report.inline-limit", "8")
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                .build(), new ResultsFolderListener(), recorder);

        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        assertThat(JsonReader.object(Files.readString(results.resolve("context.json"))))
                .containsEntry("unfinished", false).extracting(context -> context.get("time_end")).isNotNull();
        Map<String, Object> contextTest = JsonReader.object(Files.readString(run.resolve("context_test.json")));
        assertThat(contextTest).containsEntry("unfinished", false).containsEntry("testgroup", "RUN-TESTS_STANDARD")
                .containsEntry("port-variant", "webassembly");
        assertThat((List<?>) contextTest.get("tentacles")).isNotEmpty();
        Map<String, Object> runTests = JsonReader.object(Files.readString(run.resolve("_results.json")));
        assertThat((List<?>) runTests.get("results")).extracting(result -> (Object) ((List<?>) result).subList(0, 2))
                .containsExactly(List.of("basics/fail_exp.py", "fail"), List.of("basics/pass_exp.py", "pass"),
                        List.of("basics/skip_print.py", "skip"));
        assertThat(runTests.get("failed_tests")).isEqualTo(List.of("basics/fail_exp.py"));
        assertThat(run.resolve("testresults.txt")).content().startsWith("""
                FAIL  basics/fail_exp.py
                pass  basics/pass_exp.py
                skip  basics/skip_print.py
                """);
        assertThat(run.resolve("basics_fail_exp.py.exp")).hasSameTextualContentAs(TINY.resolve("basics/fail_exp.py.exp"));
        assertThat(run.resolve("basics_fail_exp.py.out")).hasContent("first\nsecond as printed\nthird\n");
        assertThat(run.resolve("basics_pass_exp.py.out")).doesNotExist();
        assertThat(recorder.fileEntries()).as("outputs over the inline limit came as file entries").isNotZero();

        deleteTree(results);
        recorder.replayUntilFirstTestFinished(new ResultsFolderListener());

        assertThat(JsonReader.object(Files.readString(results.resolve("context.json"))))
                .containsEntry("unfinished", true).containsEntry("time_end", null);
        Map<String, Object> interrupted = JsonReader.object(Files.readString(run.resolve("context_test.json")));
        assertThat(interrupted).containsEntry("unfinished", true).containsEntry("time_end", null);
        assertThat((List<?>) interrupted.get("results")).hasSize(1);
        assertThat((List<?>) JsonReader.object(Files.readString(run.resolve("_results.json"))).get("results")).hasSize(1);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Keeps the launcher's events so a prefix of them can be replayed: a run stopped part way. */
    static final class Recorder implements TestExecutionListener {
        private record Event(TestIdentifier test, boolean finished, boolean entry, Consumer<TestExecutionListener> action,
                boolean fileEntry) {
        }

        private final List<Event> events = new ArrayList<>();

        void replayUntilFirstTestFinished(TestExecutionListener listener) {
            Set<TestIdentifier> withEntries = new HashSet<>();
            for (Event event : events) {
                event.action().accept(listener);
                if (event.entry()) {
                    withEntries.add(event.test());
                }
                if (event.finished() && withEntries.contains(event.test())) {
                    return;
                }
            }
            throw new AssertionError("no test finished with report entries");
        }

        synchronized long fileEntries() {
            return events.stream().filter(event -> event.fileEntry()).count();
        }

        private synchronized void add(TestIdentifier test, boolean finished, boolean entry,
                Consumer<TestExecutionListener> action) {
            add(test, finished, entry, action, false);
        }

        private synchronized void add(TestIdentifier test, boolean finished, boolean entry,
                Consumer<TestExecutionListener> action, boolean fileEntry) {
            events.add(new Event(test, finished, entry, action, fileEntry));
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            add(null, false, false, listener -> listener.testPlanExecutionStarted(plan));
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            add(test, false, false, listener -> listener.executionStarted(test));
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            add(test, false, false, listener -> listener.executionSkipped(test, reason));
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            add(test, false, true, listener -> listener.reportingEntryPublished(test, entry));
        }

        @Override
        public void fileEntryPublished(TestIdentifier test, FileEntry file) {
            add(test, false, false, listener -> listener.fileEntryPublished(test, file), true);
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            add(test, true, false, listener -> listener.executionFinished(test, result));
        }
    }
}
