package dev.mpunit.engine.verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides a test's verdict from its output, in the order of run-tests.py's
 * {@code run_one_test}: the {@code SKIP} and {@code SKIP-TOO-LARGE} markers,
 * a missing unittest module, a unittest summary, else a byte-for-byte
 * comparison with the expected output; a failure of a known-flaky test is
 * ignored.
 */
public final class Judge {

    private static final byte[] RAW_REPL_FAILED = Bytes.ascii("could not enter raw repl");
    private static final Pattern IMPORTS_UNITTEST = Pattern.compile("import.+unittest");
    private static final int SHOW = 120;

    private Judge() {
    }

    /**
     * @param relPath the test relative to the tests root
     * @param output the output after {@link RunTestsOutput#asRunTests} and
     *        {@link RunTestsOutput#afterRun}
     * @param expected asked only when the output has to be compared
     * @param hostPlatform the host's {@code sys.platform}, for the flaky table
     * @param timeout the test timeout, named in the message of a {@code TIMEOUT};
     *        null when unknown
     * @throws IOException from {@code expected} (e.g. {@link CPythonNotFoundException})
     */
    public static Verdict judge(String relPath, byte[] output, Expectation.Source expected, String hostPlatform,
            Duration timeout) throws IOException {
        Verdict v = judgeOnce(relPath, output, expected, timeout);
        if (v.kind() == Verdict.Kind.FAIL) {
            Optional<String> flaky = KnownFlaky.reason(relPath, hostPlatform);
            if (flaky.isPresent()) {
                return new Verdict(Verdict.Kind.IGNORED, flaky.get(), "known flaky, failure ignored: " + v.message(),
                        v.expected(), v.actual(), v.unittest(), v.firstDifferingLine(), v.testcaseCount());
            }
        }
        return v;
    }

    /** {@link #judge(String, byte[], Expectation.Source, String, Duration)} without a known timeout. */
    public static Verdict judge(String relPath, byte[] output, Expectation.Source expected, String hostPlatform)
            throws IOException {
        return judge(relPath, output, expected, hostPlatform, null);
    }

    private static Verdict judgeOnce(String relPath, byte[] output, Expectation.Source source, Duration timeout)
            throws IOException {
        if (Arrays.equals(output, RunTestsOutput.SKIP)) {
            return new Verdict(Verdict.Kind.SKIP, "", "the test printed SKIP", null, output, null, 0, 0);
        }
        if (Arrays.equals(output, RunTestsOutput.SKIP_TOO_LARGE)) {
            return new Verdict(Verdict.Kind.SKIP, "too large",
                    "too large for the target (MemoryError before the test printed anything)", null, output, null, 0, 0);
        }
        if (UnittestSummary.missingUnittest(output)) {
            // Upstream aborts the whole run here; mpunit fails only this test.
            return new Verdict(Verdict.Kind.FAIL, "", "error: test " + relPath + " requires unittest"
                    + " (eg run `mpremote mip install unittest` to install it)", null, output, null, 0, 0);
        }
        Optional<UnittestSummary> summary = UnittestSummary.parse(output);
        if (summary.isPresent()) {
            UnittestSummary s = summary.get();
            String message = s.extraInfo();
            if (!s.passed()) {
                String failed = s.cases().stream()
                        .filter(c -> c.status() == UnittestCase.Status.FAIL || c.status() == UnittestCase.Status.ERROR)
                        .map(c -> c.id() + " " + c.status())
                        .collect(Collectors.joining(", "));
                message = "unittest " + s.resultLine() + " " + message + (failed.isEmpty() ? "" : ": " + failed);
            }
            return new Verdict(s.passed() ? Verdict.Kind.PASS : Verdict.Kind.FAIL, "", message, null, output, s, 0,
                    s.testcaseCount());
        }

        Expectation e = source.load();
        if (e.problem() != null) {
            return new Verdict(Verdict.Kind.FAIL, "", e.problem(), null, output, null, 0, 0);
        }
        byte[] exp = e.bytes();
        int count = Bytes.splitlines(exp).size();
        if (Arrays.equals(exp, output)) {
            return new Verdict(Verdict.Kind.PASS, "", "", exp, output, null, 0, count);
        }
        Difference d = firstDifference(exp, output);
        String diff = "output differs from " + e.origin() + " at line " + d.line + ": expected "
                + d.expected + " but was " + d.actual;
        return new Verdict(Verdict.Kind.FAIL, "", ending(output, timeout).map(x -> x + "; " + diff).orElse(diff),
                exp, output, null, d.line, count);
    }

    /** What the markers at the end of the output say, in plain words. */
    private static Optional<String> ending(byte[] output, Duration timeout) {
        if (Bytes.startsWith(output, RAW_REPL_FAILED)) {
            return Optional.of("raw REPL failed");
        }
        if (Bytes.endsWith(output, RunTestsOutput.CRASH)) {
            return Optional.of("MicroPython crashed (CRASH)");
        }
        if (Bytes.endsWith(output, RunTestsOutput.TIMEOUT)) {
            return Optional.of(timeout == null ? "timed out (TIMEOUT)"
                    : "timed out after " + CPython.seconds(timeout) + " (TIMEOUT)");
        }
        return Optional.empty();
    }

    private record Difference(int line, String expected, String actual) {
    }

    /** Lines with their terminators, so a missing final newline is a visible difference. */
    private static Difference firstDifference(byte[] expected, byte[] actual) {
        List<byte[]> e = Bytes.readlines(expected);
        List<byte[]> a = Bytes.readlines(actual);
        int i = 0;
        while (i < e.size() && i < a.size() && Arrays.equals(e.get(i), a.get(i))) {
            i++;
        }
        return new Difference(i + 1, i < e.size() ? quote(e.get(i)) : "end of output",
                i < a.size() ? quote(a.get(i)) : "end of output");
    }

    private static String quote(byte[] line) {
        return "\"" + Bytes.show(line, SHOW) + "\"";
    }

    /**
     * run-tests.py's note after a failure judged by expected output: a test
     * file with a line starting {@code import...unittest} may be a unittest that
     * never calls {@code unittest.main()}.
     */
    public static Optional<String> misfiredUnittestNote(String relPath, byte[] testSource) {
        String text = new String(testSource, StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
            if (IMPORTS_UNITTEST.matcher(line).lookingAt()) {
                return Optional.of("NOTE: " + relPath + " may be a unittest that doesn't run unittest.main()");
            }
        }
        return Optional.empty();
    }
}
