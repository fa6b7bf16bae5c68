package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static dev.mpunit.reporting.ResultsFolderListenerTest.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.AssertionFailedError;

import dev.mpunit.contract.IdSegments;
import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;

/** The run-tests.py console driven event by event over a plan shaped like the engine's. */
class RunTestsConsoleListenerTest {

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @TempDir
    Path results;

    @Test
    void withoutTheKeyItPrintsNothing() {
        FakePlan fake = new FakePlan(Map.of());
        FakePlan.Node file = fake.file("basics/list1.py");
        RunTestsConsoleListener listener = listener(false, true);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        finish(listener, file, entries("fail", "line 1 differs", "2\n", "1\n"), TestExecutionResult.failed(null));
        listener.executionSkipped(id(fake.file("basics/skipped.py")), "not for webassembly");
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void printsOneLinePerFileThenTheDiffsThenTheCounts() {
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests",
                ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node pass = fake.file("basics/pass.py");
        FakePlan.Node fail = fake.file("basics/fail.py");
        FakePlan.Node skip = fake.file("basics/skip.py");
        FakePlan.Node printedSkip = fake.file("basics/printed_skip.py");
        FakePlan.Node unittest = new FakePlan.Node(fake.variant.getUniqueId().append(IdSegments.FILE, "extmod/unittest_x.py"),
                "extmod/unittest_x.py", TestDescriptor.Type.CONTAINER_AND_TEST);
        fake.variant.addChild(unittest);
        FakePlan.Node caseA = new FakePlan.Node(unittest.getUniqueId().append(IdSegments.CASE, "test_a"), "test_a",
                TestDescriptor.Type.TEST);
        FakePlan.Node caseB = new FakePlan.Node(unittest.getUniqueId().append(IdSegments.CASE, "test_b"), "test_b",
                TestDescriptor.Type.TEST);
        unittest.addChild(caseA);
        unittest.addChild(caseB);
        RunTestsConsoleListener listener = listener(false, true);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        finish(listener, pass, counted(entries("pass", null, null, null), 4), TestExecutionResult.successful());
        finish(listener, fail, counted(entries("fail", "line 2 differs", "1\n3\n", "1\n2\n"), 2),
                TestExecutionResult.failed(new AssertionFailedError("line 2 differs")));
        listener.executionSkipped(id(skip), "not for webassembly");
        finish(listener, printedSkip, entries("skip", "SKIP", "SKIP\n", null), TestExecutionResult.aborted(null));
        listener.executionStarted(id(unittest));
        listener.executionFinished(id(caseA), TestExecutionResult.successful());
        listener.executionFinished(id(caseB), TestExecutionResult.successful());
        finish(listener, unittest, counted(entries("pass", "(unittest: 2 ran)", null, null), 2),
                TestExecutionResult.successful());
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                pass  basics/pass.py
                FAIL  basics/fail.py (line 2 differs)
                skip  basics/skip.py (not for webassembly)
                skip  basics/printed_skip.py (SKIP)
                pass  extmod/unittest_x.py (unittest: 2 ran)

                FAILURE basics/fail.py
                --- basics/fail.py.exp
                +++ basics/fail.py.out
                @@ -1,2 +1,2 @@
                 1
                -2
                +3

                3 tests performed (8 individual testcases)
                2 tests passed
                2 tests skipped: basics/printed_skip.py basics/skip.py
                1 tests failed: basics/fail.py
                JUnit: 7 tests: 4 successful, 1 failed, 1 aborted, 1 skipped
                results: %s (summary: %s)
                """.formatted(results, results.resolve("summary_report.html")));
    }

    /** A testbed run: one line per tentacle with what mattered, before the counts; the records stay in JSON. */
    @Test
    void aTestbedRunEndsWithWhatHappenedToEachTentacle() {
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests"));
        FakePlan.Node pass = fake.file("basics/pass.py");
        RunTestsConsoleListener listener = listener(false, true);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        finish(listener, pass, entries("pass", null, null, null), TestExecutionResult.successful());
        // Published on the engine (the run) as each worker lets its tentacle go: not in label order.
        for (String tentacle : List.of("0003-MICROBIT", "0002-MICROBIT", "0004-MICROBIT", "0001-MICROBIT")) {
            listener.reportingEntryPublished(id(fake.engine), ReportEntry.from(Map.of(ReportEntryKeys.TENTACLE, tentacle,
                    ReportEntryKeys.TENTACLE_LIFE, TentacleStoryTest.LIVES.get(tentacle))));
        }
        listener.reportingEntryPublished(id(fake.engine), ReportEntry.from(Map.of(ReportEntryKeys.TENTACLE,
                "/dev/ttyACM0#1", ReportEntryKeys.TENTACLE_LIFE, TentacleStoryTest.HAND_CONNECTED)));
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                pass  basics/pass.py

                tentacles (each one's whole record of actions: the report entry micropython.tentacle-life):
                  /dev/ttyACM0#1  hand-connected: not powered or flashed
                  0001-MICROBIT   power-cycled 2× to recover
                  0002-MICROBIT   flashed MICROBIT (firmware differed: %s)
                  0003-MICROBIT   failed: %s
                  0004-MICROBIT   as found (firmware check: matches)

                1 tests performed
                1 tests passed
                JUnit: 1 tests: 1 successful, 0 failed, 0 aborted, 0 skipped
                """.formatted(TentacleStoryTest.DIFFERED, TentacleStoryTest.PROGRAMMER_FAILED));
    }

