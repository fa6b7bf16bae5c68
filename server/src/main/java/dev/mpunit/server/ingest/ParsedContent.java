package dev.mpunit.server.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a parser reads from an upload: the run and its test runs; {@link Uploads} adds the files.
 *
 * @param derivedFiles files the parser made from what the upload holds inline (the console launcher's outputs
 *        in its XML), by path; an uploaded file of the same path wins
 */
record ParsedContent(RunInfo run, List<ParsedTestRun> testRuns, Map<String, byte[]> derivedFiles) {

    ParsedContent {
        testRuns = List.copyOf(testRuns);
        derivedFiles = Collections.unmodifiableMap(new LinkedHashMap<>(derivedFiles));
    }

    ParsedContent(RunInfo run, List<ParsedTestRun> testRuns) {
        this(run, testRuns, Map.of());
    }
}
