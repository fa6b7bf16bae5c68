package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.mpunit.contract.PerfbenchLine;

/** What every format's results have in common once read: tokens blanked, figures and output files found. */
final class Results {

    /** As much of a message as a result row keeps; the whole output stays browsable as a file. */
    static final int MESSAGE_LIMIT = 8000;
    private static final Pattern OTHER_CHARACTERS = Pattern.compile("[^A-Za-z0-9._+@-]");
    private static final Pattern ONLY_DOTS = Pattern.compile("\\.+");

    private Results() {
    }

    /**
     * A result with its message and incidents cleared of tokens, its benchmark figures when it is a
     * benchmark that passed (run-perfbench.py's {@code t_avg t_sd s_avg s_sd} line is its text), and its
     * {@code .out}/{@code .exp} when the folder has them.
     *
     * @param folder the test run's folder in the upload, null when the format has none (JUnit XML)
     */
    static ParsedResult of(UploadFolder files, String folder, String name, Verdict verdict, String message,
            String tentacle, Long durationMs, List<String> incidents) {
        return of(files, folder, name, verdict, message, tentacle, durationMs, incidents, benchmark(verdict, message));
    }

    static ParsedResult of(UploadFolder files, String folder, String name, Verdict verdict, String message,
            String tentacle, Long durationMs, List<String> incidents, Benchmark benchmark) {
        String output = null;
        String expected = null;
        if (folder != null && files != null) {
            String base = (folder.isEmpty() ? "" : folder + "/") + testBaseName(name);
            output = files.has(base + ".out") ? base + ".out" : null;
            expected = files.has(base + ".exp") ? base + ".exp" : null;
        }
        return of(name, verdict, message, tentacle, durationMs, incidents, benchmark, output, expected);
    }

    /** A result whose output files are known. */
    static ParsedResult of(String name, Verdict verdict, String message, String tentacle, Long durationMs,
            List<String> incidents, Benchmark benchmark, String outputPath, String expectedPath) {
        List<String> cleanIncidents = new ArrayList<>(incidents.size());
        incidents.forEach(incident -> cleanIncidents.add(TokenRedactor.redact(incident)));
        return new ParsedResult(name, verdict, message(message), tentacle, durationMs, cleanIncidents, benchmark,
                outputPath, expectedPath);
    }

    /** The figures of a benchmark that passed, null for anything else. */
    static Benchmark benchmark(Verdict verdict, String text) {
        if (verdict != Verdict.PASS) {
            return null;
        }
        return PerfbenchLine.parse(text)
                .map(line -> new Benchmark(line.time(), line.timeSd(), line.score(), line.scoreSd()))
                .orElse(null);
    }

    /** Tokens blanked, blank as null, cut to {@link #MESSAGE_LIMIT}. */
    static String message(String text) {
        return FieldLengths.cut(RunTestsResults.blankToNull(TokenRedactor.redact(text)), MESSAGE_LIMIT);
    }

    /**
     * run-tests.py's name for a test's {@code .exp}/{@code .out}, as the results folder writes it:
     * {@code ..} and {@code /} become {@code _}, {@code ./} is dropped, and anything but letters, digits and
     * {@code . _ - + @} becomes {@code _}.
     */
    static String testBaseName(String testName) {
        return fileName(testName.replace("..", "_").replace("./", "").replace('/', '_'));
    }

    /** A name as the results folder writes it into a file name: anything but letters, digits and {@code . _ - + @} as {@code _}. */
    static String fileName(String name) {
        String cleaned = OTHER_CHARACTERS.matcher(name).replaceAll("_");
        // "." and ".." would name the folder itself or its parent.
        return cleaned.isEmpty() || ONLY_DOTS.matcher(cleaned).matches() ? cleaned.replace('.', '_') + "_" : cleaned;
    }
}
