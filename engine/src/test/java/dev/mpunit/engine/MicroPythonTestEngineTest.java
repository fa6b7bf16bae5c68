package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.uniqueId;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The engine end to end on the webassembly MicroPython, through EngineTestKit. */
class MicroPythonTestEngineTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();
    static final Path VERDICTS = FIXTURES.resolve("verdicts");

    @TempDir
    static Path cache;

    static EngineTestKit.Builder engine(DiscoverySelector... selectors) {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", cache.toString())
                .configurationParameter("micropython.root", VERDICTS.toString())
                .selectors(selectors);
    }

    static UniqueId fileId(String relativePath) {
        return UniqueId.forEngine("micropython").append("group", "RUN-TESTS_STANDARD")
                .append("variant", "webassembly").append("file", relativePath);
    }

    static Map<String, Event> finishedByFile(Events tests) {
        return tests.stream().filter(event -> event.getType() == EventType.FINISHED || event.getType() == EventType.SKIPPED)
                .collect(Collectors.toMap(event -> event.getTestDescriptor().getDisplayName(), event -> event,
                        (first, second) -> first));
    }

    @Test
    void directoryOfAnUpstreamStyleTreeGivesEveryVerdictKind() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectDirectory(VERDICTS.toFile())).execute();
        Events tests = results.testEvents();

        tests.assertThatEvents()
                .haveExactly(1, event(uniqueId(fileId("basics/pass_cpython.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("basics/pass_exp.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("basics/fail_exp.py")), finishedWithFailure(
                        instanceOf(AssertionFailedError.class), message(m -> m.contains("line 2")))))
                .haveExactly(1, event(uniqueId(fileId("basics/skip_print.py")), abortedWithReason(
                        message(m -> m.contains("SKIP")))))
                .haveExactly(1, event(uniqueId(fileId("basics/too_large.py")), abortedWithReason(
                        message(m -> m.contains("too large")))))
                .haveExactly(1, event(uniqueId(fileId("basics/string_strip.py")), skippedWithReason(
                        r -> r.contains("webassembly"))))
                .haveExactly(1, event(uniqueId(fileId("basics/not_utf8.py")), finishedWithFailure(
                        message(m -> m.contains("not valid UTF-8")))))
                .haveExactly(1, event(uniqueId(fileId("basics/latin1_comment.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("basics/cpython_crash.py")), finishedWithFailure(
                        instanceOf(AssertionFailedError.class))))
                .haveExactly(1, event(uniqueId(fileId("extmod/time_time_ns.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("float/float_pass.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("thread/thread_start.py")), skippedWithReason(
                        r -> r.contains("thread"))))
                .haveExactly(1, event(uniqueId(fileId("ports/unix/unix_only.py")), skippedWithReason(
                        r -> r.contains("unix"))))
                .haveExactly(1, event(uniqueId(fileId("ports/webassembly/exit_nonzero.mjs")), finishedWithFailure(
                        message(m -> m.contains("CRASH")))));
        assertEveryTestEndsOnce(testIds(engine(selectDirectory(VERDICTS.toFile())).discover().getEngineDescriptor()),
                results.allEvents().stream().filter(event -> event.getTestDescriptor().isTest())
                        .map(event -> Map.entry(event.getTestDescriptor().getUniqueId().toString(), event.getType()))
                        .toList());
    }

    static List<String> testIds(org.junit.platform.engine.TestDescriptor engine) {
        return engine.getDescendants().stream().filter(org.junit.platform.engine.TestDescriptor::isTest)
                .map(descriptor -> descriptor.getUniqueId().toString()).toList();
    }

    /**
     * Every discovered test, and every test registered while running, ends exactly once: started
     * and then finished, or skipped without starting; and no other test has events.
     */
    static void assertEveryTestEndsOnce(List<String> discovered, List<Map.Entry<String, EventType>> testEvents) {
        java.util.Set<String> expected = new java.util.TreeSet<>(discovered);
        testEvents.stream().filter(event -> event.getValue() == EventType.DYNAMIC_TEST_REGISTERED)
                .forEach(event -> expected.add(event.getKey()));
        assertThat(discovered).as("discovered tests").isNotEmpty();
        Map<String, List<EventType>> lifecycles = testEvents.stream()
                .filter(event -> EnumSet.of(EventType.STARTED, EventType.FINISHED, EventType.SKIPPED).contains(event.getValue()))
                .collect(Collectors.groupingBy(Map.Entry::getKey, java.util.TreeMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        assertThat(lifecycles.keySet()).as("tests that started or were skipped").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lifecycles).allSatisfy((test, lifecycle) -> assertThat(lifecycle).as(test)
                .isIn(List.of(EventType.STARTED, EventType.FINISHED), List.of(EventType.SKIPPED)));
    }

    @Test
    void aFileThatIsNotUtf8RunsAsRunTestsPyRunsIt() {
        // A Latin-1 byte in a comment under a coding: line: MicroPython skips the comment, CPython
        // reads the file as Latin-1, both print the same, as with upstream run-tests.py.
        EngineExecutionResults comment = engine(selectFile(VERDICTS.resolve("basics/latin1_comment.py").toFile()))
                .execute();
        comment.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(fileId("basics/latin1_comment.py")), finishedSuccessfully()));
        assertThat(comment.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()))
                .singleElement().satisfies(entries -> assertThat(entries).containsEntry("micropython.verdict", "pass"));

        // A Latin-1 byte in a string and no coding: line: CPython refuses the file, so the verdict
        // fails as upstream's does, and the message says what is special about the file.
        EngineExecutionResults string = engine(selectFile(VERDICTS.resolve("basics/not_utf8.py").toFile())).execute();
        string.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(fileId("basics/not_utf8.py")), finishedWithFailure(
                        instanceOf(AssertionFailedError.class),
                        message(m -> m.contains("note: not_utf8.py is not valid UTF-8 (byte 0xe9 at offset 10)")
                                && m.contains("save the file as UTF-8")))));
    }

    @Test
    void aFailureCarriesExpectedAndActualAndTheTracebackAsStackFrames() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectFile(VERDICTS.resolve("basics/fail_traceback.py").toFile())).execute();
        Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        AssertionFailedError assertion = (AssertionFailedError) failure;
        assertThat(assertion.getExpected().getStringRepresentation()).isEqualTo("before\nnever\n");
        assertThat(assertion.getActual().getStringRepresentation()).startsWith("before\nTraceback");
        assertThat(failure.getStackTrace()).extracting(StackTraceElement::getFileName, StackTraceElement::getLineNumber)
                .startsWith(org.assertj.core.groups.Tuple.tuple("fail_traceback.py", 2),
                        org.assertj.core.groups.Tuple.tuple("fail_traceback.py", 6));
    }

    @Test
    void reportEntriesFollowTheContract() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectFile(VERDICTS.resolve("basics/fail_exp.py").toFile())).execute();
        ReportEntry entry = results.allEvents().reportingEntryPublished().stream().findFirst().orElseThrow()
                .getRequiredPayload(ReportEntry.class);
        assertThat(entry.getKeyValuePairs())
                .containsEntry("micropython.group", "RUN-TESTS_STANDARD")
                .containsEntry("micropython.variant", "webassembly")
                .containsEntry("micropython.verdict", "fail")
                .containsEntry("micropython.output", "first\nsecond as printed\nthird\n")
                .containsEntry("micropython.expected", "first\nsecond as expected\nthird\n")
                .containsKeys("micropython.tentacle", "micropython.port", "micropython.duration", "micropython.reason");
    }

    @Test
    void unittestCasesAreRegisteredDynamicallyWithTheirOwnVerdicts() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectFile(VERDICTS.resolve("basics/unittest_mixed.py").toFile())).execute();
        results.allEvents().assertThatEvents()
                .haveExactly(3, event(org.junit.platform.testkit.engine.EventConditions.dynamicTestRegistered("case")));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("test_adds"), finishedSuccessfully()))
                .haveExactly(1, event(test("test_wrong"), finishedWithFailure()))
                .haveExactly(1, event(test("test_skipped"), skippedWithReason(r -> r.contains("not on this board"))))
                // The failure is test_wrong's own: the file does not fail a second time in JUnit...
                .haveExactly(1, event(uniqueId(fileId("basics/unittest_mixed.py")), finishedSuccessfully()));
        // ...while run-tests.py's verdict for the file stays in its report entries.
        assertThat(results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().equals(fileId("basics/unittest_mixed.py")))
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("micropython.verdict")))
                .containsExactly("fail");
    }

    @Test
    void reRunsOneFileByUniqueId() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectUniqueId(fileId("basics/pass_exp.py"))).execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void reRunsOneUnittestCaseByUniqueId() {
        WebAssemblyAvailable.assumeNode();
        UniqueId caseId = fileId("basics/unittest_mixed.py").append("case", "Arithmetic.test_adds");
        EngineExecutionResults results = engine(selectUniqueId(caseId)).execute();
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(caseId), finishedSuccessfully()));
        assertThat(results.allEvents().dynamicallyRegistered().count()).isZero();
    }

    @Test
    void aFileSelectedWholeAndByOneCaseReportsEveryCase() {
        WebAssemblyAvailable.assumeNode();
        UniqueId caseId = fileId("basics/unittest_mixed.py").append("case", "Arithmetic.test_adds");
        EngineExecutionResults results = engine(selectUniqueId(caseId),
                selectFile(VERDICTS.resolve("basics/unittest_mixed.py").toFile())).execute();
        assertThat(results.testEvents().finished().count() + results.testEvents().skipped().count())
                .as("the file and its three cases").isEqualTo(4);
    }

    @Test
    void aCaseSelectedByIdSkipsWhenItsFilePrintsSkip() {
        WebAssemblyAvailable.assumeNode();
        UniqueId caseId = fileId("basics/unittest_skips_whole.py").append("case", "Board.test_pin");
        EngineExecutionResults results = engine(selectUniqueId(caseId)).execute();
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(caseId), skippedWithReason(r -> r.contains("SKIP"))))
                .haveExactly(1, event(uniqueId(fileId("basics/unittest_skips_whole.py")),
                        abortedWithReason(message(m -> m.contains("SKIP")))));
    }

    @Test
    void reRunsAWholeGroupAndAWholeVariantByUniqueId() {
        UniqueId group = UniqueId.forEngine("micropython").append("group", "RUN-TESTS_STANDARD");
        var fromGroup = engine(selectUniqueId(group)).discover();
        var fromVariant = engine(selectUniqueId(group.append("variant", "webassembly"))).discover();
        assertThat(fromGroup.getDiscoveryIssues()).isEmpty();
        assertThat(fromGroup.getEngineDescriptor().findByUniqueId(fileId("basics/pass_exp.py"))).isPresent();
        assertThat(fromVariant.getEngineDescriptor().findByUniqueId(fileId("float/float_pass.py"))).isPresent();
        assertThat(fromGroup.getEngineDescriptor().getDescendants()).hasSameSizeAs(
                fromVariant.getEngineDescriptor().getDescendants());
    }

    @Test
    void aFileIdUnderTheWrongGroupIsNotResolved() {
        UniqueId wrong = UniqueId.forEngine("micropython").append("group", "RUN-TESTS_NET_INET")
                .append("variant", "webassembly").append("file", "basics/pass_exp.py");
        var discovery = engine(selectUniqueId(wrong)).discover();
        assertThat(discovery.getEngineDescriptor().findByUniqueId(wrong)).isEmpty();
        assertThat(discovery.getDiscoveryIssues()).isNotEmpty();
    }

    @Test
    void aFileSelectorTakesItsGroupFromItsDirectory() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectFile(VERDICTS.resolve("float/float_pass.py").toFile())).execute();
        results.testEvents().assertThatEvents().haveExactly(1,
                event(uniqueId(fileId("float/float_pass.py")), finishedSuccessfully()));
    }

    @Test
    void aPlainDirectoryRunsItsTopLevelFiles() {
        WebAssemblyAvailable.assumeNode();
        Path plain = FIXTURES.resolve("plain");
        EngineExecutionResults results = engine(selectDirectory(plain.toFile()))
                .configurationParameter("micropython.root", plain.toString()).execute();
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder("first.py", "second.py");
    }

    @Test
    void aLoopingTestTimesOutAndTheNextTestOnThatTargetPasses() {
        WebAssemblyAvailable.assumeNode();
        Path hang = FIXTURES.resolve("hang");
        long start = System.nanoTime();
        EngineExecutionResults results = engine(selectFile(hang.resolve("basics/loop_forever.py").toFile()),
                        selectFile(hang.resolve("basics/runs_after.py").toFile()))
                .configurationParameter("micropython.timeout", "2")
                .configurationParameter("micropython.workers", "1")
                .execute();
        double seconds = (System.nanoTime() - start) / 1e9;
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("loop_forever.py"), finishedWithFailure(message(m -> m.contains("TIMEOUT")))))
                .haveExactly(1, event(test("runs_after.py"), finishedSuccessfully()));
        assertThat(seconds).as("the timeout, not the default 30 s, stopped the loop").isLessThan(25);
    }

    @Test
    void withoutCPythonTestsThatNeedItFailWithWhatToSet() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine(selectFile(VERDICTS.resolve("basics/pass_cpython.py").toFile()),
                        selectFile(VERDICTS.resolve("basics/pass_exp.py").toFile()))
                .configurationParameter("micropython.cpython", "/nonexistent/python3")
                .configurationParameter("micropython.cache", cache.resolve("no-cpython").toString())
                .execute();
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("pass_cpython.py"), finishedWithFailure(
                        message(m -> m.startsWith("CPython not found: set micropython.cpython")))))
                .haveExactly(1, event(test("pass_exp.py"), finishedSuccessfully()));
        Throwable failure = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure.getStackTrace()).isEmpty();
    }

    @Test
    void aCancellationMidRunStopsHandingOutWorkAndEveryTestStillEnds() {
        WebAssemblyAvailable.assumeNode();
        CancellationToken token = CancellationToken.create();
        List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> planned = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Map.Entry<String, EventType>> testEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.junit.platform.launcher.TestExecutionListener cancelAfterFirst = new org.junit.platform.launcher.TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(org.junit.platform.launcher.TestPlan plan) {
                plan.getRoots().forEach(root -> plan.getDescendants(root).stream()
                        .filter(org.junit.platform.launcher.TestIdentifier::isTest)
                        .forEach(test -> planned.add(test.getUniqueId())));
            }

            @Override
            public void dynamicTestRegistered(org.junit.platform.launcher.TestIdentifier test) {
                record(test, EventType.DYNAMIC_TEST_REGISTERED);
            }

            @Override
            public void executionStarted(org.junit.platform.launcher.TestIdentifier test) {
                record(test, EventType.STARTED);
                if (test.isTest() && test.getDisplayName().endsWith(".py")) {
                    started.add(test.getDisplayName());
                }
            }

            @Override
            public void executionFinished(org.junit.platform.launcher.TestIdentifier test, TestExecutionResult result) {
                record(test, EventType.FINISHED);
                if (test.isTest() && test.getDisplayName().endsWith(".py")) {
                    token.cancel();
                }
            }

            @Override
            public void executionSkipped(org.junit.platform.launcher.TestIdentifier test, String reason) {
                record(test, EventType.SKIPPED);
            }

            private void record(org.junit.platform.launcher.TestIdentifier test, EventType type) {
                if (test.isTest()) {
                    testEvents.add(Map.entry(test.getUniqueId(), type));
                }
            }
        };
        var discovery = org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(VERDICTS.resolve("basics").toFile()))
                .filters(org.junit.platform.launcher.EngineFilter.includeEngines("micropython"))
                .configurationParameter("micropython.cache", cache.toString())
                .configurationParameter("micropython.workers", "1")
                .build();
        org.junit.platform.launcher.core.LauncherFactory.create().execute(
                org.junit.platform.launcher.core.LauncherExecutionRequestBuilder.request(discovery)
                        .cancellationToken(token).listeners(cancelAfterFirst).build());

        assertThat(started).as("files started after the cancellation").hasSize(1);
        assertThat(planned).as("files discovered in basics/").hasSizeGreaterThan(10);
        assertEveryTestEndsOnce(planned, testEvents);
    }

    @Test
    void withoutNodeEveryTestFailsWithWhatToInstallAndNothingIsLost() {
        EngineExecutionResults results = engine(selectDirectory(FIXTURES.resolve("plain").toFile()))
                .configurationParameter("micropython.node", "/nonexistent/node")
                .configurationParameter("micropython.cache", cache.resolve("no-node").toString())
                .execute();
        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        results.testEvents().failed().stream().forEach(event -> assertThat(event
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .contains("node").contains("micropython.node"));
    }

    @Test
    void anEmptyTreeStartsNothing() {
        EngineExecutionResults results = engine(selectDirectory(FIXTURES.resolve("empty").toFile()))
                .configurationParameter("micropython.node", "/nonexistent/node")
                .execute();
        results.allEvents().assertStatistics(stats -> stats.started(1).finished(1).failed(0));
    }

    @Test
    void aMissingDirectoryIsADiscoveryIssueNamingIt() {
        Path missing = FIXTURES.resolve("no-such-directory");
        List<DiscoveryIssue> issues = engine(selectDirectory(missing.toString())).discover().getDiscoveryIssues();
        assertThat(issues).anySatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
            assertThat(issue.message()).contains(missing.toString());
        });
    }

    @Test
    void aNonTestFileIsADiscoveryIssueNamingIt() {
        Path notes = FIXTURES.resolve("plain/notes.txt");
        var discovery = engine(selectFile(notes.toFile())).discover();
        assertThat(discovery.getDiscoveryIssues()).anySatisfy(issue -> assertThat(issue.message()).contains(notes.toString()));
        assertThat(discovery.getEngineDescriptor().getChildren()).isEmpty();
    }

    @Test
    void treeShapeIdsSourcesAndInheritedTags() {
        var engineDescriptor = engine(selectFile(VERDICTS.resolve("basics/pass_exp.py").toFile())).discover()
                .getEngineDescriptor();
        var group = engineDescriptor.getChildren().iterator().next();
        var variant = group.getChildren().iterator().next();
        var file = variant.getChildren().iterator().next();
        assertThat(file.getUniqueId()).isEqualTo(fileId("basics/pass_exp.py"));
        assertThat(file.getSource()).get().isEqualTo(org.junit.platform.engine.support.descriptor.FileSource.from(
                VERDICTS.resolve("basics/pass_exp.py").toFile(),
                org.junit.platform.engine.support.descriptor.FilePosition.from(1)));
        assertThat(file.getTags()).extracting(org.junit.platform.engine.TestTag::getName).contains("basics", "RUN-TESTS_STANDARD", "webassembly");
        assertThat(Optional.of(file.getType())).contains(org.junit.platform.engine.TestDescriptor.Type.TEST);
    }
}
