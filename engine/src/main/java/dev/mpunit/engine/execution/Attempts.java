package dev.mpunit.engine.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mpunit.contract.Verdicts;
import dev.mpunit.engine.verdict.Verdict;

/**
 * The judged runs of one file that runs more than once ({@code micropython.count},
 * {@code micropython.retry-failed}), and what comes next: another run, another run on another
 * tentacle, or the end. One run at a time: the next is handed back to the bartender only once the
 * last has ended, so that runs of one file never meet on the machine (a test that writes a file, or
 * toggles one, would race with itself).
 *
 * <p>The rules (docs/report-entries.md, "Files run more than once"): the file runs {@code count}
 * times; when one of those runs failed, it runs again, up to {@code retries} times, until a run
 * passes. A run that printed {@code SKIP} ends it (a skip does not come and go). Runs that both
 * failed and passed make it {@code flaky}. JUnit passes it when every one of the {@code count} runs
 * passed or a retry did: a flaky file fails the run under {@code --count} alone, and passes when a
 * retry passed under {@code --retry-failed}.
 */
final class Attempts {

    /** What the worker does with the file after a run. */
    enum Next {
        /** The file has ended: its verdict is final. */
        DONE,
        /** Another of its {@code count} runs, on whichever tentacle of its variant frees up. */
        AGAIN,
        /** A retry after a failure: on another tentacle of its variant when it has one. */
        ELSEWHERE
    }

    private final int count;
    private final int retries;
    private final List<Verdict> runs = new ArrayList<>();
    /** The report entry the last run published: the file's, should a cancellation end it between runs. */
    private Map<String, String> lastEntry = Map.of();

    Attempts(int count, int retries) {
        this.count = count;
        this.retries = retries;
    }

    /** Whether a file may run more than once at all; with neither key every file runs once, as run-tests.py. */
    static boolean repeat(int count, int retries) {
        return count > 1 || retries > 0;
    }

    synchronized void add(Verdict verdict) {
        runs.add(verdict);
    }

    synchronized void published(Map<String, String> entry) {
        lastEntry = Map.copyOf(entry);
    }

    synchronized Map<String, String> lastEntry() {
        return lastEntry;
    }

    synchronized Next next() {
        int done = runs.size();
        if (done == 0) {
            return Next.AGAIN;
        }
        if (last().kind() == Verdict.Kind.SKIP) {
            return Next.DONE;
        }
        if (done < count) {
            return Next.AGAIN;
        }
        return failedUnrescued() && done - count < retries ? Next.ELSEWHERE : Next.DONE;
    }

    /** Whether it ran more than once: only then do its entries number their runs. */
    synchronized boolean several() {
        return runs.size() > 1;
    }

    synchronized Verdict last() {
        return runs.get(runs.size() - 1);
    }

    /** The last run that failed, for JUnit's failure when a later run passed but the file does not. */
    synchronized Verdict lastFailure() {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (failed(runs.get(i))) {
                return runs.get(i);
            }
        }
        throw new IllegalStateException("no run failed");
    }

    /** Whether JUnit fails it: a run failed and no retry after it passed. */
    synchronized boolean failedUnrescued() {
        boolean anyFailed = runs.stream().anyMatch(Attempts::failed);
        boolean rescued = runs.size() > count && passed(last());
        return anyFailed && !rescued;
    }

    /** {@code flaky} when runs both failed and passed, else the last run's own word. */
    synchronized String word() {
        boolean anyFailed = runs.stream().anyMatch(Attempts::failed);
        boolean anyPassed = runs.stream().anyMatch(Attempts::passed);
        return anyFailed && anyPassed ? Verdicts.FLAKY : last().kind().resultsWord();
    }

    /** Every run's verdict in order ({@code fail pass}), for {@code micropython.attempts}. */
    synchronized String verdicts() {
        return runs.stream().map(run -> run.kind().resultsWord()).collect(Collectors.joining(" "));
    }

    synchronized int size() {
        return runs.size();
    }

    private static boolean failed(Verdict verdict) {
        return verdict.kind() == Verdict.Kind.FAIL;
    }

    /** A known-flaky failure that run-tests.py ignores passes here too. */
    private static boolean passed(Verdict verdict) {
        return verdict.kind() == Verdict.Kind.PASS || verdict.kind() == Verdict.Kind.IGNORED;
    }
}
