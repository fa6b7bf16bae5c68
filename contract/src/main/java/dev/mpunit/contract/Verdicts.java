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

    /** Every word, the engine's five and reporting's {@link #XFAIL}. */
    public static final List<String> ALL = List.of(PASS, FAIL, SKIP, IGNORED, FLAKY, XFAIL);

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
