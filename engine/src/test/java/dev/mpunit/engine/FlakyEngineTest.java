package dev.mpunit.engine;

import static dev.mpunit.engine.FakeTargetEngineTest.fakeFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;

/**
 * {@code micropython.count}, {@code micropython.retry-failed} and {@code micropython.quarantine} on
 * the scripted {@code fake} target: a file that fails every other time ({@code print each wrong | right})
 * is flaky, each of its runs is kept with its output, JUnit gets one verdict for it; a quarantined
 * failure fails no run.
 */
class FlakyEngineTest {

    @TempDir
    Path folder;

    private Path tests() {
        return folder.resolve("tests");
    }

    /** Prints {@code wrong} on its 1st, 3rd, … run in a run and {@code right} on the others; expects {@code right}. */
    private void everyOtherTime(String relativePath) throws IOException {
        fakeFile(tests(), relativePath, "right\n", "print each wrong | right");
    }

    private EngineTestKit.Builder engine(String target, String... keysAndValues) {
        EngineTestKit.Builder builder = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", target)
                .configurationParameter("micropython.progress", "off")
                .selectors(selectDirectory(tests().toFile()));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            builder.configurationParameter(keysAndValues[i], keysAndValues[i + 1]);
        }
        return builder;
    }

    /** Every report entry of the file, in the order published. */
    private static List<Map<String, String>> entriesOf(EngineExecutionResults results, String file) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getDisplayName().equals(file))
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .toList();
    }

    @Test
    void aFileThatFailsEveryOtherTimeIsFlakyAndARetryOnAnotherTentacleLetsItPass() throws IOException {
        everyOtherTime("basics/toggle.py");
        // A second file, so that the variant keeps two tentacles busy and has two.
        fakeFile(tests(), "basics/steady.py", "1\n", "print 1");

        EngineExecutionResults results = engine("fake*2", "micropython.retry-failed", "1").execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        List<Map<String, String>> entries = entriesOf(results, "basics/toggle.py");
        assertThat(entries).hasSize(2);
        Map<String, String> first = entries.get(0);
        Map<String, String> last = entries.get(1);
        assertThat(first).containsEntry(ReportEntryKeys.ATTEMPT, "1").containsEntry(ReportEntryKeys.VERDICT, "fail")
                .containsEntry(ReportEntryKeys.OUTPUT, "wrong\n").doesNotContainKey(ReportEntryKeys.ATTEMPTS);
        assertThat(last).containsEntry(ReportEntryKeys.ATTEMPT, "2")
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FLAKY)
                .containsEntry(ReportEntryKeys.ATTEMPTS, "fail pass")
                .containsEntry(ReportEntryKeys.OUTPUT, "right\n");
        // The retry went to the variant's other tentacle.
        assertThat(first.get(ReportEntryKeys.TENTACLE)).isNotEqualTo(last.get(ReportEntryKeys.TENTACLE));
    }

    @Test
    void underCountAloneAFlakyFileFailsTheRunWithTheRunThatFailed() throws IOException {
        everyOtherTime("basics/toggle.py");
        fakeFile(tests(), "basics/steady.py", "1\n", "print 1");

        EngineExecutionResults results = engine("fake", "micropython.count", "2").execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("basics/toggle.py"),
                        finishedWithFailure(message(text -> text.contains("wrong")))))
                .haveExactly(1, event(test(), displayName("basics/steady.py"), finishedSuccessfully()));
        assertThat(entriesOf(results, "basics/toggle.py")).last().satisfies(last -> assertThat(last)
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FLAKY).containsEntry(ReportEntryKeys.ATTEMPTS, "fail pass"));
        // Runs that agree are no flakiness: the file's own verdict, every run counted.
        assertThat(entriesOf(results, "basics/steady.py")).extracting(entry -> entry.get(ReportEntryKeys.VERDICT))
                .containsExactly("pass", "pass");
        assertThat(entriesOf(results, "basics/steady.py")).last().satisfies(last -> assertThat(last)
                .containsEntry(ReportEntryKeys.ATTEMPTS, "pass pass"));
    }

    @Test
    void aFileThatAlwaysFailsIsRetriedAsOftenAsAskedAndFails() throws IOException {
        fakeFile(tests(), "basics/broken.py", "right\n", "print wrong");

        EngineExecutionResults results = engine("fake", "micropython.retry-failed", "2").execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(entriesOf(results, "basics/broken.py")).extracting(entry -> entry.get(ReportEntryKeys.ATTEMPT))
                .containsExactly("1", "2", "3");
        assertThat(entriesOf(results, "basics/broken.py")).last().satisfies(last -> assertThat(last)
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FAIL).containsEntry(ReportEntryKeys.ATTEMPTS, "fail fail fail"));
    }

    @Test
    void aFileThatPassesAtOnceRunsOnceUnderRetryFailedAndSaysNothingOfAttempts() throws IOException {
        fakeFile(tests(), "basics/fine.py", "1\n", "print 1");

        EngineExecutionResults results = engine("fake*2", "micropython.retry-failed", "3").execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(entriesOf(results, "basics/fine.py")).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.PASS)
                .doesNotContainKeys(ReportEntryKeys.ATTEMPT, ReportEntryKeys.ATTEMPTS, ReportEntryKeys.OUTPUT));
    }

    @Test
    void eachRunKeepsItsOutputInAFileEntryOfItsOwn() throws IOException {
        everyOtherTime("basics/toggle.py");

        Path outputs = folder.resolve("outputs");
        EngineExecutionResults results = engine("fake", "micropython.count", "2",
                "micropython.report.inline-limit", "1").outputDirectoryCreator(new OutputDirectoryCreator() {
                    @Override
                    public Path getRootDirectory() {
                        return outputs;
                    }

                    @Override
                    public Path createOutputDirectory(TestDescriptor test) throws IOException {
                        return Files.createDirectories(outputs.resolve(Integer.toHexString(test.getUniqueId().hashCode())));
                    }
                }).execute();

        assertThat(results.allEvents().fileEntryPublished().stream()
                .map(event -> event.getPayload(FileEntry.class).orElseThrow().getPath()))
                .extracting(path -> path.getFileName().toString() + ": " + Files.readString(path))
                .contains("output.attempt-1.txt: wrong\n", "output.attempt-2.txt: right\n");
    }

    @Test
    void aQuarantinedFailureIsAbortedSayingSoAndAFailureNotListedStillFails() throws IOException {
        fakeFile(tests(), "basics/known.py", "right\n", "print wrong");
        fakeFile(tests(), "basics/new.py", "right\n", "print wrong");
        fakeFile(tests(), "basics/fixed.py", "1\n", "print 1");
        Path quarantine = Files.writeString(folder.resolve("quarantine.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/known.py\": [\"*\"], \"basics/fixed.py\": [\"fake\"]}}");

        EngineExecutionResults results = engine("fake", "micropython.quarantine", quarantine.toString()).execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("basics/known.py"), abortedWithReason(message(text ->
                        text.startsWith(Verdicts.QUARANTINED_REASON_PREFIX + "listed in " + quarantine)
                                && text.contains("basics/known.py on *")))))
                .haveExactly(1, event(test(), displayName("basics/new.py"), finishedWithFailure()))
                .haveExactly(1, event(test(), displayName("basics/fixed.py"), finishedSuccessfully()));
        assertThat(entriesOf(results, "basics/known.py")).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FAIL)
                .containsEntry(ReportEntryKeys.QUARANTINED, "listed in " + quarantine
                        + " for RUN-TESTS_STANDARD basics/known.py on *"));
        assertThat(entriesOf(results, "basics/fixed.py")).singleElement()
                .satisfies(entry -> assertThat(entry).doesNotContainKey(ReportEntryKeys.QUARANTINED));
    }

    @Test
    void aQuarantinedFlakyFileThatNoRetrySavedIsAbortedToo() throws IOException {
        everyOtherTime("basics/toggle.py");
        Path quarantine = Files.writeString(folder.resolve("quarantine.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/toggle.py\": [\"fake\"]}}");

        EngineExecutionResults results = engine("fake", "micropython.count", "2",
                "micropython.quarantine", quarantine.toString()).execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).aborted(1).failed(0));
        assertThat(entriesOf(results, "basics/toggle.py")).last().satisfies(last -> assertThat(last)
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FLAKY)
                .containsKey(ReportEntryKeys.QUARANTINED));
    }

    @Test
    void underCountAFileThatPassedFirstAndFailedLastFailsWithItsLastRun() throws IOException {
        fakeFile(tests(), "basics/toggle.py", "right\n", "print each right | wrong");

        EngineExecutionResults results = engine("fake", "micropython.count", "2").execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("basics/toggle.py"),
                finishedWithFailure(message(text -> text.contains("wrong")))));
        assertThat(entriesOf(results, "basics/toggle.py")).last().satisfies(last -> assertThat(last)
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FLAKY).containsEntry(ReportEntryKeys.ATTEMPTS, "pass fail")
                .containsEntry(ReportEntryKeys.OUTPUT, "wrong\n"));
    }

    @Test
    void aRunCancelledBetweenTwoRunsOfAFileEndsItWithTheRunsItHad() throws IOException {
        fakeFile(tests(), "basics/broken.py", "right\n", "print wrong");
        CancellationToken token = CancellationToken.create();
        List<Map<String, String>> published = new CopyOnWriteArrayList<>();
        List<TestExecutionResult> finished = new CopyOnWriteArrayList<>();
        TestExecutionListener cancelAfterTheFirstRun = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                published.add(entry.getKeyValuePairs());
                token.cancel();
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    finished.add(result);
                }
            }
        };
        LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(tests().toFile()))
                .filters(EngineFilter.includeEngines(MicroPythonTestEngine.ID))
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", "fake")
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.count", "3")
                .build();
        LauncherFactory.create().execute(LauncherExecutionRequestBuilder.request(discovery)
                .cancellationToken(token).listeners(cancelAfterTheFirstRun).build());

        assertThat(published).hasSize(2);
        assertThat(published.get(0)).containsEntry(ReportEntryKeys.ATTEMPT, "1");
        assertThat(published.get(1)).as("the file's entry, from the one run it had")
                .containsEntry(ReportEntryKeys.ATTEMPT, "1").containsEntry(ReportEntryKeys.ATTEMPTS, "fail")
                .containsEntry(ReportEntryKeys.VERDICT, Verdicts.FAIL);
        assertThat(finished).singleElement().extracting(TestExecutionResult::getStatus)
                .isEqualTo(TestExecutionResult.Status.FAILED);
    }

    @Test
    void aCountOfZeroARetryBelowZeroAndABadQuarantineFileAreConfigurationErrors() throws IOException {
        fakeFile(tests(), "basics/fine.py", "1\n", "print 1");
        Path notJson = Files.writeString(folder.resolve("quarantine.json"), "{\"RUN-TESTS_STANDARD\": [\"basics/x.py\"]}");

        assertThat(errors(engine("fake", "micropython.count", "0")))
                .singleElement().asString().contains("micropython.count=0 is not a positive whole number");
        assertThat(errors(engine("fake", "micropython.retry-failed", "-1")))
                .singleElement().asString().contains("micropython.retry-failed=-1 is not a whole number of 0 or more");
        assertThat(errors(engine("fake", "micropython.quarantine", notJson.toString())))
                .singleElement().asString().contains("micropython.quarantine=" + notJson)
                .contains("group RUN-TESTS_STANDARD is not an object");
        assertThat(errors(engine("fake", "micropython.quarantine", folder.resolve("missing.json").toString())))
                .singleElement().asString().contains("could not be read");
    }

    private static List<String> errors(EngineTestKit.Builder engine) {
        EngineDiscoveryResults results = engine.discover();
        assertThat(results.getEngineDescriptor().getChildren()).isEmpty();
        return results.getDiscoveryIssues().stream()
                .filter(issue -> issue.severity() == DiscoveryIssue.Severity.ERROR)
                .map(DiscoveryIssue::message).toList();
    }
}
