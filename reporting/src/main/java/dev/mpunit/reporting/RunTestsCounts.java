package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * run-tests.py's closing counts ({@code 3 tests performed (12 individual testcases)}, {@code 2 tests
 * passed}, {@code 1 tests failed: basics/y.py}, ...), with mpunit's flaky and quarantined lines: one
 * reckoning for the console ({@link RunTestsConsoleListener}) and the results folder's
 * {@code testresults.txt} ({@link TestRun}), so the two never disagree. Each caller says what each file
 * came to; this counts, sorts the names and words the lines.
 */
final class RunTestsCounts {

    /** How a closing line stands out on a terminal; the results folder's text ignores it. */
    enum Tone { PLAIN, WARNING, FAILURE }

    record Line(String text, Tone tone) {
    }

    private final List<String> passed = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    private final List<String> xfailed = new ArrayList<>();
    private final List<String> flaky = new ArrayList<>();
    private final List<String> quarantined = new ArrayList<>();
    /** Files that ran with a word run-tests.py has no closing line for (a dry run's {@code found}). */
    private int ranOtherwise;
    private long testcases;
    private boolean testcasesCounted;

    void passed(String name) {
        passed.add(name);
    }

    void skipped(String name) {
        skipped.add(name);
    }

    void failed(String name) {
        failed.add(name);
    }

    void ignored(String name) {
        ignored.add(name);
    }

    void xfailed(String name) {
        xfailed.add(name);
    }

    /** @param failedInJunit no retry rescued it: it is among the failed too, as JUnit was told */
    void flaky(String name, boolean failedInJunit) {
        flaky.add(name);
        if (failedInJunit) {
            failed.add(name);
        }
    }

    /** It failed, but the quarantine keeps it from failing the run: on its own line, flaky or not. */
    void quarantined(String name) {
        quarantined.add(name);
    }

    void ranOtherwise() {
        ranOtherwise++;
    }

    /** What run-tests.py adds to its "individual testcases" for a file that ran; without any, no figure. */
    void testcases(long count) {
        testcases += count;
        testcasesCounted = true;
    }

    /** The closing lines, in run-tests.py's order, names sorted; a line whose list is empty is left out. */
    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        // As run-tests.py counts them: a file is performed when it ran (a skip did not). A flaky file JUnit
        // failed is among the failed already.
        long flakyPassed = flaky.stream().filter(name -> !failed.contains(name)).count();
        long performed = passed.size() + failed.size() + ignored.size() + xfailed.size() + flakyPassed
                + quarantined.size() + ranOtherwise;
        lines.add(plain(performed + " tests performed"
                + (testcasesCounted ? " (" + testcases + " individual testcases)" : "")));
        lines.add(plain(passed.size() + " tests passed"));
        listed(lines, skipped, " tests skipped: ", Tone.PLAIN);
        listed(lines, ignored, " tests failed and were ignored: ", Tone.PLAIN);
        listed(lines, xfailed, " tests failed as expected: ", Tone.PLAIN);
        listed(lines, flaky, " tests flaky (their attempts disagreed): ", Tone.WARNING);
        listed(lines, quarantined, " tests failed and were quarantined: ", Tone.WARNING);
        listed(lines, failed, " tests failed: ", Tone.FAILURE);
        return lines;
    }

    private static void listed(List<Line> lines, List<String> names, String words, Tone tone) {
        if (!names.isEmpty()) {
            lines.add(new Line(names.size() + words + names.stream().sorted().collect(Collectors.joining(" ")), tone));
        }
    }

    private static Line plain(String text) {
        return new Line(text, Tone.PLAIN);
    }
}
