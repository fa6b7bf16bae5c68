package dev.mpunit.reporting;

import java.util.List;

import dev.mpunit.contract.Verdicts;

/**
 * One test file's outcome, as the report entries told it. {@code text} (the reason), the
 * tentacle, port, duration and contents are null when the entries did not carry them, and so is
 * {@code perfbench}, a benchmark's line ({@code micropython.perfbench}) when it passed;
 * {@code incidents} is empty when nothing went wrong with the target on the way.
 */
record TestResult(String name, String result, String text, String tentacle, String port, Long durationMillis,
        Content output, Content expected, List<String> incidents, String perfbench) {

    TestResult {
        incidents = List.copyOf(incidents);
    }

    static TestResult skippedBeforeRun(String name, String reason) {
        return new TestResult(name, Verdicts.SKIP, reason, null, null, null, null, null, List.of(), null);
    }

    /** {@code micropython.incidents}: one incident a line, none when absent. */
    static List<String> incidents(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.split("\n"));
    }

    /** run-tests.py writes .exp/.out for every test whose output differed, flaky ones included. */
    boolean failed() {
        return result.equals(Verdicts.FAIL) || result.equals(Verdicts.IGNORED) || result.equals(Verdicts.XFAIL);
    }
}