    @Test
    void theTentaclesRecordsAreNamedInTheResultsFolderWhenItHasThem() {
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests",
                ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node pass = fake.file("basics/pass.py");
        RunTestsConsoleListener console = listener(true, true);
        ResultsFolderListener folder = new ResultsFolderListener();
        TestPlan plan = fake.plan();
        ReportEntry life = ReportEntry.from(Map.of(ReportEntryKeys.TENTACLE, "0002-MICROBIT",
                ReportEntryKeys.TENTACLE_LIFE, TentacleStoryTest.FLASHED));

        folder.testPlanExecutionStarted(plan);
        console.testPlanExecutionStarted(plan);
        finish(console, pass, entries("pass", null, null, null), TestExecutionResult.successful());
        folder.reportingEntryPublished(id(fake.engine), life);
        console.reportingEntryPublished(id(fake.engine), life);
        folder.testPlanExecutionFinished(plan);
        console.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(CLEAR + "tentacles (each one's whole record of actions: " + results.resolve("tentacles.json")
                        + "):\n")
                .contains(CLEAR + "\u001b[33m  0002-MICROBIT  flashed MICROBIT (firmware differed: ");
    }

    @Test
    void coloursTheFailuresOnATerminalAndClearsTheProgressLineBeforeEachLine() {
        assertThat(failingRun(listener(true, true)))
                .startsWith(CLEAR + "\u001b[31mFAIL\u001b[0m  basics/fail.py (line 1 differs)\n")
                .contains(CLEAR + "\u001b[31m-2\u001b[0m\n" + CLEAR + "\u001b[32m+3\u001b[0m\n")
                .contains(CLEAR + "\u001b[31m1 tests failed: basics/fail.py\u001b[0m\n")
                .doesNotContain("results:");
    }

    @Test
    void noColourOnATerminalWithNoColorAndNoEscapesInALog() {
        assertThat(failingRun(listener(true, false)))
                .startsWith(CLEAR + "FAIL  basics/fail.py (line 1 differs)\n")
                .contains(CLEAR + "-2\n" + CLEAR + "+3\n")
                .doesNotContain("\u001b[3");
        printed.reset();
        assertThat(failingRun(listener(false, true))).doesNotContain("\u001b", "\r");
    }

