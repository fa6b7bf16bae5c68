package dev.mpunit.server.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A whole upload, parsed and checked, ready to be stored in one transaction.
 *
 * @param format which parser read it: {@code mpunit}, {@code octoprobe}, {@code junit} or {@code run-tests}
 * @param contentSha256 hex SHA-256 of the uploaded body
 * @param files every file of the upload, stored browsable
 * @param records the testbed's records: its tentacles' actions and its USB health
 */
public record ParsedRun(String format, RunInfo run, List<ParsedTestRun> testRuns, List<UploadedFile> files,
        String contentSha256, TestbedRecords records) {

    public ParsedRun {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(records, "records");
        testRuns = List.copyOf(testRuns);
        files = List.copyOf(files);
    }

    /** A run without the testbed's own records (no tentacles.json, no USB health: every format but mpunit's folders). */
    public ParsedRun(String format, RunInfo run, List<ParsedTestRun> testRuns, List<UploadedFile> files,
            String contentSha256) {
        this(format, run, testRuns, files, contentSha256, TestbedRecords.NONE);
    }

    /**
     * What identifies the run, not the bytes: a finished push of a run pushed unfinished before has
     * other bytes and the same key. Formats without a start time of their own (JUnit XML, a bare
     * {@code _results.json}) only dedupe identical bodies, whatever start time the push gives.
     */
    public String runKey() {
        StringBuilder key = new StringBuilder();
        key.append(format).append('\n').append(run.testbed()).append('\n')
                .append(Objects.toString(run.testbedInstance(), "")).append('\n');
        if (format.equals("junit") || format.equals("run-tests")) {
            // Their start time may be the upload's own (neither names one): the bytes identify the run.
            key.append(contentSha256).append('\n');
        } else {
            key.append(run.timeStart()).append('\n');
        }
        // Not the test runs' folders: a run killed before its last groups has fewer of them than its
        // finished push, which must replace it, not stand beside it.
        return sha256(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
