package dev.mpunit.reporting;

import java.util.List;

import dev.mpunit.contract.Verdicts;

/**
 * One test file's outcome, as the report entries told it. {@code text} (the reason), the
 * tentacle, port, duration and contents are null when the entries did not carry them, and so is
 * {@code perfbench}, a benchmark's line ({@code micropython.perfbench}) when it passed;
 * {@code incidents} is empty when nothing went wrong with the target on the way. A file run more
 * than once has its {@code attempts} (else none); {@code output} is then its last failed run's.
 * {@code quarantined}: why {@code micropython.quarantine} kept its failure from failing the run, else
 * null. {@code passedInJunit}: what JUnit was told, for run-tests.py's word of a flaky file.
 */
record TestResult(String name, String result, String text, String tentacle, String port, Long durationMillis,
        Content output, Content expected, List<String> incidents, String perfbench, List<Attempt> attempts,
        String quarantined, boolean passedInJunit) {

    /** One run of a file run more than once ({@code micropython.attempt}), with its own output. */
    record Attempt(int number, String result, String text, String tentacle, Long durationMillis, Content output) {
    }

    TestResult {
        incidents = List.copyOf(incidents);
        attempts = List.copyOf(attempts);
    }

    static TestResult skippedBeforeRun(String name, String reason) {
        return new TestResult(name, Verdicts.SKIP, reason, null, null, null, null, null, List.of(), null, List.of(),
                null, true);
    }

    /**
     * run-tests.py's word, for {@code _results.json} and Octoprobe's readers, who know no {@code flaky}:
     * what JUnit was told of a flaky file ({@code pass} when a retry passed, else {@code fail}).
     */
    String runTestsResult() {
        return result.equals(Verdicts.FLAKY) ? passedInJunit ? Verdicts.PASS : Verdicts.FAIL : result;
    }

    /** {@code micropython.incidents}: one incident a line, none when absent. */
    static List<String> incidents(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.split("\n"));
    }

    /** run-tests.py writes .exp/.out for every test whose output differed, flaky ones included. */
    boolean failed() {
        return result.equals(Verdicts.FAIL) || result.equals(Verdicts.IGNORED) || result.equals(Verdicts.XFAIL)
                || result.equals(Verdicts.FLAKY);
    }
}