    private String failingRun(RunTestsConsoleListener listener) {
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests",
                ReportingConfigurationKeys.RESULTS_DIR, results.resolve("refused at discovery").toString()));
        FakePlan.Node fail = fake.file("basics/fail.py");
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        finish(listener, fail, entries("fail", "line 1 differs", "3\n", "2\n"), TestExecutionResult.failed(null));
        listener.testPlanExecutionFinished(plan);
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFailureLinksItsSourceAtTheRunsRefTestsAndALocalPathGivesNoLink() {
        assertThat(failingRun(listener(false, true), "https://github.com/micropython/micropython.git@v1.25.0"))
                .contains("""
                        FAILURE basics/fail.py
                        source: https://github.com/micropython/micropython/blob/v1.25.0/tests/basics/fail.py
                        --- basics/fail.py.exp
                        """);
        printed.reset();
        assertThat(failingRun(listener(false, true), "/home/me/micropython")).contains("""
                FAILURE basics/fail.py
                --- basics/fail.py.exp
                """).doesNotContain("source:");
    }

    private String failingRun(RunTestsConsoleListener listener, String refTests) {
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests",
                ReportingConfigurationKeys.RESULTS_REF_TESTS, refTests));
        FakePlan.Node fail = fake.file("basics/fail.py");
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        finish(listener, fail, entries("fail", "line 1 differs", "3\n", "2\n"), TestExecutionResult.failed(null));
        listener.testPlanExecutionFinished(plan);
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static final String CLEAR = "\r\u001b[2K";

    /** The entry of run {@code attempt} of a file run more than once; {@code attempts} on the last one. */
    static ReportEntry attempt(int attempt, String verdict, String output, String attempts, String fileVerdict) {
        Map<String, String> values = new java.util.LinkedHashMap<>(entries(verdict,
                verdict.equals("fail") ? "output differs" : null, output, "right\n").getKeyValuePairs());
        values.put(ReportEntryKeys.ATTEMPT, Integer.toString(attempt));
        if (attempts != null) {
            values.put(ReportEntryKeys.ATTEMPTS, attempts);
            values.put(ReportEntryKeys.VERDICT, fileVerdict);
        }
        return ReportEntry.from(values);
    }

    @Test
    void aFlakyFileHasALineOfItsOwnTheDiffOfItsFailedRunAndACountAndAQuarantinedFailureToo() {
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, "run-tests"));
        FakePlan.Node toggle = fake.file("basics/toggle.py");
        FakePlan.Node known = fake.file("basics/known.py");
        RunTestsConsoleListener listener = listener(false, true);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        listener.executionStarted(id(toggle));
        listener.reportingEntryPublished(id(toggle), attempt(1, "fail", "wrong\n", null, null));
        listener.reportingEntryPublished(id(toggle), attempt(2, "pass", "right\n", "fail pass", "flaky"));
        listener.executionFinished(id(toggle), TestExecutionResult.successful());
        Map<String, String> knownValues = new java.util.LinkedHashMap<>(
                entries("fail", "output differs", "wrong\n", "right\n").getKeyValuePairs());
        knownValues.put(ReportEntryKeys.QUARANTINED, "listed in q.json for RUN-TESTS_STANDARD basics/known.py on *");
        finish(listener, known, ReportEntry.from(knownValues), TestExecutionResult.aborted(null));
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                flaky  basics/toggle.py (1 of 2 attempts failed)
                quarantined  basics/known.py (output differs)

                FAILURE basics/toggle.py (flaky)
                --- basics/toggle.py.exp
                +++ basics/toggle.py.attempt-1.out
                @@ -1 +1 @@
                -right
                +wrong

                FAILURE basics/known.py (quarantined)
                --- basics/known.py.exp
                +++ basics/known.py.out
                @@ -1 +1 @@
                -right
                +wrong

                2 tests performed
                0 tests passed
                1 tests flaky (their attempts disagreed): basics/toggle.py
                1 tests failed and were quarantined: basics/known.py
                JUnit: 2 tests: 1 successful, 0 failed, 1 aborted, 0 skipped
                """);
    }

    private RunTestsConsoleListener listener(boolean terminal, boolean colours) {
        return new RunTestsConsoleListener(new PrintStream(printed, true, StandardCharsets.UTF_8), terminal, colours);
    }

    private static void finish(RunTestsConsoleListener listener, FakePlan.Node file, ReportEntry entry,
            TestExecutionResult result) {
        listener.executionStarted(id(file));
        listener.reportingEntryPublished(id(file), entry);
        listener.executionFinished(id(file), result);
    }

    /** run-tests.py's testcase count of a file that ran, as the engine publishes it. */
    private static ReportEntry counted(ReportEntry entry, int testcases) {
        Map<String, String> values = new LinkedHashMap<>(entry.getKeyValuePairs());
        values.put(ReportEntryKeys.TESTCASES, Integer.toString(testcases));
        return ReportEntry.from(values);
    }
}
