package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.mpunit.contract.PerfbenchLine;

/**
 * Two runs' benchmark figures side by side, as {@code run-perfbench.py -m} (times) and {@code -s}
 * (scores) compare two saved outputs: per benchmark present with figures in both, the change and
 * the combined spread of the two, in percent of the first. Which changes are beyond noise is
 * ours to say (upstream prints the numbers and leaves it to the reader): a change larger than twice
 * the combined spread. Upstream's {@code +/-} is one standard deviation, which one change in three
 * of an unchanged build exceeds by chance (two runs of the same unix binary: 6 of 24 benchmarks);
 * two standard deviations, about one in twenty.
 */
record PerfbenchDiff(List<Entry> entries) {

    /** How many combined standard deviations a change must exceed to be beyond noise. */
    static final int NOISE_SIGMAS = 2;

    /** One benchmark: its name as upstream prints it (after the last {@code /}), its times and its scores. */
    record Entry(String test, String name, Change time, Change score) {
    }

    /**
     * One figure before and after.
     *
     * @param before the baseline's mean
     * @param after this run's mean
     * @param diff {@code after - before}
     * @param percent the change in percent of {@code before}
     * @param percentSd the combined standard deviation ({@code √(sd1² + sd2²)}) in percent of {@code before}
     */
    record Change(double before, double after, double diff, double percent, double percentSd) {

        static Change of(double before, double sdPercentBefore, double after, double sdPercentAfter) {
            double sd1 = sdPercentBefore * before / 100;
            double sd2 = sdPercentAfter * after / 100;
            double diff = after - before;
            double sd = Math.sqrt(sd1 * sd1 + sd2 * sd2);
            return new Change(before, after, diff, 100 * diff / before, 100 * sd / before);
        }

        /** Ours: the change is larger than twice the combined spread. */
        boolean beyondNoise() {
            return Math.abs(percent) > NOISE_SIGMAS * percentSd;
        }
    }

    /**
     * @param before test name → the baseline's line ({@code micropython.perfbench}), passed benchmarks only
     * @param after test name → this run's
     */
    static PerfbenchDiff of(Map<String, String> before, Map<String, String> after) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> then : new TreeMap<>(before).entrySet()) {
            Optional<PerfbenchLine> was = PerfbenchLine.parse(then.getValue());
            Optional<PerfbenchLine> is = PerfbenchLine.parse(after.get(then.getKey()));
            if (was.isEmpty() || is.isEmpty()) {
                continue;
            }
            PerfbenchLine a = was.get();
            PerfbenchLine b = is.get();
            String name = then.getKey().substring(then.getKey().lastIndexOf('/') + 1);
            entries.add(new Entry(then.getKey(), name, Change.of(a.time(), a.timeSd(), b.time(), b.timeSd()),
                    Change.of(a.score(), a.scoreSd(), b.score(), b.scoreSd())));
        }
        return new PerfbenchDiff(entries);
    }

    /**
     * run-perfbench.py's diff output, character for character: {@code -m} for times, {@code -s} for
     * scores.
     *
     * @param header where upstream puts {@code N=.. M=..}
     * @param first where upstream puts the first file's name
     * @param second the second file's name
     */
    String upstream(boolean scores, String header, String first, String second) {
        StringBuilder out = new StringBuilder(scores ? "diff of scores (higher is better)\n"
                : "diff of microsecond times (lower is better)\n");
        out.append(left(header, 26)).append(' ').append(right(first, 10)).append(" -> ").append(right(second, 10))
                .append("   ").append(right("diff", 10)).append("   ").append(right("diff", 7)).append("% (error%)\n");
        for (Entry entry : entries) {
            Change change = scores ? entry.score() : entry.time();
            out.append(left(entry.name(), 26)).append(' ').append(right(PerfbenchLine.fixed(change.before(), 2), 10))
                    .append(" -> ").append(right(PerfbenchLine.fixed(change.after(), 2), 10)).append(" : ")
                    .append(right(signed(change.diff(), 2), 10)).append(" = ").append(right(signed(change.percent(), 3), 7))
                    .append("% (+/-").append(PerfbenchLine.fixed(change.percentSd(), 2)).append("%)\n");
        }
        return out.toString();
    }

    /** Ours: what changed beyond noise, in words: {@code slower}/{@code faster} by time, {@code worse}/{@code better} by score. */
    static String timeWord(Change change) {
        return !change.beyondNoise() ? "noise" : change.diff() > 0 ? "slower" : "faster";
    }

    static String scoreWord(Change change) {
        return !change.beyondNoise() ? "noise" : change.diff() > 0 ? "better" : "worse";
    }

    /** Python's {@code {:+.Nf}}. */
    private static String signed(double value, int digits) {
        String text = PerfbenchLine.fixed(value, digits);
        return text.startsWith("-") ? text : "+" + text;
    }

    /** Python's {@code {:N}} of a string: padded on the right, never cut. */
    private static String left(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Python's {@code {:>N}}: padded on the left, never cut. */
    private static String right(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
