package dev.mpunit.server.ingest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.mpunit.contract.CampaignId;
import tools.jackson.databind.JsonNode;

/** The run's own facts: from a folder's {@code context.json}, the rest from the upload's parameters. */
final class RunContext {

    static final String CONTEXT = "context.json";

    private RunContext() {
    }

    /**
     * {@code context.json} of an mpunit or Octoprobe folder.
     *
     * @param testbedField {@code testbed} (mpunit) or {@code testbed_name} (Octoprobe)
     * @param unfinishedByDefault when the file has no {@code unfinished}: whether the run is taken as unfinished
     */
    static RunInfo fromContext(JsonFile context, Upload upload, String testbedField, boolean unfinishedByDefault)
            throws UploadRejected {
        JsonNode root = context.object();
        String testbed = testbed(context.text(root, testbedField), upload,
                context.path() + " names no testbed (" + testbedField + " is null)");
        OffsetDateTime start = Times.parse(context.requiredText(root, "time_start"), upload.zone(),
                context.path() + ": time_start");
        OffsetDateTime end = Times.parse(context.text(root, "time_end"), upload.zone(), context.path() + ": time_end");
        Boolean unfinished = context.bool(root, "unfinished");
        return new RunInfo(testbed, context.text(root, "testbed_instance"),
                orParameter(context.text(root, "trigger"), upload, "trigger"),
                orParameter(context.text(root, "ref_firmware"), upload, "ref_firmware"),
                orParameter(context.text(root, "ref_tests"), upload, "ref_tests"),
                TokenRedactor.redact(context.text(root, "commandline")),
                TokenRedactor.redact(RunTestsResults.blankToNull(context.text(root, "error"))),
                unfinished != null ? unfinished : unfinishedByDefault || end == null, start, end,
                campaign(context.text(root, "campaign"), upload));
    }

    /** A format that says nothing about its run (JUnit XML, a bare {@code _results.json}): all from the parameters. */
    static RunInfo fromParameters(Upload upload, String formatName, OffsetDateTime startInFile, OffsetDateTime endInFile)
            throws UploadRejected {
        String testbed = testbed(null, upload, formatName + " does not name its testbed");
        OffsetDateTime start = Times.parse(upload.parameter("time_start").orElse(null), upload.zone(), "?time_start=");
        if (start == null) {
            start = startInFile != null ? startInFile : OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        }
        OffsetDateTime end = endInFile != null && !endInFile.isBefore(start) ? endInFile : null;
        return new RunInfo(testbed, null, orParameter(null, upload, "trigger"), orParameter(null, upload, "ref_firmware"),
                orParameter(null, upload, "ref_tests"), null, null, false, start, end, campaign(null, upload));
    }

    /**
     * The campaign: {@code context.json}'s, else {@code ?campaign=} (a folder run without one, Octoprobe's, a
     * format that names none); both, when they differ, is a mistake to say rather than to choose from.
     */
    private static String campaign(String inFile, Upload upload) throws UploadRejected {
        String written = RunTestsResults.blankToNull(inFile);
        String given = upload.parameter("campaign").map(String::strip).filter(value -> !value.isEmpty()).orElse(null);
        if (written != null && given != null && !written.equals(given)) {
            throw new UploadRejected(400, "the run is of campaign '" + written + "' (context.json), ?campaign= says '" + given
                    + "': leave ?campaign= (mpunit upload --campaign) out");
        }
        String campaign = written != null ? written : given;
        try {
            return campaign == null ? null : CampaignId.of(campaign);
        } catch (IllegalArgumentException e) {
            throw new UploadRejected(400, (written != null ? "context.json: " : "?campaign=: ") + e.getMessage());
        }
    }

    private static String testbed(String inFile, Upload upload, String missing) throws UploadRejected {
        String given = upload.parameter("testbed").orElse(null);
        String inFileClean = RunTestsResults.blankToNull(inFile);
        if (inFileClean != null && given != null && !inFileClean.equals(given)) {
            throw new UploadRejected(400, "the run is from testbed '" + inFileClean + "', ?testbed= says '" + given
                    + "': leave ?testbed= out");
        }
        if (inFileClean != null) {
            return inFileClean;
        }
        if (given != null) {
            return given;
        }
        return upload.parameter(Upload.TOKEN_TESTBED).orElseThrow(
                () -> new UploadRejected(400, missing + ": give ?testbed=<name>, the testbed whose token pushes it"));
    }

    /** The file's value, else the parameter's; a token in either blanked (a trigger may quote a command). */
    private static String orParameter(String inFile, Upload upload, String parameter) {
        String value = RunTestsResults.blankToNull(inFile);
        return TokenRedactor.redact(value != null ? value : upload.parameter(parameter).orElse(null));
    }
}
