package dev.mpunit.server.ingest;

import java.util.List;

/** What a parser reads from an upload: the run and its test runs; {@link Uploads} adds the files. */
record ParsedContent(RunInfo run, List<ParsedTestRun> testRuns) {

    ParsedContent {
        testRuns = List.copyOf(testRuns);
    }
}
