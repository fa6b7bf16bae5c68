package dev.mpunit.reporting;

/**
 * The keys of the report entries the {@code micropython} engine publishes per test
 * ({@code docs/report-entries.md}). Listeners in this module read these and the JUnit Platform
 * events, never engine classes.
 */
public final class ReportEntryKeys {

    public static final String GROUP = "micropython.group";
    public static final String VARIANT = "micropython.variant";
    public static final String TENTACLE = "micropython.tentacle";
    public static final String PORT = "micropython.port";
    /** Milliseconds, as a decimal integer. */
    public static final String DURATION = "micropython.duration";
    /** {@code pass}, {@code fail}, {@code skip}, {@code ignored}, {@code xfail}. */
    public static final String VERDICT = "micropython.verdict";
    public static final String REASON = "micropython.reason";
    public static final String OUTPUT = "micropython.output";
    public static final String EXPECTED = "micropython.expected";
    /** What went wrong with the target during the test and what was done about it, one per line. */
    public static final String INCIDENTS = "micropython.incidents";

    private ReportEntryKeys() {
    }
}
