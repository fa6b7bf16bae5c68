package dev.mpunit.server.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a parser reads from an upload: the run and its test runs; {@link Uploads} adds the files.
 *
 * @param writtenFiles files as the parser rewrote them (JUnit XML without its {@code <properties>}) or made
 *        them from what the upload holds inline (the console launcher's outputs in its XML), by path: they
 *        replace the uploaded file of that path, if any
 */
record ParsedContent(RunInfo run, List<ParsedTestRun> testRuns, Map<String, byte[]> writtenFiles) {

    ParsedContent {
        testRuns = List.copyOf(testRuns);
        writtenFiles = Collections.unmodifiableMap(new LinkedHashMap<>(writtenFiles));
    }

    ParsedContent(RunInfo run, List<ParsedTestRun> testRuns) {
        this(run, testRuns, Map.of());
    }
}
