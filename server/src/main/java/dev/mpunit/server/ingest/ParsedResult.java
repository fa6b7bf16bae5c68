package dev.mpunit.server.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One test's result in one test run, as read from an upload.
 *
 * @param name the test file ({@code basics/list1.py}) or case, as the format names it
 * @param verdict mapped to mpunit's words
 * @param message why it failed or was skipped; null when the format says nothing
 * @param tentacle the tentacle it ran on, null when unknown
 * @param durationMs null when the format has no per-test duration (Octoprobe's, run-tests.py's)
 * @param incidents transport incidents (retries, recoveries) mpunit recorded
 * @param benchmark the figures of a benchmark that passed, null otherwise
 * @param outputPath the uploaded file holding the test's output, relative to the upload's root; null if none
 * @param expectedPath the uploaded file holding its expected output; null if none
 */
public record ParsedResult(String name, Verdict verdict, String message, String tentacle, Long durationMs,
        List<String> incidents, Benchmark benchmark, String outputPath, String expectedPath) {

    public ParsedResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        incidents = List.copyOf(incidents);
    }
}
