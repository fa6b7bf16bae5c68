package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;

/** The listener driven event by event over a plan shaped like the engine's. */
class ResultsFolderListenerTest {

    @TempDir
    Path temp;

    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void withoutTheParameterNothingIsWritten() throws IOException {
        FakePlan fake = new FakePlan(Map.of());
        FakePlan.Node file = fake.file("basics/list1.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        run(listener, file, entries("pass", null, null, null));
        listener.testPlanExecutionFinished(plan);

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }

    /** A dry run runs nothing: a folder of files listed as skipped would read as a run that tested nothing. */
    @Test
    void aDryRunWritesNoFolder() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString(),
                ReportingConfigurationKeys.DRY_RUN, "true"));
        FakePlan.Node found = fake.file("basics/list1.py");
        FakePlan.Node skipped = fake.file("micropython/native_k.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        listener.executionSkipped(id(found), "found (dry run)");
        listener.reportingEntryPublished(id(found), entries("found", "found (dry run)", null, null));
        listener.executionSkipped(id(skipped), "target has no native emitter (native_/viper_ test)");
        listener.testPlanExecutionFinished(plan);

        assertThat(results).doesNotExist();
    }

    /**
     * Issue 11: a folder that cannot be created threw at the start and then failed once per test (an NPE
     * each). The engine refuses such a run at discovery; should the folder still fail (gone since), the
     * listener says so once and every later event passes quietly.
     */
    @Test
    void aFolderThatCannotBeCreatedIsSaidOnceAndNothingFailsAfterIt() throws IOException {
        Path regularFile = Files.writeString(temp.resolve("results"), "a file");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, regularFile.toString()));
        FakePlan.Node first = fake.file("basics/list1.py");
        FakePlan.Node second = fake.file("basics/list2.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            listener.testPlanExecutionStarted(plan);
            run(listener, first, entries("pass", null, null, null));
            run(listener, second, entries("fail", "expected 1", "2\n", "1\n"));
            listener.testPlanExecutionFinished(plan);
        } finally {
            System.setErr(stderr);
        }

        assertThat(said.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("mpunit: no results are written: the results folder " + regularFile
                        + " (micropython.results.dir) cannot be created: ");
        assertThat(regularFile).hasContent("a file");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(regularFile);
        }
    }

    @Test
    void aFlakyFileKeepsEveryRunWithItsOutputAndRunTestsPyReadersSeeWhatJunitWasTold() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node toggle = fake.file("basics/toggle.py");
        FakePlan.Node known = fake.file("basics/known.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        listener.executionStarted(id(toggle));
        // The second run's output came as a file entry, as a long one does.
        Path secondOutput = Files.writeString(temp.resolve(ReportEntryKeys.outputFile(2)), "right\n");
        listener.reportingEntryPublished(id(toggle), RunTestsConsoleListenerTest.attempt(1, "fail", "wrong\n", null, null));
        listener.fileEntryPublished(id(toggle), FileEntry.from(secondOutput, "text/plain"));
        Map<String, String> last = new LinkedHashMap<>(
                RunTestsConsoleListenerTest.attempt(2, "pass", "x", "fail pass", "flaky").getKeyValuePairs());
        last.put(ReportEntryKeys.OUTPUT, "(6 bytes, in file entry " + secondOutput + ")");
        listener.reportingEntryPublished(id(toggle), ReportEntry.from(last));
        listener.executionFinished(id(toggle), TestExecutionResult.successful());
        Map<String, String> quarantined = new LinkedHashMap<>(
                entries("fail", "output differs", "wrong\n", "right\n").getKeyValuePairs());
        quarantined.put(ReportEntryKeys.QUARANTINED, "listed in q.json for RUN-TESTS_STANDARD basics/known.py on *");
        listener.executionStarted(id(known));
        listener.reportingEntryPublished(id(known), ReportEntry.from(quarantined));
        listener.executionFinished(id(known), TestExecutionResult.aborted(null));
        listener.testPlanExecutionFinished(plan);

        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        assertThat(run.resolve("basics_toggle.py.attempt-1.out")).hasContent("wrong\n");
        assertThat(run.resolve("basics_toggle.py.attempt-2.out")).hasContent("right\n");
        assertThat(run.resolve("basics_toggle.py.out")).as("the run that failed, as run-tests.py keeps it")
                .hasContent("wrong\n");
        assertThat(run.resolve("basics_toggle.py.exp")).hasContent("right\n");
        List<?> contextResults = (List<?>) JsonReader.object(Files.readString(run.resolve("context_test.json")))
                .get("results");
        assertThat(contextResults).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> flaky = (Map<String, Object>) contextResults.get(1);
        assertThat(flaky).containsEntry("name", "basics/toggle.py").containsEntry("result", "pass")
                .containsEntry("flaky", true).containsEntry("quarantined", null);
        assertThat((List<?>) flaky.get("attempts")).hasSize(2).first().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("attempt", 1L)
                .containsEntry("result", "fail").containsEntry("out", "basics_toggle.py.attempt-1.out");
        assertThat((List<?>) flaky.get("attempts")).last().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).as("the last run's own verdict, not the file's")
                .containsEntry("attempt", 2L).containsEntry("result", "pass");
        @SuppressWarnings("unchecked")
        Map<String, Object> knownResult = (Map<String, Object>) contextResults.get(0);
        assertThat(knownResult).containsEntry("result", "fail")
                .containsEntry("quarantined", "listed in q.json for RUN-TESTS_STANDARD basics/known.py on *");

        Map<String, Object> runTests = JsonReader.object(Files.readString(run.resolve("_results.json")));
        assertThat(runTests.get("results")).isEqualTo(List.of(
                List.of("basics/known.py", "fail", "output differs"),
                List.of("basics/toggle.py", "pass", "")));
        assertThat(Files.readString(run.resolve("testresults.txt"))).isEqualTo("""
                quarantined  basics/known.py
                flaky  basics/toggle.py
                2 tests performed
                0 tests passed
                1 tests flaky (their attempts disagreed): basics/toggle.py
                1 tests failed and were quarantined: basics/known.py
                """);
        assertThat(Files.readString(results.resolve(Summary.MARKDOWN)))
                .contains("| Group | Runs | Passed | Ignored | Skipped | Xfailed | Failed | Flaky | Quarantined |")
                .contains("| RUN-TESTS\\_STANDARD | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |")
                .contains("[quarantined](").contains("[flaky](");
    }

    @Test
    void aFinishedRunWritesEveryFileAndMarksThemFinished() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node pass = fake.file("basics/list1.py");
        FakePlan.Node fail = fake.file("basics/fail \"quoted\".py");
        FakePlan.Node big = fake.file("extmod/big.py");
        FakePlan.Node skipped = fake.file("thread/thread1.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        run(listener, pass, entries("pass", null, null, null));
        run(listener, fail, entries("fail", "line 2 differs", "1\n3\n", "1\n2\n"));
        Path bigOutput = Files.writeString(temp.resolve("output.txt"), "a long output\n");
        listener.executionStarted(id(big));
        listener.fileEntryPublished(id(big), FileEntry.from(bigOutput, "text/plain"));
        listener.reportingEntryPublished(id(big),
                entries("fail", "CRASH", "(14 bytes, in file entry " + bigOutput + ")", "ok\n"));
        listener.executionFinished(id(big), TestExecutionResult.failed(null));
        listener.executionSkipped(id(skipped), "no threads");
        listener.testPlanExecutionFinished(plan);

        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
        assertThat(context).containsEntry("time_start", "2026-01-02 03:04:05")
                .containsEntry("time_end", "2026-01-02 03:04:05").containsEntry("unfinished", false)
                .containsEntry("testbed", null).containsKey("commandline");

        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        Map<String, Object> contextTest = JsonReader.object(Files.readString(run.resolve("context_test.json")));
        assertThat(contextTest).containsEntry("testgroup", "RUN-TESTS_STANDARD")
                .containsEntry("port-variant", "webassembly").containsEntry("tentacle", "webassembly#1")
                .containsEntry("tentacles", List.of("webassembly#1")).containsEntry("unfinished", false)
                .containsEntry("time_end", "2026-01-02 03:04:05");
        assertThat((List<?>) contextTest.get("results")).hasSize(4).first()
                .isEqualTo(result("basics/fail \"quoted\".py", "fail", "line 2 differs"));

        Map<String, Object> runTests = JsonReader.object(Files.readString(run.resolve("_results.json")));
        assertThat(runTests.get("results")).isEqualTo(List.of(
                List.of("basics/fail \"quoted\".py", "fail", "line 2 differs"),
                List.of("basics/list1.py", "pass", ""),
                List.of("extmod/big.py", "fail", "CRASH"),
                List.of("thread/thread1.py", "skip", "no threads")));
        assertThat(runTests.get("failed_tests")).isEqualTo(List.of("basics/fail \"quoted\".py", "extmod/big.py"));
        assertThat(runTests.get("ignored_tests")).isEqualTo(List.of());

        assertThat(Files.readString(run.resolve("testresults.txt"))).startsWith("""
                FAIL  basics/fail "quoted".py
                pass  basics/list1.py
                FAIL  extmod/big.py
                skip  thread/thread1.py
                3 tests performed
                1 tests passed
                """);
        assertThat(run.resolve("basics_fail__quoted_.py.exp")).hasContent("1\n2\n");
        assertThat(run.resolve("basics_fail__quoted_.py.out")).hasContent("1\n3\n");
        assertThat(run.resolve("extmod_big.py.out")).hasContent("a long output\n");
        assertThat(run.resolve("extmod_big.py.exp")).hasContent("ok\n");
        assertThat(run.resolve("basics_list1.py.out")).doesNotExist();
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aRunStoppedAfterTheFirstTestLeavesReadableUnfinishedFiles() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node first = fake.file("basics/first.py");
        FakePlan.Node second = fake.file("basics/second.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);

        listener.testPlanExecutionStarted(fake.plan());
        run(listener, first, entries("fail", "CRASH", "Traceback\n", "ok\n"));
        listener.executionStarted(id(second));

        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
        assertThat(context).containsEntry("unfinished", true).containsEntry("time_end", null);
        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        Map<String, Object> contextTest = JsonReader.object(Files.readString(run.resolve("context_test.json")));
        assertThat(contextTest).containsEntry("unfinished", true).containsEntry("time_end", null);
        assertThat(contextTest.get("results")).isEqualTo(List.of(result("basics/first.py", "fail", "CRASH")));
        assertThat(JsonReader.object(Files.readString(run.resolve("_results.json"))).get("failed_tests"))
                .isEqualTo(List.of("basics/first.py"));
        assertThat(run.resolve("basics_first.py.out")).hasContent("Traceback\n");
    }

    @Test
    void theEnginesUsbHealthEntryGoesToContextJsonAndTheSummary() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node first = fake.file("basics/first.py");
        FakePlan.Node second = fake.file("basics/second.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();
        String stopped = "the kernel reports the testbed's USB unreliable: usb 1-4-port2: cannot reset port 2"
                + " (err = -71); remedy: turn USB autosuspend off";

        listener.testPlanExecutionStarted(plan);
        run(listener, first, entries("pass", null, null, null));
        listener.executionSkipped(id(second), "not run: the test run was cancelled (" + stopped + ")");
        listener.reportingEntryPublished(id(fake.engine), ReportEntry.from(Map.of(
                ReportEntryKeys.USB_HEALTH, "critical",
                ReportEntryKeys.USB_HEALTH_REASON, stopped,
                ReportEntryKeys.USB_HEALTH_MESSAGES,
                "warning\t8813.462881\t1-4.2.3\tusb 1-4.2.3: device descriptor read/64, error -71\n"
                        + "critical\t8821.100002\t\txhci_hcd 0000:00:14.0: HC died; cleaning up")));
        listener.testPlanExecutionFinished(plan);

        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve("context.json")));
        assertThat(context).containsEntry("unfinished", true)
                .containsEntry("error", "cancelled: 1 test files were not run");
        Map<String, Object> warning = new LinkedHashMap<>();
        warning.put("severity", "warning");
        warning.put("time", "8813.462881");
        warning.put("location", "1-4.2.3");
        warning.put("message", "usb 1-4.2.3: device descriptor read/64, error -71");
        Map<String, Object> critical = new LinkedHashMap<>();
        critical.put("severity", "critical");
        critical.put("time", "8821.100002");
        critical.put("location", null);
        critical.put("message", "xhci_hcd 0000:00:14.0: HC died; cleaning up");
        assertThat(context.get("usb_health")).isEqualTo(Map.of("state", "critical", "reason", stopped,
                "messages", List.of(warning, critical)));
        assertThat(ResultsSchemasTest.validate(results.resolve("context.json"), "context.schema.json")).isEmpty();
        assertThat(Files.readString(results.resolve(Summary.MARKDOWN)))
                .contains("| USB health | critical: " + stopped + " |");
    }

    /** The summary's Tentacles section and USB messages, from the engine's run entries; mpunit report makes them again. */
    @Test
    void theSummaryTellsEachTentacleAndListsTheUsbMessagesAndIsRebuiltToTheByte() throws Exception {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node first = fake.file("basics/first.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        run(listener, first, entries("pass", null, null, null));
        for (String tentacle : List.of("0003-MICROBIT", "0002-MICROBIT", "0004-MICROBIT", "0001-MICROBIT")) {
            listener.reportingEntryPublished(id(fake.engine), ReportEntry.from(Map.of(ReportEntryKeys.TENTACLE, tentacle,
                    ReportEntryKeys.TENTACLE_LIFE, TentacleStoryTest.LIVES.get(tentacle))));
        }
        listener.reportingEntryPublished(id(fake.engine), ReportEntry.from(Map.of(
                ReportEntryKeys.USB_HEALTH, "warning",
                ReportEntryKeys.USB_HEALTH_MESSAGES,
                "warning\t8813.462881\t1-4.2.3\tusb 1-4.2.3: device descriptor read/64, error -71\n"
                        + "warning\t8813.9\t\txhci_hcd 0000:00:14.0: WARN Event TRB for slot 3 ep 2 with no TDs queued?")));
        listener.testPlanExecutionFinished(plan);

        String md = Files.readString(results.resolve(Summary.MARKDOWN));
        assertThat(md).contains("""
                ## Tentacles

                Each one's whole record of actions, step by step, is in [tentacles.json](tentacles.json).

                | Tentacle | Variants | Firmware check | Flashed | Power cycles | Result |
                |---|---|---|---|--:|---|
                | 0001-MICROBIT | MICROBIT | matches | no | 2 | released |
                | 0002-MICROBIT | MICROBIT | differs, matches after flashing | MICROBIT | 0 | released |
                | 0003-MICROBIT | MICROBIT | differs | no | 0 | failed: flashing MICROBIT onto tentacle 0003-MICROBIT failed""")
                .contains("""
                | 0004-MICROBIT | MICROBIT | matches | no | 0 | released |

                ## USB health

                The kernel's USB messages during the run, in order:

                | Severity | Time | Location | Message |
                |---|---|---|---|
                | warning | 8813.462881 | 1-4.2.3 | usb 1-4.2.3: device descriptor read/64, error -71 |
                | warning | 8813.9 | host controller | xhci\\_hcd 0000:00:14.0: WARN Event TRB for slot 3 ep 2 with no TDs queued? |
                """);
        String html = Files.readString(results.resolve(Summary.HTML));
        assertThat(html).contains("<tr class=\"failed\"><td>0003-MICROBIT</td><td>MICROBIT</td><td>differs</td><td>no</td>"
                + "<td class=\"n\">0</td><td>failed: flashing MICROBIT onto tentacle 0003-MICROBIT failed (exit 2")
                .contains("<tr class=\"warning\"><td>warning</td><td>8813.9</td><td>host controller</td>");
        SummaryTest.parse(results.resolve(Summary.HTML));

        Map<String, byte[]> written = SummaryRebuildTest.contents(results, SummaryRebuildTest.SUMMARY);
        for (String name : SummaryRebuildTest.SUMMARY.subList(1, SummaryRebuildTest.SUMMARY.size())) {
            Files.delete(results.resolve(name));
        }
        SummaryRebuild.rebuild(results, java.util.Optional.empty(), java.util.Optional.empty());
        Map<String, byte[]> again = SummaryRebuildTest.contents(results, SummaryRebuildTest.SUMMARY);
        for (String name : SummaryRebuildTest.SUMMARY) {
            assertThat(new String(again.get(name), StandardCharsets.UTF_8)).as(name)
                    .isEqualTo(new String(written.get(name), StandardCharsets.UTF_8));
        }
        assertThat(ResultsSchemasTest.validate(results.resolve(SummaryInputs.FILE), "summary_outcomes.schema.json"))
                .isEmpty();
    }

    @Test
    void aRunThatDidNotWatchHasNoUsbHealth() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node first = fake.file("basics/first.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        run(listener, first, entries("pass", null, null, null));
        listener.testPlanExecutionFinished(plan);

        assertThat(JsonReader.object(Files.readString(results.resolve("context.json")))).containsEntry("usb_health", null);
        assertThat(Files.readString(results.resolve(Summary.MARKDOWN))).doesNotContain("USB health");
    }

    /** Each rewrite lists every result so far: after every test that was quadratic in the run's files. */
    @Test
    void aRunsFilesAreRewrittenAtMostOnceARewriteIntervalWhileTestsFinish() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node first = fake.file("basics/first.py");
        FakePlan.Node second = fake.file("basics/second.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock); // a clock that stands still
        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");

        listener.testPlanExecutionStarted(fake.plan());
        run(listener, first, entries("pass", null, null, null));
        run(listener, second, entries("fail", "CRASH", "Traceback\n", "ok\n"));

        assertThat(JsonReader.object(Files.readString(run.resolve("context_test.json"))).get("results"))
                .as("rewritten at once after the first test, not again within the interval")
                .isEqualTo(List.of(result("basics/first.py", "pass", null)));
        assertThat(JsonReader.object(Files.readString(run.resolve("_results.json"))).get("failed_tests"))
                .isEqualTo(List.of());
        assertThat(run.resolve("basics_second.py.out")).as("a failure's output is written at once").hasContent("Traceback\n");
        listener.testPlanExecutionFinished(fake.plan());
        assertThat(JsonReader.object(Files.readString(run.resolve("_results.json"))).get("failed_tests"))
                .isEqualTo(List.of("basics/second.py"));
    }

    @Test
    void aSkippedVariantListsEachOfItsFilesAsSkipped() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        fake.file("thread/a.py");
        fake.file("thread/b.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        listener.executionSkipped(id(fake.variant), "no threads here");
        listener.testPlanExecutionFinished(plan);

        Path run = results.resolve("RUN-TESTS_STANDARD@webassembly");
        assertThat(JsonReader.object(Files.readString(run.resolve("_results.json"))).get("results")).isEqualTo(List.of(
                List.of("thread/a.py", "skip", "no threads here"), List.of("thread/b.py", "skip", "no threads here")));
    }

    /** Issue 11, item 15: not 0600 whatever the umask (temporary files are), but what any new file gets here. */
    @Test
    void filesGetTheModeOfAnyNewFile() throws IOException {
        Path results = temp.resolve("results");
        FakePlan fake = new FakePlan(Map.of(ReportingConfigurationKeys.RESULTS_DIR, results.toString()));
        FakePlan.Node fail = fake.file("basics/fail.py");
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan = fake.plan();
        listener.testPlanExecutionStarted(plan);
        run(listener, fail, entries("fail", "line 2 differs", "1\n3\n", "1\n2\n"));
        listener.testPlanExecutionFinished(plan);

        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.writeString(temp.resolve("plain"), "x"));
        List<Path> written;
        try (Stream<Path> files = Files.walk(results)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).extracting(path -> path.getFileName().toString())
                .contains("context.json", "basics_fail.py.out", "basics_fail.py.exp", "_results.json");
        for (Path file : written) {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(plain);
        }
    }

    @Test
    void theLauncherFindsTheListener() {
        assertThat(ServiceLoader.load(TestExecutionListener.class))
                .anyMatch(listener -> listener instanceof ResultsFolderListener);
    }

    static void run(ResultsFolderListener listener, FakePlan.Node file, ReportEntry entry) {
        listener.executionStarted(id(file));
        listener.reportingEntryPublished(id(file), entry);
        listener.executionFinished(id(file), TestExecutionResult.successful());
    }

    /** A test file's report entries as the engine publishes them (the console listener's tests take them too). */
    static ReportEntry entries(String verdict, String reason, String output, String expected) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ReportEntryKeys.GROUP, "RUN-TESTS_STANDARD");
        values.put(ReportEntryKeys.VARIANT, "webassembly");
        values.put(ReportEntryKeys.TENTACLE, "webassembly#1");
        values.put(ReportEntryKeys.PORT, "node micropython.mjs");
        values.put(ReportEntryKeys.DURATION, "12");
        values.put(ReportEntryKeys.VERDICT, verdict);
        if (reason != null) {
            values.put(ReportEntryKeys.REASON, reason);
        }
        if (output != null) {
            values.put(ReportEntryKeys.OUTPUT, output);
        }
        if (expected != null) {
            values.put(ReportEntryKeys.EXPECTED, expected);
        }
        return ReportEntry.from(values);
    }

    private static Map<String, Object> result(String name, String verdict, String text) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        result.put("result", verdict);
        result.put("text", text);
        result.put("tentacle", "webassembly#1");
        result.put("duration_ms", 12L);
        result.put("incidents", List.of());
        result.put("flaky", false);
        result.put("quarantined", null);
        // No micropython.results.ref-tests here: no link (SummaryTest and ResultsSchemasTest have them).
        result.put("source", null);
        result.put("attempts", List.of());
        return result;
    }
}
