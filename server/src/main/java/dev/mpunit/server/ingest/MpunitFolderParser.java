package dev.mpunit.server.ingest;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * An mpunit results folder (docs/results-folder.md): {@code context.json}, and per test run
 * {@code <group>@<variant>/context_test.json}, checked against its {@code _results.json}, or that file
 * alone when the other is missing; failures' {@code .out}/{@code .exp} are linked to their results.
 */
final class MpunitFolderParser {

    static final String CONTEXT_TEST = "context_test.json";
    static final String RESULTS = "_results.json";

    private MpunitFolderParser() {
    }

    static ParsedContent parse(UploadFolder files, Upload upload) throws UploadRejected {
        JsonFile context = JsonFile.parse(RunContext.CONTEXT, files.file(RunContext.CONTEXT).orElseThrow(
                () -> new UploadRejected(400, "format=mpunit: no context.json at the archive's root")));
        // context.json in Octoprobe's shape (micropython.results.context=octoprobe) names testbed_name and says
        // an unfinished run by its error, as Octoprobe's does.
        JsonNode root = context.object();
        boolean octoprobeShape = root.has("testbed_name") && !root.has("testbed");
        String error = context.text(root, "error");
        RunInfo run = RunContext.fromContext(context, upload, octoprobeShape ? "testbed_name" : "testbed",
                octoprobeShape && error != null && error.startsWith(OctoprobeFolderParser.NEVER_FINISHED));
        TreeSet<String> folders = new TreeSet<>(files.foldersWith(CONTEXT_TEST));
        folders.addAll(files.foldersWith(RESULTS));
        List<ParsedTestRun> testRuns = new ArrayList<>();
        for (String folder : folders) {
            testRuns.add(testRun(files, folder, upload, run.unfinished()));
        }
        return new ParsedContent(run, testRuns, Map.of(), TestbedRecords.read(files, context));
    }

    /**
     * One test run folder in mpunit's shape: {@code context_test.json} (Octoprobe's older folders have
     * it too) and its {@code _results.json}, or that alone.
     */
    static ParsedTestRun testRun(UploadFolder files, String folder, Upload upload, boolean runUnfinished)
            throws UploadRejected {
        String contextPath = folder + "/" + CONTEXT_TEST;
        String resultsPath = folder + "/" + RESULTS;
        JsonFile results = files.file(resultsPath).isPresent()
                ? JsonFile.parse(resultsPath, files.file(resultsPath).get()) : null;
        if (files.file(contextPath).isEmpty()) {
            return fromResultsOnly(files, folder, RunTestsResults.read(results), runUnfinished);
        }
        JsonFile context = JsonFile.parse(contextPath, files.file(contextPath).get());
        JsonNode root = context.object();
        String[] groupAndVariant = groupAndVariant(folder);
        String group = orElse(context.text(root, "testgroup"), groupAndVariant[0]);
        String variant = orElse(context.text(root, "port-variant"), groupAndVariant[1]);
        List<String> tentacles = context.texts(root, "tentacles");
        if (tentacles.isEmpty() && context.text(root, "tentacle") != null) {
            tentacles = Arrays.stream(context.text(root, "tentacle").split(",")).map(String::strip)
                    .filter(tentacle -> !tentacle.isEmpty()).toList();
        }
        OffsetDateTime start = Times.parse(context.text(root, "time_start"), upload.zone(), contextPath + ": time_start");
        OffsetDateTime end = Times.parse(context.text(root, "time_end"), upload.zone(), contextPath + ": time_end");
        Boolean unfinished = context.bool(root, "unfinished");
        boolean isUnfinished = unfinished != null ? unfinished : runUnfinished;
        List<ParsedResult> parsed = new ArrayList<>();
        for (JsonNode result : context.objects(root, "results")) {
            String name = context.requiredText(result, "name");
            Verdict verdict = RunTestsResults.verdict(context, name, context.requiredText(result, "result"));
            parsed.add(Results.of(files, folder, name, verdict, context.text(result, "text"),
                    context.text(result, "tentacle"), context.integer(result, "duration_ms"),
                    context.texts(result, "incidents")));
        }
        // While a run goes on the two files are rewritten one after the other: a killed run may leave
        // them a result apart. A finished one must agree.
        if (results != null && !isUnfinished) {
            crossCheck(contextPath, resultsPath, parsed, RunTestsResults.read(results));
        }
        return new ParsedTestRun(group, variant, folder, tentacles, start, end, null, isUnfinished, parsed);
    }

    private static ParsedTestRun fromResultsOnly(UploadFolder files, String folder, RunTestsResults results,
            boolean runUnfinished) {
        String[] groupAndVariant = groupAndVariant(folder);
        List<ParsedResult> parsed = new ArrayList<>();
        for (RunTestsResults.Entry entry : results.results()) {
            parsed.add(Results.of(files, folder, entry.name(), entry.verdict(), entry.reason(), null, null, List.of()));
        }
        return new ParsedTestRun(orElse(results.group(), groupAndVariant[0]),
                orElse(results.target(), orElse(results.testInstance(), groupAndVariant[1])),
                folder, List.of(), null, null, null, runUnfinished, parsed);
    }

    private static void crossCheck(String contextPath, String resultsPath, List<ParsedResult> parsed,
            RunTestsResults results) throws UploadRejected {
        Map<String, Verdict> fromContext = new LinkedHashMap<>();
        parsed.forEach(result -> fromContext.put(result.name(), result.verdict()));
        Map<String, Verdict> fromResults = new LinkedHashMap<>();
        results.results().forEach(entry -> fromResults.put(entry.name(), entry.verdict()));
        TreeSet<String> names = new TreeSet<>(fromContext.keySet());
        names.addAll(fromResults.keySet());
        for (String name : names) {
            if (fromContext.get(name) != fromResults.get(name)) {
                throw new UploadRejected(400, contextPath + " and " + resultsPath + " disagree on " + name + " ("
                        + word(fromContext.get(name)) + " and " + word(fromResults.get(name))
                        + "): push the folder as the run left it");
            }
        }
    }

    /**
     * The folder a results folder has for a group on a variant: {@code <group>@<variant>}, anything but letters,
     * digits and {@code . _ - + @} as {@code _} ({@code port:/dev/ttyACM0} → {@code port__dev_ttyACM0}).
     */
    static String folderName(String group, String variant) {
        return Results.fileName(group) + "@" + Results.fileName(variant);
    }

    /** {@code RUN-TESTS_STANDARD@unix} → group and variant; a folder without {@code @} is its own group. */
    static String[] groupAndVariant(String folder) {
        int at = folder.indexOf('@');
        return at < 0 ? new String[] {folder, folder} : new String[] {folder.substring(0, at), folder.substring(at + 1)};
    }

    private static String word(Verdict verdict) {
        return verdict == null ? "absent" : verdict.word();
    }

    static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
