package dev.mpunit.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

import dev.mpunit.engine.verdict.ExpectedOutput;
import dev.mpunit.engine.verdict.HostPlatform;
import dev.mpunit.engine.verdict.Judge;
import dev.mpunit.engine.verdict.Printable;
import dev.mpunit.engine.verdict.RunTestsOutput;
import dev.mpunit.engine.verdict.SkipRules;
import dev.mpunit.engine.verdict.TargetProfile;
import dev.mpunit.engine.verdict.UnittestCase;
import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.TargetException;

/**
 * Runs one test file on a worker's target and reports it, in run-tests.py's order of decisions:
 * skip tables and feature checks, run, SKIP / SKIP-TOO-LARGE, unittest summary, expected output.
 */
final class TestFileRun {

    private static final String HOST_PLATFORM = HostPlatform.current();
    /** How long a Ctrl-C that reached a test's processes may take to reach this JVM's shutdown hook. */
    private static final Duration SIGNAL_TO_JVM = Duration.ofSeconds(2);

    private final EngineConfiguration configuration;
    private final TreeListener listener;
    private final DurationHistory history;
    private final RunResources resources;
    /** Files a lost tentacle gave back, and why: the tentacle that finally runs them reports it. */
    private final Map<TestFileDescriptor, List<String>> givenBack = new ConcurrentHashMap<>();
    private final Interruption interruption;

    TestFileRun(EngineConfiguration configuration, TreeListener listener, DurationHistory history,
            RunResources resources, Interruption interruption) {
        this.configuration = configuration;
        this.listener = listener;
        this.history = history;
        this.resources = resources;
        this.interruption = interruption;
    }

    /** Whether the file (or a case of it) failed, once it ended; for the progress line. */
    boolean failed(TestFileDescriptor file) {
        return listener.hasFailed(file);
    }

