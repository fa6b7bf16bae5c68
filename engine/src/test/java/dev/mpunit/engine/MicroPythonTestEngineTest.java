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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
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

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

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
        // Every discovered file ends with exactly one verdict.
        assertThat(results.allEvents().started().count() + results.allEvents().skipped().count())
                .isEqualTo(results.allEvents().finished().count() + results.allEvents().skipped().count());
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
        EngineExecutionResults results = engine(selectUniqueId(fileId("basics/pass_exp.py"))).execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void reRunsOneUnittestCaseByUniqueId() {
        UniqueId caseId = fileId("basics/unittest_mixed.py").append("case", "Arithmetic.test_adds");
        EngineExecutionResults results = engine(selectUniqueId(caseId)).execute();
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(caseId), finishedSuccessfully()));
        assertThat(results.allEvents().dynamicallyRegistered().count()).isZero();
    }

    @Test
    void aFileSelectedWholeAndByOneCaseReportsEveryCase() {
        UniqueId caseId = fileId("basics/unittest_mixed.py").append("case", "Arithmetic.test_adds");
        EngineExecutionResults results = engine(selectUniqueId(caseId),
                selectFile(VERDICTS.resolve("basics/unittest_mixed.py").toFile())).execute();
        assertThat(results.testEvents().finished().count() + results.testEvents().skipped().count())
                .as("the file and its three cases").isEqualTo(4);
    }

    @Test
    void aCaseSelectedByIdSkipsWhenItsFilePrintsSkip() {
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
        EngineExecutionResults results = engine(selectFile(VERDICTS.resolve("float/float_pass.py").toFile())).execute();
        results.testEvents().assertThatEvents().haveExactly(1,
                event(uniqueId(fileId("float/float_pass.py")), finishedSuccessfully()));
    }

    @Test
    void aPlainDirectoryRunsItsTopLevelFiles() {
        Path plain = FIXTURES.resolve("plain");
        EngineExecutionResults results = engine(selectDirectory(plain.toFile()))
                .configurationParameter("micropython.root", plain.toString()).execute();
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder("first.py", "second.py");
    }

    @Test
    void aLoopingTestTimesOutAndTheNextTestOnThatTargetPasses() {
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
        CancellationToken token = CancellationToken.create();
        List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.junit.platform.launcher.TestExecutionListener cancelAfterFirst = new org.junit.platform.launcher.TestExecutionListener() {
            @Override
            public void executionStarted(org.junit.platform.launcher.TestIdentifier test) {
                if (test.isTest() && test.getDisplayName().endsWith(".py")) {
                    started.add(test.getDisplayName());
                }
            }

            @Override
            public void executionFinished(org.junit.platform.launcher.TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() && test.getDisplayName().endsWith(".py")) {
                    ended.add(test.getDisplayName());
                    token.cancel();
                }
            }

            @Override
            public void executionSkipped(org.junit.platform.launcher.TestIdentifier test, String reason) {
                if (test.isTest()) {
                    ended.add(test.getDisplayName());
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
        assertThat(ended).as("no discovered file ends without a verdict or a skip").hasSizeGreaterThan(1);
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
