package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What the store's columns hold (db/migration/V1__results_store.sql), checked before anything is
 * stored: a name too long to store is refused with a message that names it (a database error would say
 * nothing a testbed's maintainer can act on); free text too long (a command line, an error, incidents)
 * is cut, as messages are.
 */
public final class FieldLengths {

    static final int NAME = 200;
    static final int FOLDER = 500;
    static final int TEST_NAME = 1000;
    static final int PATH = 1000;
    static final int REF = 2000;
    static final int TENTACLES = 2000;
    static final int LONG_TEXT = 20_000;
    static final int INCIDENTS = Results.MESSAGE_LIMIT;
    /** The JSON of a run's tentacles' records, and of its USB health (V3__testbed_records.sql). */
    public static final int RECORDS = 1_000_000;
    /** How the store joins a test run's tentacles and a result's incidents: the longest separator counted. */
    private static final int SEPARATOR = 2;

    private FieldLengths() {
    }

    /**
     * The run with its free text cut to fit; refused (400, naming it) when a name is too long to store.
     * The ingest checks every upload; the store checks again for runs built without it (tests, the benchmark).
     */
    public static ParsedRun checked(ParsedRun parsed) throws UploadRejected {
        RunInfo run = parsed.run();
        name("the testbed", run.testbed(), NAME);
        name("testbed_instance", run.testbedInstance(), NAME);
        name("trigger", run.trigger(), REF);
        name("ref_firmware", run.refFirmware(), REF);
        name("ref_tests", run.refTests(), REF);
        RunInfo cut = new RunInfo(run.testbed(), run.testbedInstance(), run.trigger(), run.refFirmware(), run.refTests(),
                cut(run.commandline(), LONG_TEXT), cut(run.error(), LONG_TEXT), run.unfinished(), run.timeStart(),
                run.timeEnd(), run.campaign());
        List<ParsedTestRun> testRuns = new ArrayList<>(parsed.testRuns().size());
        for (ParsedTestRun testRun : parsed.testRuns()) {
            name("the group of " + testRun.folder(), testRun.group(), NAME);
            name("the variant of " + testRun.folder(), testRun.variant(), NAME);
            name("the folder", testRun.folder(), FOLDER);
            List<ParsedResult> results = new ArrayList<>(testRun.results().size());
            for (ParsedResult result : testRun.results()) {
                name("a test name in " + testRun.folder(), result.name(), TEST_NAME);
                name("the tentacle of " + result.name(), result.tentacle(), NAME);
                results.add(new ParsedResult(result.name(), result.verdict(), result.message(), result.tentacle(),
                        result.durationMs(), fitting(result.incidents(), INCIDENTS), result.benchmark(),
                        result.outputPath(), result.expectedPath()));
            }
            for (String tentacle : testRun.tentacles()) {
                name("a tentacle of " + testRun.folder(), tentacle, NAME);
            }
            testRuns.add(new ParsedTestRun(testRun.group(), testRun.variant(), testRun.folder(),
                    fitting(testRun.tentacles(), TENTACLES), testRun.timeStart(), testRun.timeEnd(),
                    cut(testRun.error(), LONG_TEXT), testRun.unfinished(), results));
        }
        for (UploadedFile file : parsed.files()) {
            name("a file's path", file.path(), PATH);
        }
        for (TestbedRecords.TentacleLife life : parsed.records().tentacles()) {
            name("a tentacle of tentacles.json", life.tentacle(), NAME);
        }
        return new ParsedRun(parsed.format(), cut, testRuns, parsed.files(), parsed.contentSha256(),
                parsed.records().fitting(RECORDS, LONG_TEXT));
    }

    private static void name(String what, String value, int limit) throws UploadRejected {
        if (value != null && value.length() > limit) {
            throw new UploadRejected(400, what + " has " + value.length() + " characters, at most " + limit
                    + " are stored: " + value.substring(0, 60) + "…");
        }
    }

    static String cut(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    /** The first elements that fit when joined, and a last one saying how many more there were. */
    private static List<String> fitting(List<String> elements, int limit) {
        int length = 0;
        for (int i = 0; i < elements.size(); i++) {
            length += elements.get(i).length() + (i > 0 ? SEPARATOR : 0);
            if (length > limit && i == 0) {
                return List.of(cut(elements.get(0), limit));
            }
            if (length > limit) {
                List<String> kept = new ArrayList<>(elements.subList(0, i));
                String more = "… and " + (elements.size() - i) + " more";
                while (!kept.isEmpty() && kept.stream().mapToInt(e -> e.length() + SEPARATOR).sum() + more.length()
                        > limit) {
                    kept.remove(kept.size() - 1);
                }
                kept.add(more);
                return kept;
            }
        }
        return elements;
    }
}