    /** The worker's tentacle was lost with this file in hand: it goes to another tentacle. */
    void givenBack(TestFileDescriptor file, String tentacle, BoardLostException why) {
        givenBack.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>())
                .add("tentacle " + tentacle + " was lost (" + why.getMessage() + "); the test went to another tentacle");
    }

    /** @throws BoardLostException when the worker's board is gone before the file ran; the file is not ended */
    void run(TestFileDescriptor file, Worker worker) throws BoardLostException {
        try {
            runChecked(file, worker);
        } catch (BoardLostException e) {
            throw e;
        } catch (ProbeException | TargetException e) {
            fail(file, new RunFailure(e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            fail(file, e);
        }
    }

    private void runChecked(TestFileDescriptor file, Worker worker) throws ProbeException, TargetException {
        TargetProfile profile = worker.variant().profile(worker.target(), file.root());
        String relativePath = file.relativePath();
        Optional<String> skip = SkipRules.reason(relativePath, profile, configuration.emit(), false, HOST_PLATFORM);
        if (skip.isPresent()) {
            listener.skipped(file, skip.get());
            return;
        }
        listener.started(file);
        Path path = file.file();
        byte[] source;
        try {
            source = Files.readAllBytes(path);
        } catch (IOException e) {
            finish(file, TestExecutionResult.failed(new RunFailure(
                    "cannot read " + path + ": " + e.getMessage() + " (check the file's permissions)", e)));
            return;
        }
        // run-tests.py runs the unix port's cmdline/ tests with their own options and output rules.
        boolean special = worker.variant().pcLike() && relativePath.startsWith("cmdline/");
        Script script = new Script(path, configuration.timeout(), special, options());
        Execution execution = worker.target().execute(script);
        List<String> incidents = new ArrayList<>(givenBack.getOrDefault(file, List.of()));
        incidents.addAll(execution.incidents());
        if (endedByInterruption(file)) {
            // Its process was killed; judging it would start CPython while the JVM is ending.
            return;
        }
        Verdict verdict;
        try {
            verdict = judge(file, execution, special);
            if (verdict.kind() == Verdict.Kind.FAIL) {
                // A board sent the code faster than its safe pacing may have lost a byte on the way:
                // a failure is only believed once the careful run agrees.
                Optional<Execution> careful = worker.target().rerunCarefully(script);
                if (careful.isPresent()) {
                    incidents.add("the test ran again carefully after it failed (" + verdict.message()
                            + "); the verdict is the second run's");
                    execution = careful.get();
                    incidents.addAll(execution.incidents());
                    verdict = judge(file, execution, special);
                }
            }
        } catch (IOException e) {
            // CPython stopped by a signal: Ctrl-C, whose interruption of this JVM may still be on its way.
            if (e instanceof InterruptedIOException) {
                interruption.awaitRequested(SIGNAL_TO_JVM);
            }
            if (endedByInterruption(file)) {
                return;
            }
            history.record(file, execution.duration().toMillis());
            finish(file, TestExecutionResult.failed(new RunFailure(e.getMessage(), e)));
            return;
        }
        if (verdict.kind() == Verdict.Kind.FAIL && endedByInterruption(file)) {
            return;
        }
        if (verdict.kind() == Verdict.Kind.FAIL) {
            // The bytes went to the target as they are, as run-tests.py sends them: say so when
            // their encoding may be what failed.
            Optional<String> encoding = notUtf8(path.getFileName().toString(), source);
            if (encoding.isPresent()) {
                verdict = verdict.withNote(encoding.get());
            }
        }
        // Once, for the run whose verdict stands (the careful one when there was one).
        history.record(file, execution.duration().toMillis());
        ReportEntries.publish(listener, file, worker, verdict, execution.duration(), incidents,
                configuration.inlineOutputLimit(), resources);
        boolean everyFailedCaseReported = reportCases(file, verdict);
        finish(file, carriedByCases(verdict, everyFailedCaseReported)
                ? TestExecutionResult.successful() : resultOf(file, verdict));
    }

    private Verdict judge(TestFileDescriptor file, Execution execution, boolean special) throws IOException {
        String relativePath = file.relativePath();
        Path path = file.file();
        byte[] output = RunTestsOutput.afterRun(relativePath, RunTestsOutput.asRunTests(execution.output(),
                        ending(execution)), execution.ending() != Execution.Ending.COMPLETED, special,
                () -> regexExpectation(path));
        return Judge.judge(relativePath, output,
                ExpectedOutput.source(path, relativePath, configuration.emit(), resources.cpython()),
                HOST_PLATFORM, configuration.timeout());
    }

    private byte[] regexExpectation(Path path) {
        try {
            return ExpectedOutput.regexExpBytes(path, configuration.emit());
        } catch (IOException e) {
            throw new RunFailure("cannot read the regex expectation of " + path + ": " + e.getMessage(), e);
        }
    }

    static RunTestsOutput.Ending ending(Execution execution) {
        return switch (execution.ending()) {
            case COMPLETED -> RunTestsOutput.Ending.COMPLETED;
            case CRASHED -> RunTestsOutput.Ending.CRASHED;
            case TIMED_OUT -> RunTestsOutput.Ending.TIMED_OUT;
        };
    }

    private List<String> options() {
        return configuration.heapsize().map(size -> List.of("-X", "heapsize=" + size)).orElse(List.of());
    }

    private TestExecutionResult resultOf(TestFileDescriptor file, Verdict verdict) {
        return switch (verdict.kind()) {
            case PASS, IGNORED -> TestExecutionResult.successful();
            case SKIP -> TestExecutionResult.aborted(new TestAbortedException(Printable.message(verdict.message())));
            case FAIL -> TestExecutionResult.failed(Failures.of(file, verdict));
        };
    }

    /**
     * A unittest file whose failures are all its cases' own does not fail again as a file: JUnit's
     * XML reports copy a failed file's failure onto each of its cases, so a passing case would read
     * as failed and the failing one would fail twice. The file fails on its own only for what no
     * case carries (a crash, a timeout, no summary, a failure outside the cases, a failed case that
     * was not selected); run-tests.py's verdict for the file stays in its report entries.
     */
    private static boolean carriedByCases(Verdict verdict, boolean everyFailedCaseReported) {
        return verdict.kind() == Verdict.Kind.FAIL && everyFailedCaseReported
                && verdict.unittestSummary().map(summary -> summary.casesCarryFailures()).orElse(false);
    }

    /**
     * unittest cases as children: those the output names (all, or the ones selected by id).
     *
     * @return whether every case that failed in the output was reported as a failed child
     */
    private boolean reportCases(TestFileDescriptor file, Verdict verdict) {
        if (!file.unittest()) {
            return false;
        }
        boolean everyFailedCaseReported = true;
        List<UnittestCase> cases = verdict.unittestSummary().map(summary -> summary.cases()).orElse(List.of());
        List<TestDescriptor> reported = new ArrayList<>();
        for (UnittestCase testCase : cases) {
            String name = testCase.id();
            Optional<? extends TestDescriptor> existing = file.findByUniqueId(TestCaseDescriptor.idOf(file, name));
            TestDescriptor descriptor;
            if (existing.isPresent()) {
                descriptor = existing.get();
            } else if (file.allCasesSelected()) {
                descriptor = new TestCaseDescriptor(file, name);
                file.addChild(descriptor);
                listener.dynamicTestRegistered(descriptor);
            } else {
                everyFailedCaseReported &= !testCase.failed();
                continue;
            }
            reported.add(descriptor);
            switch (testCase.status()) {
                case SKIPPED -> listener.skipped(descriptor, Printable.message(testCase.detail()));
                case PASS -> {
                    listener.started(descriptor);
                    listener.finished(descriptor, TestExecutionResult.successful());
                }
                case FAIL, ERROR -> {
                    listener.started(descriptor);
                    listener.finished(descriptor, TestExecutionResult.failed(Failures.ofCase(file, testCase)));
                }
            }
        }
        for (TestDescriptor child : List.copyOf(file.getChildren())) {
            if (reported.contains(child)) {
                continue;
            }
            if (verdict.kind() == Verdict.Kind.SKIP) {
                // The whole file skipped (SKIP, too large): its selected cases skip with it.
                listener.skipped(child, Printable.message(verdict.message()));
            } else {
                listener.started(child);
                listener.finished(child, TestExecutionResult.failed(new RunFailure(
                        child.getDisplayName() + " was not in the unittest output of " + file.relativePath()
                                + " (" + Printable.message(verdict.message()) + ")", null)));
            }
        }
        return everyFailedCaseReported;
    }

    private void finish(TestFileDescriptor file, TestExecutionResult result) {
        listener.finishedSkippingOpenChildren(file, result,
                "not run: " + file.relativePath() + " did not get to run its cases");
    }

    private void fail(TestFileDescriptor file, Throwable cause) {
        if (!listener.isDone(file) && !endedByInterruption(file)) {
            listener.started(file);
            finish(file, TestExecutionResult.failed(cause));
        }
    }

    /**
     * A failure while the run is being interrupted is the interruption's doing (its processes were
     * killed), not the test's: the file ends aborted, with no verdict. True when it did.
     */
    private boolean endedByInterruption(TestFileDescriptor file) {
        if (!interruption.requested()) {
            return false;
        }
        if (!listener.isStarted(file)) {
            listener.skipped(file, Interruption.NOT_RUN);
        } else {
            finish(file, TestExecutionResult.aborted(
                    new RunFailure(Interruption.NOT_RUN + " while this test ran", null)));
        }
        return true;
    }

    /**
     * The hint for a file that is not valid UTF-8: MicroPython reads source as UTF-8 (a byte
     * outside it in a comment is harmless, in a string it is kept or replaced), CPython as its
     * PEP 263 {@code coding:} line says. Empty for UTF-8.
     */
    static Optional<String> notUtf8(String name, byte[] bytes) {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(input, CharBuffer.allocate(bytes.length), true);
        if (!result.isError()) {
            return Optional.empty();
        }
        int offset = input.position();
        return Optional.of("note: " + name + " is not valid UTF-8 (byte 0x"
                + String.format("%02x", bytes[offset] & 0xff) + " at offset " + offset
                + "): MicroPython reads source files as UTF-8, CPython as the file's coding: line says;"
                + " if the encoding is what failed, save the file as UTF-8");
    }

}
