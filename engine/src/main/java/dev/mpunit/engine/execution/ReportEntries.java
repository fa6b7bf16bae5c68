package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestFileDescriptor;

import static dev.mpunit.contract.ReportEntryKeys.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;
import dev.mpunit.engine.verdict.Printable;
import dev.mpunit.engine.verdict.Verdict;

/**
 * Builds the report entry of a test file, which the outcome sink publishes: the keys of the
 * contract's {@link ReportEntryKeys} (docs/report-entries.md), what reporting, Allure and humans
 * may read about each test. An output larger than the inline limit goes to a file entry instead
 * and its key says where it went.
 */
final class ReportEntries {

    private ReportEntries() {
    }

    /** A judged file's entries, and the file entries its large or binary outputs went to (published first). */
    record Published(ReportEntry entry, List<FileEntry> files) {
    }

    /**
     * What the outcome sink publishes for a judged file; writes large or binary outputs to files.
     * {@code own}: the runner's own entries ({@link Outcome.Judged#entries()}), after the common
     * ones; a two-board test's reference tentacle and its port next to the tentacle's.
     *
     * @param attempt which run of a file run more than once this is, from 1 ({@code micropython.attempt}:
     *     its outputs are kept whatever its verdict, in file entries named by the run); 0 for a file's only run
     */
    static Published of(TestFileDescriptor file, Lease lease, Verdict verdict, Duration duration,
            List<String> incidents, Map<String, String> own, int attempt, int inlineLimit,
            OutputDirectoryCreator outputs) {
        Map<String, String> entries = where(file, lease, own);
        List<FileEntry> files = new ArrayList<>();
        entries.put(DURATION, Long.toString(duration.toMillis()));
        entries.put(VERDICT, verdict.kind().resultsWord());
        entries.put(REASON, Printable.message(verdict.message()));
        if (verdict.kind() != Verdict.Kind.SKIP) {
            entries.put(TESTCASES, Integer.toString(verdict.testcaseCount()));
        }
        // A verdict that came through a lost board or a second run must not look like a plain one.
        // One line each: a board's message may quote several lines of the emulator's output.
        entries.put(INCIDENTS, incidents.stream()
                .map(incident -> Printable.message(incident.strip()).replace("\n", "\\n"))
                .collect(Collectors.joining("\n")));
        if (attempt > 0) {
            entries.put(ATTEMPT, Integer.toString(attempt));
        }
        // A passing test's output is its expected output: repeating both would only bury the failures.
        // Not so for one run of several: a flaky file's passing run is half of what there is to see.
        boolean omit = verdict.kind() == Verdict.Kind.PASS && attempt == 0;
        if (verdict.actual() != null && !omit) {
            putOutput(file, entries, files, OUTPUT, attempt > 0 ? outputFile(attempt) : OUTPUT_FILE, verdict.actual(),
                    inlineLimit, outputs);
        }
        if (verdict.expected() != null && !omit) {
            putOutput(file, entries, files, EXPECTED, attempt > 0 ? expectedFile(attempt) : EXPECTED_FILE,
                    verdict.expected(), inlineLimit, outputs);
        }
        entries.putAll(own);
        // JUnit refuses blank values: an empty reason or output is left out rather than invented.
        entries.values().removeIf(String::isBlank);
        return new Published(ReportEntry.from(entries), List.copyOf(files));
    }

    /**
     * A dry run's found file: where it would have run, the verdict {@code found} and the runner's own
     * entries known before running (a benchmark's N and M); no duration, no output, since it did not run.
     */
    static ReportEntry found(TestFileDescriptor file, Lease lease, Map<String, String> own) {
        Map<String, String> entries = where(file, lease, own);
        entries.put(VERDICT, Verdicts.FOUND);
        entries.put(REASON, Outcome.Found.REASON);
        entries.putAll(own);
        entries.values().removeIf(String::isBlank);
        return ReportEntry.from(entries);
    }

    /** The group, variant and tentacle(s) of a file, the entries every verdict starts with. */
    private static Map<String, String> where(TestFileDescriptor file, Lease lease, Map<String, String> own) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(GROUP, file.group().label());
        entries.put(VARIANT, file.variant());
        entries.put(TENTACLE, lease.name());
        entries.put(PORT, lease.port());
        putIfPresent(entries, own, REFERENCE_TENTACLE);
        putIfPresent(entries, own, REFERENCE_PORT);
        return entries;
    }

    private static void putIfPresent(Map<String, String> entries, Map<String, String> own, String key) {
        String value = own.get(key);
        if (value != null) {
            entries.put(key, value);
        }
    }

    private static void putOutput(TestDescriptor test, Map<String, String> entries, List<FileEntry> files, String key,
            String fileName, byte[] content, int inlineLimit, OutputDirectoryCreator outputs) {
        boolean text = Printable.isText(content);
        if (content.length <= inlineLimit && text) {
            entries.put(key, new String(content, StandardCharsets.UTF_8));
            return;
        }
        // Consoles print entries: control bytes would act on the terminal, and bytes that are not
        // UTF-8 would not survive a String. The entry shows them escaped; the file keeps them.
        try {
            Path directory = outputs.createOutputDirectory(test);
            Path path = directory.resolve(fileName);
            Files.write(path, content);
            files.add(FileEntry.from(path, "text/plain"));
            entries.put(key, content.length <= inlineLimit
                    ? withLineEnd(Printable.lines(content)) + "(escaped: not plain text; the " + content.length
                            + " bytes are in file entry " + path + ")"
                    : "(" + content.length + " bytes, in file entry " + path + ")");
        } catch (IOException | RuntimeException e) {
            entries.put(key, Printable.lines(Arrays.copyOf(content, Math.min(content.length, inlineLimit)))
                    + "\n… (" + content.length + " bytes; could not write the file entry: " + e.getMessage() + ")");
        }
    }

    private static String withLineEnd(String text) {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
