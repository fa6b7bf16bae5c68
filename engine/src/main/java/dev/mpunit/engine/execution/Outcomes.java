package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestCaseDescriptor;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.Tentacle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

import dev.mpunit.contract.Verdicts;
import dev.mpunit.engine.verdict.Printable;
import dev.mpunit.engine.verdict.UnittestCase;
import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.BoardLostException;

/**
 * The outcome sink: the one place where what happened to a test (a runner's {@link Outcome}, a
 * failed firmware build, a tentacle lost with a file in hand, a cancellation, a worker that stopped)
 * becomes JUnit events and report entries. The {@link TreeListener} behind it only orders and
 * serialises those events; workers call it from their own threads.
 */
final class Outcomes {

    private final TreeListener listener;
    private final TestDescriptor engine;
    private final OutputDirectoryCreator outputs;
    private final int inlineLimit;
    private final Interruption interruption;
    /** Files a lost tentacle gave back, and why: the tentacle that finally runs them reports it. */
    private final Map<TestFileDescriptor, List<String>> givenBack = new ConcurrentHashMap<>();
    /** Per variant, the tentacles offering it that were lost, and why: for the files none could run. */
    private final Map<String, List<String>> lostTentacles = new ConcurrentHashMap<>();

    /**
     * @param inlineLimit bytes of output kept in a report entry; more goes to a file entry
     * @param interruption what fails while the JVM is ending failed because its processes were killed
     */
    Outcomes(EngineExecutionListener delegate, TestDescriptor engine, OutputDirectoryCreator outputs,
            int inlineLimit, Interruption interruption) {
        this.listener = new TreeListener(delegate, engine);
        this.engine = engine;
        this.outputs = outputs;
        this.inlineLimit = inlineLimit;
        this.interruption = interruption;
    }

    /** A run that ends before it starts anything: an empty tree, a configuration to correct. */
    static void endedBeforeRun(EngineExecutionListener delegate, TestDescriptor engine, TestExecutionResult result) {
        delegate.executionStarted(engine);
        delegate.executionFinished(engine, result);
    }

    void runStarted() {
        listener.started(engine);
    }

    /** The run ends: every test has ended before (see {@link #endUnfinished}). */
    void runFinished(TestExecutionResult result) {
        listener.finished(engine, result);
    }

    /** Whether the file (or a case of it) failed, once it ended; for the progress line. */
    boolean failed(TestFileDescriptor file) {
        return listener.hasFailed(file);
    }

    /** A runner starts running the file on its target (IDEs show it running from now on). */
    void started(TestFileDescriptor file) {
        listener.started(file);
    }

    /** What a runner's piece of work came to on the lease it was run with. */
    void record(TestFileDescriptor file, Lease lease, Outcome outcome) {
        if (outcome instanceof Outcome.Skipped skipped) {
            listener.skipped(file, skipped.reason());
        } else if (outcome instanceof Outcome.Judged judged) {
            judged(file, lease, judged);
        } else if (outcome instanceof Outcome.Found found) {
            // Skipped first: listeners keep entries on the nodes of tests they have seen, and a test that
            // never started has none until its skip (the console launcher's tree fails on an entry before).
            listener.skipped(file, Outcome.Found.REASON);
            listener.reportingEntryPublished(file, ReportEntries.found(file, lease, found.entries()));
        } else if (outcome instanceof Outcome.Failed failed) {
            failed(file, failed.cause());
        } else {
            interrupted(file);
        }
    }

