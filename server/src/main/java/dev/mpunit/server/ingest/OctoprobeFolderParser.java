package dev.mpunit.server.ingest;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * An Octoprobe results folder: {@code context.json} naming the testbed as {@code testbed_name}, and per
 * test run {@code <testid>/context_testgroup.json} with its {@code outcomes} (or {@code _results.json} when
 * it lists none); older folders have mpunit's {@code context_test.json} instead.
 */
final class OctoprobeFolderParser {

    static final String CONTEXT_TESTGROUP = "context_testgroup.json";
    /** Octoprobe's default {@code error}, there until the run ends: such a run never finished. */
    static final String NEVER_FINISHED = "Test never finished";

    private OctoprobeFolderParser() {
    }

    static ParsedContent parse(UploadFolder files, Upload upload) throws UploadRejected {
        JsonFile context = JsonFile.parse(RunContext.CONTEXT, files.file(RunContext.CONTEXT).orElseThrow(
                () -> new UploadRejected(400, "format=octoprobe: no context.json at the archive's root")));
        JsonNode root = context.object();
        String error = context.text(root, "error");
        boolean neverFinished = error != null && error.startsWith(NEVER_FINISHED);
        RunInfo run = RunContext.fromContext(context, upload, root.has("testbed_name") ? "testbed_name" : "testbed",
                neverFinished);
        JsonNode gitRef = root.get("git_ref");
        if (run.refTests() == null && gitRef != null && gitRef.isObject()) {
            // Octoprobe's tag T names the tests' ref when ref_tests is not written.
            String tests = context.text(gitRef, "T");
            run = new RunInfo(run.testbed(), run.testbedInstance(), run.trigger(), run.refFirmware(), tests,
                    run.commandline(), run.error(), run.unfinished(), run.timeStart(), run.timeEnd(), run.campaign());
        }
        TreeSet<String> folders = new TreeSet<>(files.foldersWith(CONTEXT_TESTGROUP));
        TreeSet<String> older = new TreeSet<>(files.foldersWith(MpunitFolderParser.CONTEXT_TEST));
        older.removeAll(folders);
        folders.addAll(older);
        List<ParsedTestRun> testRuns = new ArrayList<>();
        for (String folder : folders) {
            testRuns.add(older.contains(folder) ? MpunitFolderParser.testRun(files, folder, upload, run.unfinished())
                    : testRun(files, folder, upload, run.unfinished()));
        }
        return new ParsedContent(run, testRuns);
    }

    private static ParsedTestRun testRun(UploadFolder files, String folder, Upload upload, boolean runUnfinished)
            throws UploadRejected {
        String path = folder + "/" + CONTEXT_TESTGROUP;
        JsonFile context = JsonFile.parse(path, files.file(path).orElseThrow());
        JsonNode root = context.object();
        String[] groupAndTentacle = testId(folder);
        String group = MpunitFolderParser.orElse(context.text(root, "testgroup"), groupAndTentacle[0]);
        String tentacle = MpunitFolderParser.orElse(context.text(root, "tentacle_variant"), groupAndTentacle[1]);
        String variant = boardVariant(tentacle);
        OffsetDateTime start = Times.parse(context.text(root, "time_start"), upload.zone(), path + ": time_start");
        OffsetDateTime end = Times.parse(context.text(root, "time_end"), upload.zone(), path + ": time_end");
        // msg_error is written "Test never finished..." first and "" once the group ends.
        String error = RunTestsResults.blankToNull(context.text(root, "msg_error"));
        boolean neverFinished = error != null && error.startsWith(NEVER_FINISHED);
        String skipped = RunTestsResults.blankToNull(context.text(root, "msg_skipped"));
        if (error == null && skipped != null) {
            error = "skipped: " + skipped;
        }
        List<ParsedResult> results = new ArrayList<>();
        for (JsonNode outcome : context.objects(root, "outcomes")) {
            String name = context.requiredText(outcome, "name");
            Verdict verdict = verdict(context, name, context.requiredText(outcome, "outcome"));
            results.add(Results.of(files, folder, name, verdict, context.text(outcome, "text"), tentacle, null,
                    List.of()));
        }
        String resultsPath = folder + "/" + MpunitFolderParser.RESULTS;
        if (results.isEmpty() && files.has(resultsPath)) {
            JsonFile resultsFile = JsonFile.parse(resultsPath, files.file(resultsPath).get());
            for (RunTestsResults.Entry entry : RunTestsResults.read(resultsFile).results()) {
                results.add(Results.of(files, folder, entry.name(), entry.verdict(), entry.reason(), tentacle, null,
                        List.of()));
            }
        }
        return new ParsedTestRun(group, variant, folder, List.of(tentacle), start, end,
                RunTestsResults.blankToNull(TokenRedactor.redact(error)),
                neverFinished || (runUnfinished && end == null), results);
    }

    /** The run's letter in a test id ({@code ,a}; {@code ;a} before July 2025). */
    private static final Pattern RUN_LETTER = Pattern.compile("[,;][a-z]+$");
    /** The role of a two-board group's tentacle ({@code -instance0}; {@code -first} before August 2025). */
    private static final Pattern ROLE = Pattern.compile("-(instance\\d+|first|second)$");

    /**
     * Test group and {@code tentacle_variant} from Octoprobe's test id, the test run folder's name, for a
     * {@code context_testgroup.json} that does not name them: {@code LABEL@serial-BOARD-VARIANT[-role],a} now,
     * {@code LABEL,a@serial-BOARD-VARIANT[-role]} before August 2026, {@code LABEL@serial-BOARD-VARIANT[-role]}
     * before Octoprobe ran a group more than once.
     */
    static String[] testId(String folder) {
        String[] labelAndTentacle = MpunitFolderParser.groupAndVariant(folder);
        String label = RUN_LETTER.matcher(labelAndTentacle[0]).replaceFirst("");
        String tentacle = ROLE.matcher(RUN_LETTER.matcher(labelAndTentacle[1]).replaceFirst("")).replaceFirst("");
        return new String[] {label, tentacle};
    }

    /** {@code 5f2c-RPI_PICO2-RISCV} (tentacle serial prefix, board variant) → {@code RPI_PICO2-RISCV}. */
    static String boardVariant(String tentacleVariant) {
        int dash = tentacleVariant.indexOf('-');
        return dash < 0 || dash == tentacleVariant.length() - 1 ? tentacleVariant : tentacleVariant.substring(dash + 1);
    }

    private static Verdict verdict(JsonFile file, String name, String outcome) throws UploadRejected {
        return switch (outcome.strip().toLowerCase(Locale.ROOT)) {
            case "passed" -> Verdict.PASS;
            case "failed" -> Verdict.FAIL;
            case "xfailed" -> Verdict.XFAIL;
            case "skipped" -> Verdict.SKIP;
            default -> RunTestsResults.verdict(file, name, outcome);
        };
    }
}
