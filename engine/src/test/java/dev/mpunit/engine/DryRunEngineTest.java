package dev.mpunit.engine;

import static dev.mpunit.engine.FakeTargetEngineTest.entries;
import static dev.mpunit.engine.FakeTargetEngineTest.fakeFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import dev.mpunit.contract.ReportEntryKeys;

/**
 * {@code micropython.dry-run} on the scripted {@code fake} target (run-tests.py's {@code --dry-run}):
 * targets open and the feature checks run, the skip rules decide, and no file runs. Files that would
 * run are skipped as {@code found}; the others with the reason a real run gives.
 */
class DryRunEngineTest {

    @TempDir
    Path folder;

    private Path tests() {
        return folder.resolve("tests");
    }

    /**
     * Files that would fail, crash or break the target if they ran, one that imports unittest, and two
     * that the skip rules leave out on the fake (no native emitter, no t-strings: the feature checks say so).
     */
    private void tree() throws IOException {
        fakeFile(tests(), "basics/differs.py", "expected\n", "print actual");
        fakeFile(tests(), "basics/crashes.py", "", "crash");
        fakeFile(tests(), "basics/breaks.py", "", "break");
        Path unittest = fakeFile(tests(), "basics/unittest_cases.py", "", "print test_a (__main__.T) ... ok",
                "print Ran 1 tests", "print OK");
        Files.writeString(unittest, "import unittest\n" + Files.readString(unittest));
        Files.delete(unittest.resolveSibling("unittest_cases.py.exp"));
        fakeFile(tests(), "micropython/native_k.py", "1\n", "print 1");
        fakeFile(tests(), "basics/string_tstring_k.py", "1\n", "print 1");
    }

    private EngineTestKit.Builder engine() {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", "fake*2")
                .configurationParameter("micropython.progress", "off")
                // No CPython: a file that needed it would fail, and none runs.
                .configurationParameter("micropython.cpython", folder.resolve("no-cpython").toString())
                .selectors(selectDirectory(tests().toFile()));
    }

    /** Per file: how JUnit ended it ({@code SKIPPED: reason}, {@code FINISHED}) . */
    private static Map<String, String> endings(EngineExecutionResults results) {
        Map<String, String> endings = new TreeMap<>();
        for (Event event : results.testEvents().list()) {
            if (event.getType() == EventType.SKIPPED) {
                endings.put(event.getTestDescriptor().getDisplayName(), "SKIPPED: " + event.getPayload(String.class).orElseThrow());
            } else if (event.getType() == EventType.FINISHED) {
                endings.put(event.getTestDescriptor().getDisplayName(), "FINISHED");
            }
        }
        return endings;
    }

    @Test
    void filesTheRulesLetThroughAreFoundAndNoneRuns() throws IOException {
        tree();

        EngineExecutionResults results = engine().configurationParameter("micropython.dry-run", "true").execute();

        results.testEvents().assertStatistics(stats -> stats.started(0).finished(0).skipped(6).dynamicallyRegistered(0));
        assertThat(endings(results)).containsExactly(
                Map.entry("basics/breaks.py", "SKIPPED: found (dry run)"),
                Map.entry("basics/crashes.py", "SKIPPED: found (dry run)"),
                Map.entry("basics/differs.py", "SKIPPED: found (dry run)"),
                Map.entry("basics/string_tstring_k.py", "SKIPPED: target has no t-strings"),
                Map.entry("basics/unittest_cases.py", "SKIPPED: found (dry run)"),
                Map.entry("micropython/native_k.py", "SKIPPED: target has no native emitter (native_/viper_ test)"));
        // The found ones say so in the contract's word, and where they would have run; the skipped ones, as
        // in a run, carry no entry.
        assertThat(entries(results, ReportEntryKeys.VERDICT)).containsOnly(
                Map.entry("basics/breaks.py", "found"), Map.entry("basics/crashes.py", "found"),
                Map.entry("basics/differs.py", "found"), Map.entry("basics/unittest_cases.py", "found"));
        assertThat(entries(results, ReportEntryKeys.TENTACLE).values()).isSubsetOf("fake#1", "fake#2").hasSize(4);
        assertThat(entries(results, ReportEntryKeys.GROUP).values()).containsOnly("RUN-TESTS_STANDARD");
        assertThat(entries(results, ReportEntryKeys.DURATION)).isEmpty();
        // Nothing ran: no test's duration was kept for the next run's schedule.
        assertThat(folder.resolve("cache/durations.properties")).doesNotExist();
    }

    /**
     * Through the launcher, as the console launcher runs it: its tree keeps an entry on the node of a test
     * it has seen started or skipped, and failed on a found file's entry published before its skip.
     */
    @Test
    void aFoundFilesEntryComesAfterItsSkipForListenersThatKeepEntriesOnTheirTests() throws IOException {
        tree();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> entryBeforeItsTest = new CopyOnWriteArrayList<>();
        List<String> withEntry = new CopyOnWriteArrayList<>();
        TestExecutionListener strict = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                seen.add(test.getUniqueId());
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                seen.add(test.getUniqueId());
            }

            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                (seen.contains(test.getUniqueId()) ? withEntry : entryBeforeItsTest).add(test.getDisplayName());
            }
        };
        var discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(tests().toFile()))
                .filters(EngineFilter.includeEngines(MicroPythonTestEngine.ID))
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", "fake")
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.dry-run", "true")
                .build();
        LauncherFactory.create().execute(LauncherExecutionRequestBuilder.request(discovery).listeners(strict).build());

        assertThat(entryBeforeItsTest).isEmpty();
        assertThat(withEntry).containsExactlyInAnyOrder("basics/breaks.py", "basics/crashes.py", "basics/differs.py",
                "basics/unittest_cases.py");
    }

    @Test
    void aFileTheRulesSkipIsSkippedWithTheReasonARealRunGives() throws IOException {
        tree();

        Map<String, String> dry = endings(engine().configurationParameter("micropython.dry-run", "true").execute());
        Map<String, String> real = endings(engine().execute());

        assertThat(real).containsEntry("basics/string_tstring_k.py", dry.get("basics/string_tstring_k.py"))
                .containsEntry("micropython/native_k.py", dry.get("micropython/native_k.py"))
                .containsEntry("basics/differs.py", "FINISHED");
    }

    @Test
    void falseIsARealRunAndAValueThatIsNoBooleanIsRefusedAtDiscovery() throws IOException {
        tree();

        engine().configurationParameter("micropython.dry-run", "false").execute().testEvents()
                .assertStatistics(stats -> stats.started(4).skipped(2));
        assertThat(folder.resolve("cache/durations.properties")).exists();
        EngineDiscoveryResults refused = engine().configurationParameter("micropython.dry-run", "maybe").discover();
        assertThat(refused.getEngineDescriptor().getChildren()).isEmpty();
        assertThat(refused.getDiscoveryIssues()).extracting(DiscoveryIssue::message)
                .anySatisfy(message -> assertThat(message).contains("micropython.dry-run=maybe is not true or false"));
    }
}
