package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static dev.mpunit.reporting.ResultsFolderListenerTest.entries;
import static dev.mpunit.reporting.RunTestsConsoleListenerTest.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.reporting.RunTestsCounts.Line;
import dev.mpunit.reporting.RunTestsCounts.Tone;

class RunTestsCountsTest {

    @TempDir
    Path temp;

    /**
     * One run's events to the console and to the results folder: testresults.txt closes with the
     * console's counts, line for line. A flaky file that was quarantined stands on the quarantined line
     * alone in both (testresults.txt counted it as flaky too before the two shared one reckoning).
     */
    @Test
    void theConsoleAndTestresultsTxtCloseWithTheSameCounts() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests",
                ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunTestsConsoleListener console = new RunTestsConsoleListener(new PrintStream(printed, true,
                StandardCharsets.UTF_8), false, false);
        ResultsFolderListener folder = new ResultsFolderListener(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"),
                ZoneOffset.UTC));
        List<TestExecutionListener> both = List.of(console, folder);
        TestPlan plan = fake.plan();

        both.forEach(listener -> listener.testPlanExecutionStarted(plan));
        finish(both, fake.file("basics/pass.py"), TestExecutionResult.successful(), entries("pass", null, null, null));
        finish(both, fake.file("basics/fail.py"), TestExecutionResult.failed(null),
                entries("fail", "line 1 differs", "2\n", "1\n"));
        FakePlan.Node skip = fake.file("basics/skip.py");
        both.forEach(listener -> listener.executionSkipped(id(skip), "not for webassembly"));
        finish(both, fake.file("basics/rescued.py"), TestExecutionResult.successful(),
                attempt(1, "fail", "wrong\n", null, null), attempt(2, "pass", "right\n", "fail pass", "flaky"));
        finish(both, fake.file("basics/unrescued.py"), TestExecutionResult.failed(null),
                attempt(1, "pass", "right\n", null, null), attempt(2, "fail", "wrong\n", "pass fail", "flaky"));
        finish(both, fake.file("basics/knownflaky.py"), TestExecutionResult.aborted(null),
                attempt(1, "pass", "right\n", null, null), quarantined(attempt(2, "fail", "wrong\n", "pass fail", "flaky")));
        finish(both, fake.file("basics/known.py"), TestExecutionResult.aborted(null),
                quarantined(entries("fail", "output differs", "wrong\n", "right\n")));
        both.forEach(listener -> listener.testPlanExecutionFinished(plan));

        List<String> closing = List.of(
                "6 tests performed",
                "1 tests passed",
                "1 tests skipped: basics/skip.py",
                "2 tests flaky (their attempts disagreed): basics/rescued.py basics/unrescued.py",
                "2 tests failed and were quarantined: basics/known.py basics/knownflaky.py",
                "2 tests failed: basics/fail.py basics/unrescued.py");
        List<String> consoleLines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        int performed = consoleLines.indexOf(closing.get(0));
        assertThat(consoleLines.subList(performed, performed + closing.size())).isEqualTo(closing);
        assertThat(consoleLines.get(performed + closing.size())).startsWith("JUnit: ");
        List<String> text = Files.readAllLines(results.resolve("RUN-TESTS_STANDARD@webassembly").resolve(
                "testresults.txt"));
        assertThat(text.subList(text.indexOf(closing.get(0)), text.size())).isEqualTo(closing);
    }

    private static void finish(List<TestExecutionListener> listeners, FakePlan.Node file, TestExecutionResult result,
            ReportEntry... entries) {
        for (TestExecutionListener listener : listeners) {
            listener.executionStarted(id(file));
            for (ReportEntry entry : entries) {
                listener.reportingEntryPublished(id(file), entry);
            }
            listener.executionFinished(id(file), result);
        }
    }

    private static ReportEntry quarantined(ReportEntry entry) {
        Map<String, String> values = new LinkedHashMap<>(entry.getKeyValuePairs());
        values.put(ReportEntryKeys.QUARANTINED, "listed in q.json");
        return ReportEntry.from(values);
    }

    @Test
    void everyOutcomeHasItsLineInRunTestsOrderWithNamesSorted() {
        RunTestsCounts counts = new RunTestsCounts();
        counts.passed("basics/b.py");
        counts.passed("basics/a.py");
        counts.skipped("thread/t.py");
        counts.ignored("extmod/i.py");
        counts.xfailed("float/x.py");
        counts.flaky("basics/rescued.py", false);
        counts.flaky("basics/unrescued.py", true);
        counts.quarantined("misc/known.py");
        counts.failed("basics/z.py");
        counts.ranOtherwise();
        counts.testcases(4);
        counts.testcases(3);

        // Performed: everything but the skip, each file once (the unrescued flaky file is both flaky and failed).
        assertThat(counts.lines()).containsExactly(
                new Line("9 tests performed (7 individual testcases)", Tone.PLAIN),
                new Line("2 tests passed", Tone.PLAIN),
                new Line("1 tests skipped: thread/t.py", Tone.PLAIN),
                new Line("1 tests failed and were ignored: extmod/i.py", Tone.PLAIN),
                new Line("1 tests failed as expected: float/x.py", Tone.PLAIN),
                new Line("2 tests flaky (their attempts disagreed): basics/rescued.py basics/unrescued.py", Tone.WARNING),
                new Line("1 tests failed and were quarantined: misc/known.py", Tone.WARNING),
                new Line("2 tests failed: basics/unrescued.py basics/z.py", Tone.FAILURE));
    }

    @Test
    void withoutTestcasesOrListsOnlyTheTwoCountsRemain() {
        RunTestsCounts counts = new RunTestsCounts();
        counts.passed("basics/a.py");

        assertThat(counts.lines()).extracting(Line::text)
                .isEqualTo(List.of("1 tests performed", "1 tests passed"));
    }
}
