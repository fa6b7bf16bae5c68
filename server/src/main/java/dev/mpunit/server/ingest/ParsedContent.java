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
 * @param records the testbed's own records (an mpunit folder's tentacles and USB health), else none
 */
record ParsedContent(RunInfo run, List<ParsedTestRun> testRuns, Map<String, byte[]> writtenFiles,
        TestbedRecords records) {

    ParsedContent {
        testRuns = List.copyOf(testRuns);
        writtenFiles = Collections.unmodifiableMap(new LinkedHashMap<>(writtenFiles));
    }

    ParsedContent(RunInfo run, List<ParsedTestRun> testRuns, Map<String, byte[]> writtenFiles) {
        this(run, testRuns, writtenFiles, TestbedRecords.NONE);
    }

    ParsedContent(RunInfo run, List<ParsedTestRun> testRuns) {
        this(run, testRuns, Map.of());
    }
}
