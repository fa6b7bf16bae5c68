package dev.mpunit.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The value of {@link ReportEntryKeys#PERFBENCH}: run-perfbench.py's line for a benchmark that
 * passed, {@code <t_avg> <t_sd%> <s_avg> <s_sd%>} ({@code 71705.62 0.0048 278.92 0.0048}), which the
 * engine writes and the results folder's baseline comparison reads back, both with Python's
 * number formatting.
 *
 * @param time mean time in microseconds
 * @param timeSd the times' standard deviation in percent of their mean
 * @param score mean score
 * @param scoreSd the scores' standard deviation in percent of their mean
 */
public record PerfbenchLine(double time, double timeSd, double score, double scoreSd) {

    /** The four numbers of a line, as run-perfbench.py's diff reads them; empty when there are not four. */
    public static Optional<PerfbenchLine> parse(String line) {
        String[] words = line == null ? new String[0] : line.strip().split("\\s+");
        if (words.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PerfbenchLine(Double.parseDouble(words[0]), Double.parseDouble(words[1]),
                    Double.parseDouble(words[2]), Double.parseDouble(words[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Python's {@code format(x, ".<digits>f")}: the exact binary value rounded half to even (Java's
     * {@code %f} rounds the decimal expansion half up and differs on values such as 2.675).
     */
    public static String fixed(double value, int digits) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        // -0.0 and negative values that round to zero keep their sign in Python.
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && !text.startsWith("-") ? "-" + text : text;
    }
}
