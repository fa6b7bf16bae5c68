package dev.mpunit.engine.verdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of a test that runs MicroPython's unittest, read from the last
 * lines of its output exactly where run-tests.py reads it:
 *
 * <pre>
 * ----------------------------------------------------------------------
 * Ran 6 tests
 *
 * FAILED (failures=2, errors=1)        or  OK  or  OK (skipped=1)
 * </pre>
 *
 * When such a summary is present the verdict comes from it and no
 * {@code .exp} or CPython run is consulted.
 *
 * @param ran the {@code Ran N tests} count (subtests are not counted)
 * @param skipped K from {@code OK (skipped=K)}; 0 otherwise (a {@code FAILED}
 *        line does not say, and upstream does not count them then)
 * @param failures F from {@code FAILED (failures=F, errors=E)}, else 0; a
 *        failing subtest counts once per subtest
 * @param errors E from the {@code FAILED} line, else 0
 * @param passed whether the result line starts with {@code OK}
 * @param resultLine the last line as printed
 * @param cases the per-case results, in the order the runner printed them
 * @param failuresOutsideCases announced failures and errors that no failed case carries: a section
 *        that names no case printed before it, or one the output announced but did not print
 */
public record UnittestSummary(int ran, int skipped, int failures, int errors, boolean passed, String resultLine,
        List<UnittestCase> cases, int failuresOutsideCases) {

    static final String DASHES = "-".repeat(70);
    private static final String EQUALS = "=".repeat(70);
    private static final byte[] DASHES_BYTES = Bytes.ascii(DASHES);
    private static final byte[] NO_UNITTEST = Bytes.ascii("ImportError: no module named 'unittest'");
    private static final Pattern RAN = Pattern.compile("Ran ([0-9]+) tests");
    private static final Pattern RESULT =
            Pattern.compile("(OK)( \\(skipped=([0-9]+)\\))?|(FAILED) \\(failures=([0-9]+), errors=([0-9]+)\\)");

    public UnittestSummary {
        Objects.requireNonNull(resultLine, "resultLine");
        cases = List.copyOf(cases);
    }

    /**
     * Finds the summary the way run-tests.py does: more than four lines (Python's
     * {@code splitlines}: {@code \n}, {@code \r}, {@code \r\n}), the fourth-last
     * 70 dashes, the second-last empty, the third-last {@code Ran N tests} and the
     * last {@code OK}, {@code OK (skipped=K)} or {@code FAILED (failures=F, errors=E)}.
     * Anything else (including a summary not at the very end) is not a unittest
     * result and the test is judged by its expected output.
     */
    public static Optional<UnittestSummary> parse(byte[] normalisedOutput) {
        List<byte[]> lines = Bytes.splitlines(normalisedOutput);
        int n = lines.size();
        if (n <= 4 || !Arrays.equals(lines.get(n - 4), DASHES_BYTES) || lines.get(n - 2).length != 0) {
            return Optional.empty();
        }
        Matcher ran = RAN.matcher(Bytes.latin1(lines.get(n - 3)));
        Matcher result = RESULT.matcher(Bytes.latin1(lines.get(n - 1)));
        if (!ran.matches() || !result.matches()) {
            return Optional.empty();
        }
        boolean ok = result.group(1) != null;
        int failures = ok ? 0 : count(result.group(5));
        int errors = ok ? 0 : count(result.group(6));
        int skipped = ok && result.group(3) != null ? count(result.group(3)) : 0;
        List<String> text = decode(lines);
        // Each failing test or subtest printed one section before the final dashes.
        int sections = ok ? 0 : failures + errors;
        ParsedCases parsed = parseCases(text.subList(0, n - 4), sections);
        return Optional.of(new UnittestSummary(count(ran.group(1)), skipped, failures, errors, ok,
                text.get(n - 1), parsed.cases(), parsed.uncarried()));
    }

    /**
     * The cases of output that has no summary, e.g. because the interpreter
     * crashed part way: the case that was running when the output ended has
     * status ERROR and says so, FAIL and ERROR cases have no traceback.
     */
    public static List<UnittestCase> casesWithoutSummary(byte[] normalisedOutput) {
        return parseCases(decode(Bytes.splitlines(normalisedOutput)), 0).cases();
    }

    /**
     * Upstream stops the whole run with "test X requires unittest" when one of
     * the last three output lines is exactly
     * {@code ImportError: no module named 'unittest'}.
     */
    public static boolean missingUnittest(byte[] normalisedOutput) {
        List<byte[]> lines = Bytes.splitlines(normalisedOutput);
        for (byte[] line : lines.subList(Math.max(0, lines.size() - 3), lines.size())) {
            if (Arrays.equals(line, NO_UNITTEST)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What run-tests.py prints after {@code pass}/{@code FAIL}:
     * {@code (unittest: 5 ran)}, {@code (unittest: 5 ran, 1 skipped)} or
     * {@code (unittest: 5 ran, 1 failures, 0 errors)}.
     */
    public String extraInfo() {
        StringBuilder sb = new StringBuilder("(unittest: ").append(ran).append(" ran");
        if (passed && resultLine.startsWith("OK (")) {
            sb.append(", ").append(skipped).append(" skipped");
        } else if (!passed) {
            sb.append(", ").append(failures).append(" failures, ").append(errors).append(" errors");
        }
        return sb.append(')').toString();
    }

    /**
     * Whether the failed cases carry every failure this summary announces, so that reporting each
     * case's own verdict says all there is: at least one case failed and no failure is outside them.
     */
    public boolean casesCarryFailures() {
        return !passed && failuresOutsideCases == 0 && cases.stream().anyMatch(UnittestCase::failed);
    }

    /** The testcase count run-tests.py adds for this file: ran, less skipped when passed. */
    public int testcaseCount() {
        return passed ? ran - skipped : ran;
    }

    private static int count(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static List<String> decode(List<byte[]> lines) {
        List<String> text = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            // Malformed UTF-8 becomes U+FFFD: names and messages are for display only.
            text.add(new String(line, StandardCharsets.UTF_8));
        }
        return text;
    }

    // Case lines as micropython-lib's unittest prints them: "name (suite) ..." with
    // no newline, then whatever the test prints, then " ok", " FAIL", " ERROR" or
    // " skipped: reason" ending the line.
    private static final Pattern CASE_HEADER = Pattern.compile("(.+?) \\(([^()\\s]*)\\) \\.\\.\\.(.*)");
    private static final Pattern OBJECT_NAME = Pattern.compile("<[A-Za-z_][A-Za-z0-9_.]* object at [0-9a-fA-Fx]+>");
    private static final Pattern FAIL_WITH_CLASS = Pattern.compile("FAIL: (.*) <class '([^']*)'>");
    private static final Pattern FAIL_WITH_SUITE = Pattern.compile("FAIL: (.+?) \\(([^()\\s]*)\\)(.*)");
    private static final Pattern FAIL_WITH_FUNCTION = Pattern.compile("FAIL: (.*) <(?:bound_method|function|closure) .*>");

    /** @param uncarried sections announced but not found, and sections found that no failed case claimed */
    private record ParsedCases(List<UnittestCase> cases, int uncarried) {
    }

    private static ParsedCases parseCases(List<String> lines, int sections) {
        int end = lines.size();
        List<Section> found = new ArrayList<>();
        // Walk back from the end collecting exactly the announced number of sections
        // ("=====" / "FAIL: ..." / "-----" / traceback / blank line).
        int bodyEnd = end;
        for (int j = end - 3; j >= 0 && found.size() < sections; j--) {
            if (lines.get(j).equals(EQUALS) && lines.get(j + 1).startsWith("FAIL: ") && lines.get(j + 2).equals(DASHES)) {
                List<String> body = new ArrayList<>(lines.subList(j + 3, bodyEnd));
                if (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
                    body.remove(body.size() - 1);
                }
                found.add(0, Section.parse(lines.get(j + 1), String.join("\n", body)));
                bodyEnd = j;
                end = j;
            }
        }
        if (!found.isEmpty() && end > 0 && lines.get(end - 1).isEmpty()) {
            end--; // the blank line printErrors() prints before the first section
        }

        List<Builder> builders = new ArrayList<>();
        Builder current = null;
        for (String line : lines.subList(0, end)) {
            Matcher m = CASE_HEADER.matcher(line);
            if (m.matches()) {
                current = new Builder(m.group(2), stableName(m.group(1)));
                builders.add(current);
                current.lines.add(m.group(3));
            } else if (current != null) {
                current.lines.add(line);
            }
        }
        List<UnittestCase> cases = new ArrayList<>();
        List<Section> unclaimed = new ArrayList<>(found);
        for (Builder b : builders) {
            b.finish();
        }
        for (Builder b : builders) {
            UnittestCase.Status status = b.status;
            List<String> details = new ArrayList<>();
            if (status == UnittestCase.Status.FAIL || status == UnittestCase.Status.ERROR) {
                for (var it = unclaimed.iterator(); it.hasNext(); ) {
                    Section s = it.next();
                    if (s.belongsTo(b) && firstOwner(builders, s) == b) {
                        details.add(s.describe());
                        it.remove();
                    }
                }
                if (details.isEmpty()) {
                    details.add(b.marker < 0
                            ? "no result printed: the output ended while this case was running"
                            : "no traceback was printed for this case");
                }
            } else {
                details.addAll(b.skipReasons(status));
            }
            cases.add(new UnittestCase(b.suite, lastPart(b.suite), b.name, status, String.join("\n\n", details),
                    b.output()));
        }
        return new ParsedCases(cases, sections - found.size() + unclaimed.size());
    }

    /** Sections name their case loosely; give each to the first failed case it fits. */
    private static Builder firstOwner(List<Builder> builders, Section s) {
        Builder byName = null;
        for (Builder b : builders) {
            boolean failed = b.status == UnittestCase.Status.FAIL || b.status == UnittestCase.Status.ERROR;
            if (failed && s.belongsTo(b)) {
                if (s.className != null) {
                    return b;
                }
                if (byName == null) {
                    byName = b;
                }
            }
        }
        return byName;
    }

    private static String stableName(String name) {
        return OBJECT_NAME.matcher(name).matches() ? "runTest" : name;
    }

    private static String lastPart(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private record Section(String method, String className, String subtest, String body) {

        static Section parse(String header, String body) {
            Matcher m = FAIL_WITH_CLASS.matcher(header);
            if (m.matches()) {
                return new Section(stableName(m.group(1)), lastPart(m.group(2)), "", body);
            }
            m = FAIL_WITH_SUITE.matcher(header);
            if (m.matches()) {
                return new Section(stableName(m.group(1)), lastPart(m.group(2)), m.group(3).strip(), body);
            }
            m = FAIL_WITH_FUNCTION.matcher(header);
            if (m.matches()) {
                return new Section(m.group(1), null, "", body);
            }
            return new Section(stableName(header.substring("FAIL: ".length())), null, "", body);
        }

        boolean belongsTo(Builder b) {
            return method.equals(b.name) && (className == null || className.equals(lastPart(b.suite)));
        }

        String describe() {
            return subtest.isEmpty() ? body : "subTest " + subtest + "\n" + body;
        }
    }

    private static final class Builder {
        final String suite;
        final String name;
        final List<String> lines = new ArrayList<>();
        /** Index into lines of the final status line, -1 when the case printed none. Set by finish(). */
        int marker = -1;
        UnittestCase.Status status;

        Builder(String suite, String name) {
            this.suite = suite;
            this.name = name;
        }

        /** Once all lines are in: the last status line decides; none means the run ended inside the case. */
        void finish() {
            for (int i = lines.size() - 1; i >= 0 && status == null; i--) {
                status = finalStatus(lines.get(i));
                if (status != null) {
                    marker = i;
                }
            }
            if (status == null) {
                status = UnittestCase.Status.ERROR;
            }
        }

        private static UnittestCase.Status finalStatus(String line) {
            if (line.endsWith(" ok")) {
                return UnittestCase.Status.PASS;
            }
            if (line.endsWith(" FAIL")) {
                return UnittestCase.Status.FAIL;
            }
            if (line.endsWith(" ERROR")) {
                return UnittestCase.Status.ERROR;
            }
            return line.contains(" skipped: ") ? UnittestCase.Status.SKIPPED : null;
        }

        /** The skip reason of a skipped case, or the reasons of its skipped subtests. */
        List<String> skipReasons(UnittestCase.Status status) {
            List<String> reasons = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int at = line.indexOf(" skipped: ");
                if (at < 0 || (i == marker && status != UnittestCase.Status.SKIPPED)) {
                    continue;
                }
                String reason = line.substring(at + " skipped: ".length());
                reasons.add(i == marker ? reason : "subTest skipped: " + reason);
            }
            return reasons;
        }

        String output() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int at = line.indexOf(" skipped: ");
                if (i == marker || at >= 0) {
                    line = at >= 0 ? line.substring(0, at) : line.substring(0, line.lastIndexOf(' '));
                    if (line.isEmpty()) {
                        continue;
                    }
                }
                out.add(line);
            }
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return String.join("\n", out);
        }
    }
}
