package dev.mpunit.reporting;

/**
 * One test file's outcome, as the report entries told it. {@code text} (the reason), the
 * tentacle, port, duration and contents are null when the entries did not carry them.
 */
record TestResult(String name, String result, String text, String tentacle, String port, Long durationMillis,
        Content output, Content expected) {

    static TestResult skippedBeforeRun(String name, String reason) {
        return new TestResult(name, "skip", reason, null, null, null, null, null);
    }

    /** run-tests.py writes .exp/.out for every test whose output differed, flaky ones included. */
    boolean failed() {
        return result.equals("fail") || result.equals("ignored") || result.equals("xfail");
    }
}
