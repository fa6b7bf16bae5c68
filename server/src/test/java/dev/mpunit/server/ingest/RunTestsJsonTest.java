package dev.mpunit.server.ingest;

import static dev.mpunit.server.ingest.Fixtures.upload;
import static dev.mpunit.server.ingest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** run-tests.py's _results.json, in the shape since it lists results and the older one of lists. */
class RunTestsJsonTest {

    private static final String RESULTS = """
            {"args": {"target": "unix", "test_instance": "unix", "result_dir": "results", "test_dirs": ["basics"]},
             "results": [["basics/list1.py", "pass", ""], ["basics/fail_exp.py", "fail", ""],
                         ["thread/thread1.py", "skip", "no threading"], ["thread/flaky.py", "ignored", ""],
                         ["misc/ok.py", "ok", ""]],
             "failed_tests": ["basics/fail_exp.py"], "ignored_tests": ["thread/flaky.py"]}
            """;

    @Test
    void theResultsTriplesAreOneTestRunOnTheTarget() throws UploadRejected {
        ParsedRun run = Uploads.parse(Fixtures.upload(utf8(RESULTS), null, Map.of("testbed", "ci", "trigger", "pr",
                "time_start", "2026-12-01 02:00:00"), ZoneId.of("Europe/Zurich")), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("run-tests");
        assertThat(run.run().trigger()).isEqualTo("pr");
        assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2026-12-01T01:00:00Z"));
        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.group()).isEqualTo("RUN-TESTS");
        assertThat(testRun.variant()).isEqualTo("unix");
        assertThat(testRun.results()).extracting(ParsedResult::name, ParsedResult::verdict, ParsedResult::message)
                .containsExactly(tuple("basics/list1.py", Verdict.PASS, null),
                        tuple("basics/fail_exp.py", Verdict.FAIL, null),
                        tuple("thread/thread1.py", Verdict.SKIP, "no threading"),
                        tuple("thread/flaky.py", Verdict.IGNORED, null), tuple("misc/ok.py", Verdict.PASS, null));
        assertThat(run.files()).extracting(UploadedFile::path).containsExactly("_results.json");
    }

    @Test
    void theOlderShapeListsNamesPerVerdict() throws UploadRejected {
        String older = """
                {"args": {"test_instance": "port:/dev/ttyACM0"}, "passed_tests": ["basics/list1.py"],
                 "failed_tests": ["basics/fail_exp.py"], "skipped_tests": ["thread/thread1.py"]}""";

        ParsedRun run = Uploads.parse(upload(utf8(older), Map.of("testbed", "ci", "group", "RUN-TESTS_STANDARD")),
                UploadLimits.DEFAULTS);

        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.group()).isEqualTo("RUN-TESTS_STANDARD");
        assertThat(testRun.variant()).isEqualTo("port:/dev/ttyACM0");
        assertThat(Uploads.parse(upload(utf8(older), Map.of("testbed", "ci", "variant", "RPI_PICO2")),
                UploadLimits.DEFAULTS).testRuns().get(0).variant()).as("?variant= names the board better than a port")
                .isEqualTo("RPI_PICO2");
        assertThat(testRun.results()).extracting(ParsedResult::name, ParsedResult::verdict).containsExactly(
                tuple("basics/list1.py", Verdict.PASS), tuple("basics/fail_exp.py", Verdict.FAIL),
                tuple("thread/thread1.py", Verdict.SKIP));
    }

    @Test
    void anArchiveOfResultFoldersHasATestRunPerFileWithOutputsLinked() throws UploadRejected {
        byte[] body = new TarGz().file("results/_results.json", RESULTS)
                .file("results/basics_fail_exp.py.out", "b\n").file("results/basics_fail_exp.py.exp", "a\n").bytes();

        ParsedRun run = Uploads.parse(upload(body, Map.of("testbed", "ci")), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("run-tests");
        ParsedResult failure = run.testRuns().get(0).results().get(1);
        assertThat(failure.outputPath()).isEqualTo("basics_fail_exp.py.out");
        assertThat(failure.expectedPath()).isEqualTo("basics_fail_exp.py.exp");
    }

    @Test
    void failedTestsMustBeFailuresInResults() {
        String contradicting = RESULTS.replace("\"failed_tests\": [\"basics/fail_exp.py\"]",
                "\"failed_tests\": [\"basics/list1.py\"]");

        assertThatThrownBy(() -> Uploads.parse(upload(utf8(contradicting), Map.of("testbed", "ci")),
                UploadLimits.DEFAULTS)).isInstanceOf(UploadRejected.class).hasFieldOrPropertyWithValue("status", 400)
                .hasMessage("_results.json: failed_tests names basics/list1.py, which results does not list as fail");
    }

    @Test
    void aResultWordOutsideTheFiveIsRefused() {
        assertThatThrownBy(() -> Uploads.parse(upload(utf8(RESULTS.replace("\"ignored\"", "\"meh\"")),
                Map.of("testbed", "ci")), UploadLimits.DEFAULTS)).isInstanceOf(UploadRejected.class)
                .hasMessage("_results.json: thread/flaky.py has result 'meh', not one of pass, fail, skip, ignored, xfail");
    }

    @Test
    void withoutTargetTheVariantParameterIsNeeded() throws UploadRejected {
        String bare = "{\"results\": [[\"a.py\", \"pass\", \"\"]]}";

        assertThatThrownBy(() -> Uploads.parse(upload(utf8(bare), Map.of("testbed", "ci")), UploadLimits.DEFAULTS))
                .isInstanceOf(UploadRejected.class)
                .hasMessage("_results.json names no target (args.target, args.test_instance): give ?variant=<the port"
                        + " or board it ran on>");
        assertThat(Uploads.parse(upload(utf8(bare), Map.of("testbed", "ci", "variant", "esp32")), UploadLimits.DEFAULTS)
                .testRuns().get(0).variant()).isEqualTo("esp32");
    }

    @Test
    void theSameBytesPushedTwiceHaveOneKeyWhateverTheUploadTime() throws UploadRejected {
        ParsedRun first = Uploads.parse(upload(utf8(RESULTS), Map.of("testbed", "ci")), UploadLimits.DEFAULTS);
        ParsedRun again = Uploads.parse(upload(utf8(RESULTS), Map.of("testbed", "ci", "time_start",
                "2030-01-01 00:00:00")), UploadLimits.DEFAULTS);

        assertThat(first.runKey()).isEqualTo(again.runKey());
    }
}
