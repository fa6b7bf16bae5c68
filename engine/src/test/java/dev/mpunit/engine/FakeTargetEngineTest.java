package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.dynamicTestRegistered;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import dev.mpunit.contract.ReportEntryKeys;

/**
 * Engine behaviour on the scripted {@code fake} target ({@link FakeTarget}): scheduling, cancellation,
 * lost tentacles, unittest cases, timeouts, careful re-runs and firmware builds, in milliseconds and
 * without node, QEMU or CPython (every file has its {@code .exp}).
 */
class FakeTargetEngineTest {

    @TempDir
    Path folder;

    private Path tests() {
        return folder.resolve("tests");
    }

    private Path file(String relativePath, String expected, String... directives) throws IOException {
        return fakeFile(tests(), relativePath, expected, directives);
    }

    /** {@code <tests>/<relativePath>} made of {@code # fake:} directives, and its expected output. */
    static Path fakeFile(Path tests, String relativePath, String expected, String... directives) throws IOException {
        Path file = tests.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Arrays.stream(directives).map(line -> "# fake: " + line + "\n").collect(Collectors.joining()));
        Files.writeString(file.resolveSibling(file.getFileName() + ".exp"), expected);
        return file;
    }

    private EngineTestKit.Builder engine(String target) {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", target)
                .configurationParameter("micropython.progress", "off")
                .selectors(selectDirectory(tests().toFile()));
    }

    /** Per file (display name), the value of one report entry key. */
    static Map<String, String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().containsKey(key))
                .collect(Collectors.toMap(event -> event.getTestDescriptor().getDisplayName(),
                        event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key)));
    }

    @Test
    void filesAreSpreadOverTheInstancesAndRunAtOnce() throws IOException {
        for (int i = 1; i <= 3; i++) {
            file("basics/m" + i + ".py", i + "\n", "meet 3", "print " + i);
        }
        EngineExecutionResults results = engine("fake*3").execute();

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
        // Each file waited for the other two: three instances ran them at once, one each.
        assertThat(entries(results, ReportEntryKeys.TENTACLE).values())
                .containsExactlyInAnyOrder("fake#1", "fake#2", "fake#3");
        assertThat(entries(results, ReportEntryKeys.PORT).values()).allMatch(port -> port.startsWith("fake:fake#"));
    }

    @Test
    void aSecondRunStartsWithTheFileThatTookLongestInTheFirst() throws IOException {
        // (A file measured at 0 ms would count as unknown, as long as a typical one, in the next run.)
        file("basics/a_quick_but_largest.py", "1\n2\n3\n", "take 1ms", "print 1", "print 2", "print 3");
        file("basics/b_slow.py", "1\n", "take 50ms", "print 1");

        // Without history the larger file goes first; then the one that took longer.
        assertThat(startOrder(engine("fake").execute())).containsExactly("basics/a_quick_but_largest.py", "basics/b_slow.py");
        assertThat(startOrder(engine("fake").execute())).containsExactly("basics/b_slow.py", "basics/a_quick_but_largest.py");
    }

    private static List<String> startOrder(EngineExecutionResults results) {
        return results.testEvents().started().stream().map(event -> event.getTestDescriptor().getDisplayName()).toList();
    }

    @Test
    void anUnknownTargetWordIsRefusedWithTheNearestKindAndTheKindsFound() throws IOException {
        file("basics/one.py", "1\n", "print 1");
        List<DiscoveryIssue> issues = new CopyOnWriteArrayList<>();
        EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.target", "fak*2")
                .selectors(selectDirectory(tests().toFile()))
                .discover().getDiscoveryIssues().forEach(issues::add);

        assertThat(issues).singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("micropython.target=fak*2 is not a known target (did you mean fake?): use ")
                // The list of accepted kinds is the providers found: the engine's and this test's.
                .contains("fake[*N]", "webassembly, unix, qemu-microbit[*N], webassembly-pty[*N]",
                        "or a device string (port:<path>");
    }

    @Test
    void aKindReadsKeysOfItsOwnAndAMisspeltOneIsRefused() throws IOException {
        file("basics/one.py", "1\n", "print 1");
        EngineExecutionResults results = engine("fake").configurationParameter(FakeTargetProvider.PORT, "bench")
                .execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(entries(results, ReportEntryKeys.PORT)).containsEntry("basics/one.py", "bench:fake#1 (its own firmware)");
        assertThat(engine("fake").configurationParameter("micropython.fake.prot", "bench").discover()
                .getDiscoveryIssues()).singleElement().extracting(DiscoveryIssue::message).asString()
                .contains("unknown key micropython.fake.prot (did you mean micropython.fake.port?)");
    }

    @Test
    void aFailureCancelsTheRunWhenFailFastAndEveryOtherFileEndsSkipped() throws IOException {
        // The longest file goes first (no history yet): the failing one.
        file("basics/a_fails_and_is_longest.py", "right\n", "print wrong", "print and a longer file than the others");
        for (int i = 1; i <= 3; i++) {
            file("basics/b" + i + ".py", "1\n", "print 1");
        }
        CancellationToken token = CancellationToken.create();
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> skipped = new CopyOnWriteArrayList<>();
        TestExecutionListener failFast = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                if (test.isTest()) {
                    started.add(test.getDisplayName());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                skipped.add(test.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    token.cancel();
                }
            }
        };
        var discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(tests().toFile()))
                .filters(EngineFilter.includeEngines(MicroPythonTestEngine.ID))
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", "fake")
                .configurationParameter("micropython.progress", "off")
                .build();
        LauncherFactory.create().execute(LauncherExecutionRequestBuilder.request(discovery)
                .cancellationToken(token).listeners(failFast).build());

        assertThat(started).containsExactly("basics/a_fails_and_is_longest.py");
        assertThat(skipped).containsExactlyInAnyOrder(
                "basics/b1.py: not run: the test run was cancelled (fail-fast)",
                "basics/b2.py: not run: the test run was cancelled (fail-fast)",
                "basics/b3.py: not run: the test run was cancelled (fail-fast)");
    }

    @Test
    void aLostTentacleGivesItsFileToAnotherAndIsNotUsedAgain() throws IOException {
        file("basics/a_loses_the_link_and_is_longest.py", "1\n", "lost once", "print 1");
        for (int i = 1; i <= 4; i++) {
            file("basics/b" + i + ".py", "1\n", "print 1");
        }
        EngineExecutionResults results = engine("fake*2").execute();

        results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
        Map<String, String> tentacles = entries(results, ReportEntryKeys.TENTACLE);
        String lost = tentacles.get("basics/a_loses_the_link_and_is_longest.py").equals("fake#1") ? "fake#2" : "fake#1";
        assertThat(tentacles.values()).as("every file ran on the tentacle left").doesNotContain(lost);
        assertThat(entries(results, ReportEntryKeys.INCIDENTS).get("basics/a_loses_the_link_and_is_longest.py"))
                .contains("tentacle " + lost + " was lost (the link fake:" + lost
                        + " (its own firmware) was lost running a_loses_the_link_and_is_longest.py); the test went to"
                        + " another tentacle");
    }

    @Test
    void whenEveryTentacleIsLostTheRemainingFilesFailWithEveryReason() throws IOException {
        for (int i = 1; i <= 3; i++) {
            file("basics/loses_the_link" + i + ".py", "1\n", "lost", "print 1");
        }
        EngineExecutionResults results = engine("fake*2").execute();

        results.testEvents().assertStatistics(stats -> stats.started(3).failed(3));
        results.testEvents().failed().stream().forEach(event -> assertThat(event
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .startsWith("not run: every tentacle of fake was lost: ")
                .contains("fake#1: the link fake:fake#1 (its own firmware) was lost running loses_the_link",
                        "fake#2: the link fake:fake#2 (its own firmware) was lost running loses_the_link"));
    }

    @Test
    void unittestCasesBecomeDynamicChildrenWithTheirOwnVerdicts() throws IOException {
        Path file = file("basics/unittest_cases.py", "", "print test_adds (__main__.Arithmetic) ... ok",
                "print test_wrong (__main__.Arithmetic) ... FAIL",
                "print test_skipped (__main__.Arithmetic) ... skipped: not on this board",
                "print ", "print ======================================================================",
                "print FAIL: test_wrong <class 'Arithmetic'>",
                "print ----------------------------------------------------------------------",
                "print AssertionError: 6 vs (expected) 7",
                "print ", "print ----------------------------------------------------------------------",
                "print Ran 3 tests", "print ", "print FAILED (failures=1, errors=0)");
        // Discovery reads the import: the file may report cases. Its summary is its verdict, no .exp.
        Files.writeString(file, "import unittest\n" + Files.readString(file));
        Files.delete(file.resolveSibling("unittest_cases.py.exp"));
        EngineExecutionResults results = engine("fake").execute();

        results.allEvents().assertThatEvents()
                .haveExactly(1, event(dynamicTestRegistered(displayName("Arithmetic.test_adds"))))
                .haveExactly(1, event(dynamicTestRegistered(displayName("Arithmetic.test_wrong"))))
                .haveExactly(1, event(dynamicTestRegistered(displayName("Arithmetic.test_skipped"))));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("test_adds"), finishedSuccessfully()))
                .haveExactly(1, event(test("test_wrong"), finishedWithFailure(message(m -> m.contains("6 vs (expected) 7")))))
                .haveExactly(1, event(test("test_skipped"), skippedWithReason(r -> r.contains("not on this board"))))
                // The failure is its case's own: the file passes in JUnit, run-tests.py's fail stays its verdict.
                .haveExactly(1, event(displayName("basics/unittest_cases.py"), finishedSuccessfully()));
        assertThat(entries(results, ReportEntryKeys.VERDICT)).containsEntry("basics/unittest_cases.py", "fail");
    }

    @Test
    void aHangingFileTimesOutAndTheNextRunsOnTheSameInstance() throws IOException {
        file("basics/a_hangs_and_is_longest.py", "never\n", "print started", "hang");
        file("basics/b.py", "1\n", "print 1");
        EngineExecutionResults results = engine("fake").configurationParameter("micropython.timeout", "50ms").execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("a_hangs_and_is_longest.py"), finishedWithFailure(
                        message(m -> m.contains("TIMEOUT")))))
                .haveExactly(1, event(test("b.py"), finishedSuccessfully()));
    }

    @Test
    void aCrashFailsItsFileWithWhatItPrinted() throws IOException {
        file("basics/crashes.py", "1\n2\n", "print 1", "crash");
        EngineExecutionResults results = engine("fake").execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test("crashes.py"),
                finishedWithFailure(message(m -> m.contains("CRASH")))));
    }

    @Test
    void aTargetThatBreaksFailsOnlyTheFileItRanAndTheRunGoesOn() throws IOException {
        file("basics/a_breaks_the_target_and_is_longest.py", "1\n", "take 20ms", "break");
        file("basics/b.py", "2\n", "print 2");
        EngineExecutionResults results = engine("fake").execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("a_breaks_the_target_and_is_longest.py"), finishedWithFailure(
                        message("the fake target broke running a_breaks_the_target_and_is_longest.py"))))
                .haveExactly(1, event(test("b.py"), finishedSuccessfully()));
        results.containerEvents().assertThatEvents().haveExactly(1, event(org.junit.platform.testkit.engine.EventConditions.engine(), finishedSuccessfully()));
    }

    @Test
    void aVariantWhoseFirmwareIsMissingFailsItsFilesAndItsTentacleRunsTheOtherVariants() throws IOException {
        file("basics/one.py", "1\n", "print 1");
        Path firmware = Files.createDirectories(folder.resolve("firmware"));
        Files.writeString(firmware.resolve("MICROBIT.hex"), "built\n");
        Path inventory = folder.resolve("testbed.json");
        Files.writeString(inventory, """
                {"testbed": "fakes", "tentacles": [
                  {"serial": "emulated-fake", "board": "MICROBIT", "build_variants": ["", "UNBUILT"],
                   "dut": {"emulator": "fake"}}]}
                """);
        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.testbed", inventory.toString())
                .configurationParameter("micropython.firmware.dir", firmware.toString())
                .configurationParameter("micropython.progress", "off")
                .selectors(selectDirectory(tests().toFile()))
                .execute();

        Map<String, TestExecutionResult> byVariant = results.testEvents().finished().stream().collect(Collectors.toMap(
                event -> event.getTestDescriptor().getUniqueId().getSegments().get(2).getValue(),
                event -> event.getRequiredPayload(TestExecutionResult.class)));
        assertThat(byVariant).containsOnlyKeys("MICROBIT", "MICROBIT-UNBUILT");
        assertThat(byVariant.get("MICROBIT").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(byVariant.get("MICROBIT-UNBUILT").getThrowable().orElseThrow().getMessage())
                .startsWith("no firmware for MICROBIT-UNBUILT in " + firmware);
    }

    @Test
    void executionRunsOnWhatDiscoveryReadEvenWhenTheTestbedFileChangesBetween() throws IOException {
        file("basics/one.py", "1\n", "print 1");
        Path inventory = folder.resolve("testbed.json");
        Files.writeString(inventory, """
                {"testbed": "fakes", "tentacles": [
                  {"serial": "emulated-fake", "board": "MICROBIT", "dut": {"emulator": "fake"}}]}
                """);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(tests().toFile()))
                .filters(EngineFilter.includeEngines(MicroPythonTestEngine.ID))
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.testbed", inventory.toString())
                .configurationParameter("micropython.progress", "off")
                .build();
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request);
        // An IDE keeps a discovered plan while the file is edited: the run is the plan's, read once.
        Files.writeString(inventory, "{\"testbed\": broken");

        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(plan, summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getSummary().getTotalFailureCount()).isZero();
    }

    @Test
    void aFailureAtFastPacingIsRunAgainCarefullyAndTheCarefulVerdictStands() throws IOException {
        file("basics/damaged_on_the_way.py", "1\n", "hasty print 1x", "print 1");
        file("basics/fails_carefully_too.py", "1\n", "careful", "print 2");
        EngineExecutionResults results = engine("fake").execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("damaged_on_the_way.py"), finishedSuccessfully()))
                .haveExactly(1, event(test("fails_carefully_too.py"), finishedWithFailure()));
        Map<String, String> incidents = entries(results, ReportEntryKeys.INCIDENTS);
        assertThat(incidents.get("basics/damaged_on_the_way.py"))
                .contains("the test ran again carefully after it failed (output differs");
        assertThat(incidents.get("basics/fails_carefully_too.py"))
                .contains("the test ran again carefully after it failed (output differs");
    }

    @Test
    void aFailureIsNotRunAgainOnATargetWithoutACarefulWay() throws IOException {
        file("basics/fails.py", "1\n", "print 2");
        EngineExecutionResults results = engine("fake").execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test("fails.py"), finishedWithFailure()));
        assertThat(Optional.ofNullable(entries(results, ReportEntryKeys.INCIDENTS).get("basics/fails.py")).orElse(""))
                .doesNotContain("carefully");
    }

    @Test
    void aSkipPrintedByTheFileIsReportedAborted() throws IOException {
        file("basics/skips.py", "", "print SKIP");
        EngineExecutionResults results = engine("fake").execute();

        results.testEvents().assertThatEvents().haveExactly(1, event(test("skips.py"),
                abortedWithReason(message(m -> m.contains("SKIP")))));
    }

    @Test
    void firmwareBuildsOfATestbedOfFakeTentaclesRunEachBuiltVariantAndFailTheBrokenOnesFiles() throws IOException {
        file("basics/one.py", "1\n", "print 1");
        file("basics/two.py", "2\n", "print 2");
        Path firmware = Files.createDirectories(folder.resolve("firmware"));
        Path inventory = folder.resolve("testbed.json");
        Files.writeString(inventory, """
                {"testbed": "fakes", "tentacles": [
                  {"serial": "emulated-fake", "board": "MICROBIT", "build_variants": ["", "AGAIN", "BROKEN"],
                   "dut": {"emulator": "fake"}}]}
                """);
        String build = "test \"{build_variant}\" != BROKEN || { echo the compiler broke; exit 2; };"
                + " echo built > " + firmware + "/{variant}.hex";
        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.testbed", inventory.toString())
                .configurationParameter("micropython.firmware.dir", firmware.toString())
                .configurationParameter("micropython.firmware.build", build)
                .configurationParameter("micropython.progress", "off")
                .selectors(selectDirectory(tests().toFile()))
                .execute();

        List<Event> finished = results.testEvents().list().stream()
                .filter(event -> event.getType() == EventType.FINISHED).toList();
        assertThat(finished).hasSize(6);
        Map<String, List<String>> verdictsByVariant = finished.stream().collect(Collectors.groupingBy(
                event -> event.getTestDescriptor().getUniqueId().getSegments().get(2).getValue(),
                Collectors.mapping(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus().name(),
                        Collectors.toList())));
        assertThat(verdictsByVariant).containsOnlyKeys("MICROBIT", "MICROBIT-AGAIN", "MICROBIT-BROKEN");
        assertThat(verdictsByVariant.get("MICROBIT")).containsOnly("SUCCESSFUL");
        assertThat(verdictsByVariant.get("MICROBIT-AGAIN")).containsOnly("SUCCESSFUL");
        assertThat(verdictsByVariant.get("MICROBIT-BROKEN")).containsOnly("FAILED");
        results.testEvents().failed().stream().forEach(event -> assertThat(event
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .contains("the firmware build for MICROBIT-BROKEN failed (exit 2)", "the compiler broke"));
        // Each built variant ran on its own firmware: the fake names the file it was started on.
        Map<String, String> ports = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(ReportEntryKeys.PORT))
                .collect(Collectors.toMap(pairs -> pairs.get(ReportEntryKeys.VARIANT), pairs -> pairs.get(ReportEntryKeys.PORT),
                        (first, second) -> first));
        assertThat(ports).containsEntry("MICROBIT-AGAIN", "fake:fake-MICROBIT (MICROBIT-AGAIN.hex)");
        assertThat(ports.get("MICROBIT")).endsWith("(MICROBIT.hex)");
    }
}
