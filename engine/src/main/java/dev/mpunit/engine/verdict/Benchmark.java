package dev.mpunit.engine.verdict;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.contract.PerfbenchLine;

/**
 * run-perfbench.py's rules for one benchmark, without a target: the script it builds, the
 * {@code bm_params} key that says whether the benchmark fits the target's heap, how one run's output
 * is read, and the line it prints for a benchmark that passed ({@code t_avg t_sd% s_avg s_sd%}),
 * computed and formatted as Python does it, so the figures are the same to the last digit.
 */
public final class Benchmark {

    /** What run-perfbench.py puts before the benchmark: the script must not import from the current directory. */
    static final byte[] PREFIX = "import sys\nsys.path.remove('')\n\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * The first key of the {@code bm_params} table as run-perfbench.py finds it: the literal
     * {@code bm_params = {}, whitespace (a line break at least), then {@code (n, m):} with one space.
     */
    private static final Pattern FIRST_KEY = Pattern.compile("bm_params = \\{\\s+\\((\\d+), (\\d+)\\):");

    private Benchmark() {
    }

    /** The script one run executes: the prefix, the benchmark, benchrun.py and {@code bm_run(N, M)}, as they are. */
    public static byte[] script(byte[] benchmark, byte[] benchrun, int n, int m) {
        return Bytes.concat(Bytes.concat(PREFIX, benchmark), Bytes.concat(benchrun,
                ("bm_run(" + Integer.toUnsignedString(n) + ", " + Integer.toUnsignedString(m) + ")\n")
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The M of the first {@code bm_params} key in source order (not the smallest): a target whose M is
     * below it skips the benchmark as "too large". Empty when the script has no table run-perfbench.py
     * can read (it stops the whole run then).
     */
    public static OptionalInt firstKeyM(byte[] script) {
        Matcher matcher = FIRST_KEY.matcher(new String(script, StandardCharsets.ISO_8859_1));
        if (!matcher.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException e) {
            // Beyond any M: no target has that much heap.
            return OptionalInt.of(Integer.MAX_VALUE);
        }
    }

    /** The message run-perfbench.py stops with for a benchmark without a readable table. */
    public static String noParamsMessage(String path) {
        return "Test file '" + path + "' doesn't contain valid 'bm_params'";
    }

    /**
     * What one run printed, as run-perfbench.py reads it.
     *
     * @param time microseconds, -1 when the run gave no figures
     * @param norm the benchmark's own measure of work done, -1 when the run gave no figures
     * @param result the benchmark's result text (compared between runs and with the truth), or, when
     *     {@code time} is -1, why there are no figures: {@code SKIP}, {@code SKIP: no matching params}
     *     or {@code CRASH: '<output>'}
     */
    public record Reading(long time, long norm, String result) {

        public boolean failed() {
            return time < 0 || norm < 0;
        }
    }

    /**
     * Reads the output of one run: exactly {@code SKIP}, or {@code <time> <norm> <result>}. Anything
     * else is a crash, quoted as Python's {@code repr} shows it. (run-perfbench.py itself dies on an
     * output of fewer than three words; here that is a crash of the benchmark alone.)
     */
    public static Reading read(byte[] output) {
        String text = pythonStrip(output);
        if (text.equals("SKIP")) {
            return new Reading(-1, -1, "SKIP");
        }
        List<String> words = splitTwice(text);
        if (words.size() == 3) {
            Long time = pythonInt(words.get(0));
            Long norm = pythonInt(words.get(1));
            if (time != null && norm != null) {
                return new Reading(time, norm, words.get(2));
            }
        }
        return new Reading(-1, -1, crash(text));
    }

    /** {@code CRASH: <repr of the output>}, as run-perfbench.py reports a run it cannot read. */
    public static String crash(String text) {
        return "CRASH: " + pythonRepr(text);
    }

    /** The output stripped of ASCII whitespace at both ends, one character per byte. */
    static String pythonStrip(byte[] output) {
        int start = 0;
        int end = output.length;
        while (start < end && asciiSpace(output[start])) {
            start++;
        }
        while (end > start && asciiSpace(output[end - 1])) {
            end--;
        }
        StringBuilder text = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            int b = output[i] & 0xff;
            // run-perfbench.py would die decoding a byte above 0x7f as ASCII; here it shows in the crash text.
            text.append((char) b);
        }
        return text.toString();
    }

    private static boolean asciiSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** Python's {@code str.isspace} for the characters an ASCII text holds. */
    private static boolean strSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }

    /** {@code text.split(None, 2)}: at most three words, the third keeps its inner whitespace. */
    static List<String> splitTwice(String text) {
        java.util.ArrayList<String> words = new java.util.ArrayList<>(3);
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && strSpace(text.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            if (words.size() == 2) {
                int end = length;
                while (end > i && strSpace(text.charAt(end - 1))) {
                    end--;
                }
                words.add(text.substring(i, end));
                break;
            }
            int start = i;
            while (i < length && !strSpace(text.charAt(i))) {
                i++;
            }
            words.add(text.substring(start, i));
        }
        return words;
    }

    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?\\d+(?:_\\d+)*");

    /** Python's {@code int(word)} for a word without whitespace; null where it raises ValueError. */
    static Long pythonInt(String word) {
        if (!PYTHON_INT.matcher(word).matches()) {
            return null;
        }
        try {
            return Long.parseLong(word.replace("_", "").replace("+", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's {@code repr} of a str of ASCII characters. */
    static String pythonRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /**
     * Mean and spread of a list of figures as run-perfbench.py's {@code compute_stats} has them: the
     * population standard deviation, from the sum of squares in one pass.
     */
    public record Stats(double mean, double sd) {

        /** Of times in microseconds: Python sums them as integers, exactly. */
        public static Stats ofTimes(List<Long> times) {
            BigInteger sum = BigInteger.ZERO;
            BigInteger squares = BigInteger.ZERO;
            for (long time : times) {
                BigInteger value = BigInteger.valueOf(time);
                sum = sum.add(value);
                squares = squares.add(value.multiply(value));
            }
            BigInteger count = BigInteger.valueOf(times.size());
            double mean = trueDivision(sum, count);
            double variance = Math.max(0, trueDivision(squares, count) - mean * mean);
            return new Stats(mean, Math.sqrt(variance));
        }

        /** Of scores: floats, summed in order. */
        public static Stats ofScores(List<Double> scores) {
            double sum = 0;
            double squares = 0;
            for (double score : scores) {
                sum += score;
                squares += score * score;
            }
            double mean = sum / scores.size();
            double variance = Math.max(0, squares / scores.size() - mean * mean);
            return new Stats(mean, Math.sqrt(variance));
        }

        /** The spread in percent of the mean, as the line shows it. */
        public double sdPercent() {
            return 100 * sd / mean;
        }

        /** Python's int / int: the exact quotient rounded once to the nearest double. */
        private static double trueDivision(BigInteger dividend, BigInteger divisor) {
            return new BigDecimal(dividend).divide(new BigDecimal(divisor), new MathContext(40, RoundingMode.HALF_EVEN))
                    .doubleValue();
        }
    }

    /** A run's score: {@code 1e6 * norm / time}, in floats as Python computes it. */
    public static double score(long norm, long time) {
        return 1e6 * norm / time;
    }

    /**
     * The four figures of a benchmark that passed, each formatted as run-perfbench.py prints it.
     *
     * @param time mean time in microseconds, two decimals
     * @param timeSd the times' standard deviation in percent of their mean, four decimals
     * @param score mean score, two decimals
     * @param scoreSd the scores' standard deviation in percent of their mean, four decimals
     */
    public record Figures(String time, String timeSd, String score, String scoreSd) {

        /** run-perfbench.py's line after the benchmark's name: the four, space-separated. */
        public String line() {
            return time + " " + timeSd + " " + score + " " + scoreSd;
        }
    }

    /** {@code "{:.2f} {:.4f} {:.2f} {:.4f}"} of the times' and the scores' mean and spread in percent. */
    public static Figures figures(Stats times, Stats scores) {
        return new Figures(fixed(times.mean(), 2), fixed(times.sdPercent(), 4), fixed(scores.mean(), 2),
                fixed(scores.sdPercent(), 4));
    }

    /** Python's {@code format(x, ".<digits>f")}, as the contract's line is written. */
    public static String fixed(double value, int digits) {
        return PerfbenchLine.fixed(value, digits);
    }
}
