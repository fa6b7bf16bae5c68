package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestCaseDescriptor;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.scheduling.Tentacle;
import dev.mpunit.engine.tentacle.LifeRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.opentest4j.TestAbortedException;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;
import dev.mpunit.engine.configuration.Quarantine;
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
    /** {@code micropython.count} and {@code micropython.retry-failed}: how often a file may run. */
    private final int count;
    private final int retries;
    /** The runs so far of the files that run again, until their last. */
    private final Map<TestFileDescriptor, Attempts> attempts = new ConcurrentHashMap<>();
    private final Quarantine quarantine;
    /** Why the run stopped handing out work (the testbed's USB failed), once it did: the reason of what it left unrun. */
    private volatile String stopped;

    /**
     * @param inlineLimit bytes of output kept in a report entry; more goes to a file entry
     * @param interruption what fails while the JVM is ending failed because its processes were killed
     */
    Outcomes(EngineExecutionListener delegate, TestDescriptor engine, OutputDirectoryCreator outputs,
            int inlineLimit, Interruption interruption) {
        this(delegate, engine, outputs, inlineLimit, interruption, 1, 0, Quarantine.NONE);
    }

    /**
     * @param count how many times each file runs
     * @param retries how many more times a file that failed runs
     * @param quarantine failures that end aborted rather than failed
     */
    Outcomes(EngineExecutionListener delegate, TestDescriptor engine, OutputDirectoryCreator outputs,
            int inlineLimit, Interruption interruption, int count, int retries, Quarantine quarantine) {
        this.listener = new TreeListener(delegate, engine);
        this.engine = engine;
        this.outputs = outputs;
        this.inlineLimit = inlineLimit;
        this.interruption = interruption;
        this.count = count;
        this.retries = retries;
        this.quarantine = quarantine;
    }

    /** A run that ends before it starts anything: an empty tree, a configuration to correct. */
    static void endedBeforeRun(EngineExecutionListener delegate, TestDescriptor engine, TestExecutionResult result) {
        delegate.executionStarted(engine);
        delegate.executionFinished(engine, result);
    }

    void runStarted() {
        listener.started(engine);
    }

    /**
     * No more work is handed out, for this reason (the testbed's USB failed): the files left unrun
     * are skipped with it, as after a cancellation ({@link Verdicts#CANCELLED_REASON_PREFIX}).
     */
    void stopped(String why) {
        stopped = Verdicts.CANCELLED_REASON_PREFIX + " (" + why + ")";
    }

    /** A report entry about the whole run, published on the engine's descriptor. */
    void runEntry(ReportEntry entry) {
        listener.reportingEntryPublished(engine, entry);
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

    /**
     * What a runner's piece of work came to on the lease it was run with.
     *
     * @return whether the file has ended, or runs again ({@code micropython.count},
     *     {@code micropython.retry-failed}): then the worker hands it back to the bartender
     */
    Attempts.Next record(TestFileDescriptor file, Lease lease, Outcome outcome) {
        if (outcome instanceof Outcome.Judged judged) {
            return judged(file, lease, judged);
        }
        // Only judged runs repeat: a file that could not be judged, or was not run, ends here.
        attempts.remove(file);
        if (outcome instanceof Outcome.Skipped skipped) {
            listener.skipped(file, skipped.reason());
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
        return Attempts.Next.DONE;
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

    /** What happened to a tentacle during the run, published on the run ({@code micropython.tentacle-life}). */
    void tentacleLife(Tentacle tentacle, LifeRecord record) {
        tentacleLife(tentacle, record.text());
    }

    void tentacleLife(Tentacle tentacle, String text) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(ReportEntryKeys.TENTACLE, tentacle.id());
        entry.put(ReportEntryKeys.TENTACLE_LIFE, text);
        listener.reportingEntryPublished(engine, ReportEntry.from(entry));
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
        String stoppedBecause = stopped;
        boolean cancelled = interruption.cancelled() || stoppedBecause != null;
        String notRun = interruption.requested() ? Interruption.NOT_RUN
                : interruption.cancelled() ? Verdicts.CANCELLED_REASON_PREFIX + " (fail-fast)"
                : stoppedBecause != null ? stoppedBecause
                : "not run: no worker of its variant was left to run it";
        for (TestFileDescriptor file : files) {
            if (listener.isDone(file)) {
                continue;
            }
            Attempts ran = attempts.remove(file);
            if (ran != null && !interruption.requested()) {
                // Cancelled (fail-fast) between two runs of it: it ends with the runs it had.
                endRuns(file, ran);
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

    private Attempts.Next judged(TestFileDescriptor file, Lease lease, Outcome.Judged judged) {
        Verdict verdict = judged.verdict();
        List<String> incidents = new ArrayList<>(Optional.ofNullable(givenBack.remove(file)).orElse(List.of()));
        incidents.addAll(judged.incidents());
        Attempts ran = Attempts.repeat(count, retries) ? attempts.computeIfAbsent(file, f -> new Attempts(count, retries))
                : null;
        Attempts.Next next = Attempts.Next.DONE;
        int attempt = 0;
        Map<String, String> own = new LinkedHashMap<>(judged.entries());
        if (ran != null) {
            ran.add(verdict);
            next = ran.next();
            attempt = ran.several() || next != Attempts.Next.DONE ? ran.size() : 0;
            if (attempt > 0 && next == Attempts.Next.DONE) {
                own.putAll(closing(ran));
            }
        }
        boolean fails = attempt > 0 && next == Attempts.Next.DONE ? ran.failedUnrescued()
                : verdict.kind() == Verdict.Kind.FAIL;
        Optional<String> quarantined = next == Attempts.Next.DONE && fails ? listing(file) : Optional.empty();
        quarantined.ifPresent(listing -> own.put(ReportEntryKeys.QUARANTINED, listing));
        ReportEntries.Published published = ReportEntries.of(file, lease, verdict, judged.duration(), incidents,
                own, attempt, inlineLimit, outputs);
        published.files().forEach(entry -> listener.fileEntryPublished(file, entry));
        listener.reportingEntryPublished(file, published.entry());
        if (next != Attempts.Next.DONE) {
            ran.published(published.entry().getKeyValuePairs());
            return next;
        }
        attempts.remove(file);
        boolean everyFailedCaseReported = reportCases(file, verdict, quarantined);
        TestExecutionResult result;
        if (attempt > 0 && fails && verdict.kind() != Verdict.Kind.FAIL) {
            // A later run passed, but no retry did: the file fails with the run that failed.
            result = TestExecutionResult.failed(Failures.of(file, ran.lastFailure()));
        } else {
            result = carriedByCases(verdict, everyFailedCaseReported)
                    ? TestExecutionResult.successful() : resultOf(file, verdict);
        }
        finish(file, quarantined(result, quarantined));
        return Attempts.Next.DONE;
    }

    /** What the last entry of a file run more than once adds: every run's verdict, and its own word. */
    private static Map<String, String> closing(Attempts ran) {
        return Map.of(ReportEntryKeys.VERDICT, ran.word(), ReportEntryKeys.ATTEMPTS, ran.verdicts());
    }

    /** Cancelled between two runs: the last run's entry becomes the file's, and JUnit hears what the runs say. */
    private void endRuns(TestFileDescriptor file, Attempts ran) {
        Map<String, String> entry = new LinkedHashMap<>(ran.lastEntry());
        entry.putAll(closing(ran));
        Optional<String> quarantined = ran.failedUnrescued() ? listing(file) : Optional.empty();
        quarantined.ifPresent(listing -> entry.put(ReportEntryKeys.QUARANTINED, listing));
        listener.reportingEntryPublished(file, ReportEntry.from(entry));
        reportCases(file, ran.last(), quarantined);
        finish(file, quarantined(ran.failedUnrescued() ? TestExecutionResult.failed(Failures.of(file, ran.lastFailure()))
                : resultOf(file, ran.last()), quarantined));
    }

    /** Why the quarantine file lets this file's failure pass, if it does. */
    private Optional<String> listing(TestFileDescriptor file) {
        return quarantine.listing(file.group().label(), file.relativePath(), file.variant());
    }

    /** A failure the quarantine lists is aborted instead: it fails no run and nobody takes it for a pass. */
    private static TestExecutionResult quarantined(TestExecutionResult result, Optional<String> listing) {
        if (listing.isEmpty() || result.getStatus() != TestExecutionResult.Status.FAILED) {
            return result;
        }
        String why = result.getThrowable().map(Throwable::getMessage).orElse("failed");
        return TestExecutionResult.aborted(new TestAbortedException(
                Verdicts.QUARANTINED_REASON_PREFIX + listing.get() + ": " + why, result.getThrowable().orElse(null)));
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
        finish(file, quarantined(TestExecutionResult.failed(cause), listing(file)));
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
    private boolean reportCases(TestFileDescriptor file, Verdict verdict, Optional<String> quarantined) {
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
                    listener.finished(descriptor, quarantined(TestExecutionResult.failed(Failures.ofCase(file, testCase)),
                            quarantined));
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
                listener.finished(child, quarantined(TestExecutionResult.failed(new RunFailure(
                        child.getDisplayName() + " was not in the unittest output of " + file.relativePath()
                                + " (" + Printable.message(verdict.message()) + ")", null)), quarantined));
            }
        }
        return everyFailedCaseReported;
    }

    private void finish(TestFileDescriptor file, TestExecutionResult result) {
        listener.finishedSkippingOpenChildren(file, result,
                "not run: " + file.relativePath() + " did not get to run its cases");
    }
}
