package dev.mpunit.contract;

import java.util.List;

/**
 * The values of {@link ReportEntryKeys#VERDICT}: run-tests.py's words of {@code _results.json},
 * and how a test that a cancellation left unrun says so.
 */
public final class Verdicts {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    /** Skipped by the test itself ({@code SKIP}) or by a skip table; run-tests.py's {@code skip}. */
    public static final String SKIP = "skip";
    /** A known-flaky failure, which run-tests.py ignores. */
    public static final String IGNORED = "ignored";
    /**
     * A file run more than once ({@code micropython.count}, {@code micropython.retry-failed}) that both
     * failed and passed: its own word, whatever JUnit was told (docs/report-entries.md).
     */
    public static final String FLAKY = "flaky";
    /** A failure listed as known ({@code micropython.results.xfail}): the reporting side's word, never the engine's. */
    public static final String XFAIL = "xfail";

    /**
     * A file a dry run ({@code micropython.dry-run}) would have run: the skip rules let it through and it
     * was not run. JUnit reports it skipped; no results folder holds it (a dry run writes none).
     */
    public static final String FOUND = "found";
    /**
     * The skip reason of a dry run's {@link #FOUND} file. Its report entry comes after the skip (a test
     * that never started has no place for one before: the console launcher's tree fails on it), so a
     * listener that must tell found from skipped when the skip comes reads this reason.
     */
    public static final String FOUND_REASON = "found (dry run)";

    /** Every word: the engine's five, reporting's {@link #XFAIL} and a dry run's {@link #FOUND}. */
    public static final List<String> ALL = List.of(PASS, FAIL, SKIP, IGNORED, FLAKY, XFAIL, FOUND);

    /**
     * How the abort reason of a file listed by {@code micropython.quarantine} starts when it failed:
     * aborted rather than failed, so that it fails no run, and named so that nobody takes it for a skip.
     */
    public static final String QUARANTINED_REASON_PREFIX = "quarantined: ";

    /**
     * How the skip or abort reason of a test starts when a cancellation (fail-fast, Ctrl-C, SIGTERM)
     * left it unrun or cut it short. Such a test carries no report entry; the results folder counts
     * them to mark the run unfinished.
     */
    public static final String CANCELLED_REASON_PREFIX = "not run: the test run was cancelled";

    private Verdicts() {
    }
}