    /**
     * The tentacle was lost for the rest of the run with this file in hand: the file goes to another
     * tentacle, which reports this with its verdict; when none is left for a variant, its files fail
     * with every reason ({@link #endUnfinished}).
     */
    void lost(Tentacle tentacle, TestFileDescriptor file, BoardLostException why) {
        givenBack.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>()).add("tentacle " + tentacle.id()
                + " was lost (" + why.getMessage() + "); the test went to another tentacle");
        lost(tentacle, why);
    }

    /**
     * The tentacle was lost for the rest of the run with no file of its own in hand (it served as a
     * reference): kept for the files of its variants that no tentacle is left to run.
     */
    void lost(Tentacle tentacle, BoardLostException why) {
        for (String variant : tentacle.variants()) {
            lostTentacles.computeIfAbsent(variant, v -> new CopyOnWriteArrayList<>())
                    .add(tentacle.id() + ": " + why.getMessage());
        }
    }

    /** A variant's firmware could not be built: the files withdrawn from the bartender fail with why. */
    void buildFailed(List<TestFileDescriptor> files, String message) {
        for (TestFileDescriptor file : files) {
            listener.started(file);
            listener.finishedSkippingOpenChildren(file, TestExecutionResult.failed(new RunFailure(message, null)),
                    message);
        }
    }

    /**
     * No discovered test ends without a verdict: what was never handed out (a cancellation) is
     * skipped, what every tentacle of its variant was lost before running fails with their reasons,
     * what a worker started but could not finish (its thread was interrupted or died) fails with that.
     */
    void endUnfinished(List<TestFileDescriptor> files) {
        boolean cancelled = interruption.cancelled();
        String notRun = interruption.requested() ? Interruption.NOT_RUN
                : cancelled ? Verdicts.CANCELLED_REASON_PREFIX + " (fail-fast)"
                : "not run: no worker of its variant was left to run it";
        for (TestFileDescriptor file : files) {
            if (listener.isDone(file)) {
                continue;
            }
            List<String> lost = lostTentacles.getOrDefault(file.variant(), List.of());
            if (!cancelled && !lost.isEmpty()) {
                // Selected but unrunnable: every board of the variant was lost. That is a failure to see.
                listener.started(file);
                listener.finishedSkippingOpenChildren(file, TestExecutionResult.failed(new RunFailure(
                        "not run: every tentacle of " + file.variant() + " was lost: " + String.join("; ", lost),
                        null)), notRun);
                continue;
            }
            if (!listener.isStarted(file)) {
                listener.skipped(file, notRun);
                continue;
            }
            if (interruption.requested()) {
                listener.finishedSkippingOpenChildren(file, TestExecutionResult.aborted(
                        new RunFailure(Interruption.NOT_RUN + " while this test ran", null)), notRun);
                continue;
            }
            listener.finishedSkippingOpenChildren(file, TestExecutionResult.failed(new RunFailure(
                    file.relativePath() + " was started but its worker stopped before it ended", null)), notRun);
        }
    }

    private void judged(TestFileDescriptor file, Lease lease, Outcome.Judged judged) {
        Verdict verdict = judged.verdict();
        List<String> incidents = new ArrayList<>(givenBack.getOrDefault(file, List.of()));
        incidents.addAll(judged.incidents());
        ReportEntries.Published published = ReportEntries.of(file, lease, verdict, judged.duration(), incidents,
                judged.entries(), inlineLimit, outputs);
        published.files().forEach(entry -> listener.fileEntryPublished(file, entry));
        listener.reportingEntryPublished(file, published.entry());
        boolean everyFailedCaseReported = reportCases(file, verdict);
        finish(file, carriedByCases(verdict, everyFailedCaseReported)
                ? TestExecutionResult.successful() : resultOf(file, verdict));
    }

    private void failed(TestFileDescriptor file, Throwable cause) {
        if (listener.isDone(file)) {
            return;
        }
        if (interruption.requested()) {
            interrupted(file);
            return;
        }
        listener.started(file);
        finish(file, TestExecutionResult.failed(cause));
    }

    /** A test cut short by the interruption ends aborted, with no verdict; one it never started is skipped. */
    private void interrupted(TestFileDescriptor file) {
        if (!listener.isStarted(file)) {
            listener.skipped(file, Interruption.NOT_RUN);
        } else {
            finish(file, TestExecutionResult.aborted(
                    new RunFailure(Interruption.NOT_RUN + " while this test ran", null)));
        }
    }

    private static TestExecutionResult resultOf(TestFileDescriptor file, Verdict verdict) {
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
}
