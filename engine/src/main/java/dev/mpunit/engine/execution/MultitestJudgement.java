package dev.mpunit.engine.execution;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.engine.verdict.Verdict;

/**
 * run-multitests.py's verdict: {@code skip} when an instance said SKIP while being started, else
 * {@code pass} when the assembled output is exactly the expected text ({@code <file>.exp} as it
 * is, or the same test run on CPython instances), else {@code FAIL}. Whether an instance timed out
 * or reported an error is not part of it: a TIMEOUT the expectation has too passes.
 */
final class MultitestJudgement {

    private static final Pattern SECTION = Pattern.compile("^--- instance(\\d+) ---$", Pattern.MULTILINE);

    private MultitestJudgement() {
    }

    /**
     * @param expected the expected output; ignored for a skip
     * @param expectedFrom where it came from, for the message: {@code basics.py.exp}, {@code CPython}
     * @param names how each instance is named in the message ({@code micropython on unix#1})
     */
    static Verdict judge(MultitestSession.Result test, String expected, String expectedFrom, List<String> names) {
        String actual = test.output();
        byte[] actualBytes = actual.getBytes(StandardCharsets.UTF_8);
        if (test.skip()) {
            return new Verdict(Verdict.Kind.SKIP, "", "skipped: an instance called multitest.skip() while starting",
                    null, actualBytes, null, 0, 0);
        }
        byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
        if (actual.equals(expected)) {
            return new Verdict(Verdict.Kind.PASS, "", "", expectedBytes, actualBytes, null, 0, 0);
        }
        return new Verdict(Verdict.Kind.FAIL, "", difference(actual, expected, expectedFrom, names, test.notes()),
                expectedBytes, actualBytes, null, firstDifferingLine(actual, expected), 0);
    }

    /** Each instance whose output differs, its lines against the expected ones. */
    static String difference(String actual, String expected, String expectedFrom, List<String> names,
            List<String> notes) {
        List<String> got = sections(actual);
        List<String> want = sections(expected);
        StringBuilder message = new StringBuilder("output differs from " + expectedFrom);
        int instances = Math.max(got.size(), want.size());
        for (int i = 0; i < instances; i++) {
            String gotText = i < got.size() ? got.get(i) : null;
            String wantText = i < want.size() ? want.get(i) : null;
            if (gotText != null && gotText.equals(wantText)) {
                continue;
            }
            String name = i < names.size() ? " (" + names.get(i) + ")" : "";
            message.append("\ninstance").append(i).append(name).append(" printed:")
                    .append(gotText == null ? "\n    (no such instance)" : indented(gotText))
                    .append("\ninstance").append(i).append(" expected:")
                    .append(wantText == null ? "\n    (no such instance)" : indented(wantText));
        }
        if (message.indexOf("\ninstance") < 0) {
            // Same sections, different framing (text before the first section).
            message.append("\nprinted:").append(indented(actual)).append("\nexpected:").append(indented(expected));
        }
        for (String note : notes) {
            message.append('\n').append(note);
        }
        return message.toString();
    }

    /** The text under each {@code --- instance<i> ---} line; what precedes the first is ignored. */
    static List<String> sections(String output) {
        List<String> sections = new ArrayList<>();
        Matcher matcher = SECTION.matcher(output);
        int from = -1;
        while (matcher.find()) {
            if (from >= 0) {
                sections.add(output.substring(from, matcher.start()));
            }
            from = Math.min(output.length(), matcher.end() + 1);
        }
        if (from >= 0) {
            sections.add(output.substring(from));
        }
        return sections;
    }

    private static String indented(String text) {
        boolean lineEnd = text.endsWith("\n");
        String body = lineEnd ? text.substring(0, text.length() - 1) : text;
        return "\n    " + body.replace("\n", "\n    ") + (lineEnd ? "" : "\n    (no newline at the end)");
    }

    private static int firstDifferingLine(String actual, String expected) {
        String[] a = actual.split("\n", -1);
        String[] b = expected.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return i + 1;
            }
        }
        return Math.min(a.length, b.length) + 1;
    }
}
