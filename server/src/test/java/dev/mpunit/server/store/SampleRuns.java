package dev.mpunit.server.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.mpunit.server.ingest.Benchmark;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import dev.mpunit.server.ingest.RunInfo;
import dev.mpunit.server.ingest.UploadedFile;
import dev.mpunit.server.ingest.Verdict;

/**
 * Parsed runs built in code, for tests that need stored runs without going through a format:
 * {@code SampleRuns.run("bed-a", time).testRun("RUN-TESTS_STANDARD", "unix", results...).build()}.
 */
public final class SampleRuns {

    private final String testbed;
    private final OffsetDateTime timeStart;
    private OffsetDateTime timeEnd;
    private boolean unfinished;
    private String trigger = "nightly";
    private String refTests = "https://github.com/micropython/micropython.git@master";
    private String content = "";
    private final List<ParsedTestRun> testRuns = new ArrayList<>();
    private final List<UploadedFile> files = new ArrayList<>();

    private SampleRuns(String testbed, OffsetDateTime timeStart) {
        this.testbed = testbed;
        this.timeStart = timeStart;
        this.timeEnd = timeStart.plusMinutes(30);
    }

    public static SampleRuns run(String testbed, OffsetDateTime timeStart) {
        return new SampleRuns(testbed, timeStart);
    }

    /** A night of 2026 in UTC: day 1 is 2026-01-01 02:00Z. */
    public static OffsetDateTime night(int day) {
        return OffsetDateTime.of(2026, 1, 1, 2, 0, 0, 0, ZoneOffset.UTC).plusDays(day - 1);
    }

    public static ParsedResult result(String name, Verdict verdict) {
        return new ParsedResult(name, verdict, verdict == Verdict.FAIL ? "expected 1, got 2" : null, null, 12L, List.of(),
                null, null, null);
    }

    public static ParsedResult benchmark(String name, double score) {
        return new ParsedResult(name, Verdict.PASS, null, null, 900L, List.of(), new Benchmark(1000, 1.5, score, 0.5),
                null, null);
    }

    public SampleRuns testRun(String group, String variant, ParsedResult... results) {
        return testRun(group, variant, List.of(results));
    }

    public SampleRuns testRun(String group, String variant, List<ParsedResult> results) {
        testRuns.add(new ParsedTestRun(group, variant, group + "@" + variant, List.of("t1"), timeStart,
                timeStart.plusMinutes(10), null, unfinished, results));
        return this;
    }

    public SampleRuns file(String path, String text) {
        files.add(new UploadedFile(path, text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public SampleRuns unfinished(boolean unfinished) {
        this.unfinished = unfinished;
        return this;
    }

    public SampleRuns timeEnd(OffsetDateTime timeEnd) {
        this.timeEnd = timeEnd;
        return this;
    }

    public SampleRuns trigger(String trigger) {
        this.trigger = trigger;
        return this;
    }

    public SampleRuns refTests(String refTests) {
        this.refTests = refTests;
        return this;
    }

    /** Makes the content hash differ from an otherwise equal run's (another upload of the same run). */
    public SampleRuns content(String content) {
        this.content = content;
        return this;
    }

    public ParsedRun build() {
        RunInfo info = new RunInfo(testbed, "instance-1", trigger, "https://github.com/micropython/micropython.git@master",
                refTests, "mpunit tests", unfinished ? "killed" : null, unfinished, timeStart, timeEnd, null);
        String hashed = testbed + timeStart + timeEnd + unfinished + content + testRuns + files.stream().map(UploadedFile::path).toList();
        return new ParsedRun("mpunit", info, testRuns, files, ParsedRun.sha256(hashed.getBytes(StandardCharsets.UTF_8)));
    }
}
