package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * run-tests.py's {@code _results.json}, bare or as a tar.gz of result folders: each file is one test
 * run; the run itself (testbed, trigger, refs, start) comes from the upload's parameters.
 */
final class RunTestsParser {

    /** A test run with no group of its own: what run-tests.py runs. */
    static final String DEFAULT_GROUP = "RUN-TESTS";

    private RunTestsParser() {
    }

    /** @param paths the {@code _results.json} files in the upload */
    static ParsedContent parse(UploadFolder files, List<String> paths, Upload upload) throws UploadRejected {
        List<ParsedTestRun> testRuns = new ArrayList<>();
        for (String path : paths) {
            RunTestsResults results = RunTestsResults.read(JsonFile.parse(path, files.file(path).orElseThrow()));
            String group = MpunitFolderParser.orElse(results.group(), upload.parameter("group").orElse(DEFAULT_GROUP));
            // A test instance is often a serial port (/dev/ttyACM0): a ?variant= naming the board says more.
            String variant = results.target() != null ? results.target()
                    : upload.parameter("variant").orElse(results.testInstance());
            if (variant == null) {
                throw new UploadRejected(400, path + " names no target (args.target, args.test_instance):"
                        + " give ?variant=<the port or board it ran on>");
            }
            int slash = path.lastIndexOf('/');
            String folder = slash < 0 ? "" : path.substring(0, slash);
            List<ParsedResult> parsed = new ArrayList<>();
            for (RunTestsResults.Entry entry : results.results()) {
                parsed.add(Results.of(files, folder, entry.name(), entry.verdict(), entry.reason(), null, null, List.of()));
            }
            testRuns.add(new ParsedTestRun(group, variant, folder.isEmpty() ? MpunitFolderParser.folderName(group, variant) : folder, List.of(),
                    null, null, null, false, parsed));
        }
        return new ParsedContent(RunContext.fromParameters(upload, "run-tests.py's _results.json", null, null), testRuns);
    }
}
