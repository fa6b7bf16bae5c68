package dev.mpunit.server.ingest;

import static dev.mpunit.server.ingest.Fixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MpunitFolderTest {

    private static final String CONTEXT = """
            {"testbed": "lab-a", "testbed_instance": "lab-a-2", "time_start": "2026-12-01 02:00:00",
             "time_end": "2026-12-01 02:10:00", "ref_firmware": "https://github.com/micropython/micropython.git@master",
             "ref_tests": "https://github.com/micropython/micropython.git@master", "trigger": "nightly",
             "commandline": "./mpunit tests --config micropython.results.upload=https://r.example MPUNIT_UPLOAD_TOKEN=mpt_abcDEF-123_xyz",
             "error": null, "unfinished": %s}
            """;
    private static final String CONTEXT_TEST = """
            {"testgroup": "RUN-TESTS_STANDARD", "tentacle": "mb01-MICROBIT, mb02-MICROBIT",
             "tentacles": ["mb01-MICROBIT", "mb02-MICROBIT"], "ports": ["/dev/ttyACM0"], "port-variant": "MICROBIT",
             "time_start": "2026-12-01 02:00:05", "time_end": %s, "log_output": null, "unfinished": %s,
             "results": [
               {"name": "basics/list1.py", "result": "pass", "text": null, "tentacle": "mb01-MICROBIT",
                "duration_ms": 120, "incidents": []},
               {"name": "basics/fail_exp.py", "result": "fail", "text": "line 3 differs: printed mpt_SECRETtoken0", "tentacle": "mb02-MICROBIT",
                "duration_ms": 340, "incidents": ["mb02-MICROBIT lost, restarted", "second run after a failure"]},
               {"name": "thread/thread1.py", "result": "skip", "text": "the test printed SKIP", "tentacle": null,
                "duration_ms": null, "incidents": []}
             ]}
            """;
    private static final String RESULTS = """
            {"args": {"group": "RUN-TESTS_STANDARD", "target": "MICROBIT", "result_dir": "/x"},
             "results": [["basics/fail_exp.py", "fail", "line 3 differs"], ["basics/list1.py", "pass", ""],
                         ["thread/thread1.py", "skip", "the test printed SKIP"]],
             "failed_tests": ["basics/fail_exp.py"], "ignored_tests": []}
            """;

    @Test
    void theExamplesFolderIsReadWithItsBenchmarksAndFiles() throws UploadRejected {
        byte[] body = TarGz.ofFolder(Fixtures.mpunitExamples(), "").bytes();

        ParsedRun run = Uploads.parse(Fixtures.upload(body, null, Map.of("testbed", "ci", "trigger", "push"),
                ZoneId.of("Europe/Zurich")), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("mpunit");
        assertThat(run.run().testbed()).isEqualTo("ci");
        assertThat(run.run().trigger()).isEqualTo("push");
        // 17:13:08 in Zurich (UTC+1 in December) is 16:13:08 UTC.
        assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2026-12-06T16:13:08Z"));
        assertThat(run.run().timeEnd()).isEqualTo(OffsetDateTime.parse("2026-12-06T16:13:11Z"));
        assertThat(run.run().unfinished()).isFalse();
        assertThat(run.testRuns()).extracting(ParsedTestRun::folder)
                .containsExactly("RUN-PERFBENCH@webassembly", "RUN-TESTS_STANDARD@webassembly");
        ParsedTestRun perfbench = run.testRuns().get(0);
        assertThat(perfbench.group()).isEqualTo("RUN-PERFBENCH");
        assertThat(perfbench.variant()).isEqualTo("webassembly");
        assertThat(perfbench.tentacles()).containsExactly("webassembly#2", "webassembly#1");
        assertThat(perfbench.results()).extracting(ParsedResult::name)
                .containsExactly("perf_bench/bm_sieve.py", "perf_bench/core_calls.py", "perf_bench/misc_checksum.py");
        ParsedResult sieve = perfbench.results().get(0);
        assertThat(sieve.benchmark()).isEqualTo(new Benchmark(60625.00, 22.5252, 880439.87, 28.6681));
        assertThat(sieve.durationMs()).isEqualTo(1606L);
        assertThat(sieve.tentacle()).isEqualTo("webassembly#1");
        ParsedTestRun standard = run.testRuns().get(1);
        assertThat(standard.results()).hasSize(18).allSatisfy(result -> {
            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            assertThat(result.benchmark()).isNull();
        });
        assertThat(run.files()).extracting(UploadedFile::path).contains("context.json", "summary_report.md",
                "timeline.svg", "RUN-TESTS_STANDARD@webassembly/testresults.txt");
        assertThat(run.contentSha256()).isEqualTo(ParsedRun.sha256(body));
    }

    @Test
    void aRealFailurePackedByGnuTarIsLinkedToItsFilesAndItsTokenBlanked() throws UploadRejected {
        ParsedRun run = Uploads.parse(upload(Fixtures.mpunitFailureTarGz(), Map.of("testbed", "lab")),
                UploadLimits.DEFAULTS);

        assertThat(run.run().trigger()).isEqualTo("mpt_***");
        assertThat(run.run().commandline()).endsWith("micropython.results.trigger=mpt_***");
        ParsedResult failure = run.testRuns().get(0).results().get(0);
        assertThat(failure.name()).isEqualTo("basics/fail_exp.py");
        assertThat(failure.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failure.message()).isEqualTo("output differs from basics/fail_exp.py.exp at line 2: expected \"3\\n\""
                + " but was \"2\\n\"");
        assertThat(failure.outputPath()).isEqualTo("RUN-TESTS_STANDARD@webassembly/basics_fail_exp.py.out");
        assertThat(failure.expectedPath()).isEqualTo("RUN-TESTS_STANDARD@webassembly/basics_fail_exp.py.exp");
        assertThat(run.files()).filteredOn(file -> file.path().equals(failure.outputPath())).singleElement()
                .satisfies(file -> assertThat(file.content()).asString(StandardCharsets.UTF_8).isEqualTo("1\n2\n"));
        assertThat(run.files()).extracting(UploadedFile::path).doesNotContain("", ".").allSatisfy(path ->
                assertThat(path).doesNotStartWith("./"));
        assertThat(run.files()).allSatisfy(file -> assertThat(file.content()).asString(StandardCharsets.UTF_8)
                .doesNotContain("SHOULDbeBLANKED"));
    }

    /**
     * mpunit's test runs hold Octoprobe's current per-run file beside the earlier one: the folder stays
     * mpunit's (context.json names its {@code testbed}), read from {@code context_test.json}, with its
     * durations and incidents that Octoprobe's file has no field for.
     */
    @Test
    void aFolderWithOctoprobesContextTestgroupJsonTooIsStillMpunits() throws UploadRejected {
        String top = "20261201-020000/";
        TarGz tar = handMade(false).file(top + "RUN-TESTS_STANDARD@MICROBIT/context_testgroup.json", """
                {"directory_relative": "RUN-TESTS_STANDARD@MICROBIT", "testgroup": "RUN-TESTS_STANDARD",
                 "testid": "RUN-TESTS_STANDARD@mb01-MICROBIT,a", "tentacle_variant": "mb01-MICROBIT",
                 "tentacle_variant_role": "mb01-MICROBIT", "commandline": "", "tentacle_mcu": "/dev/ttyACM0",
                 "tentacle_reference": "", "time_start": "2026-12-01_02-00-05+0100",
                 "time_end": "2026-12-01_02-09-00+0100", "log_output": "RUN-TESTS_STANDARD@MICROBIT/testresults.txt",
                 "outcomes": [{"name": "basics/fail_exp.py", "outcome": "failed", "text": "line 3 differs"},
                              {"name": "basics/list1.py", "outcome": "passed", "text": ""},
                              {"name": "thread/thread1.py", "outcome": "skipped", "text": "the test printed SKIP"}],
                 "msg_error": "", "msg_skipped": ""}""");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("mpunit");
        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.tentacles()).containsExactly("mb01-MICROBIT", "mb02-MICROBIT");
        assertThat(testRun.results()).extracting(ParsedResult::durationMs).containsExactly(120L, 340L, null);
        assertThat(run.files()).extracting(UploadedFile::path)
                .contains("RUN-TESTS_STANDARD@MICROBIT/context_testgroup.json");
    }

    /**
     * {@code micropython.results.context=octoprobe}: context.json in Octoprobe's shape, the test runs with
     * both files. Still mpunit's folder, read from {@code context_test.json}; the testbed is
     * {@code testbed_name}, a run is unfinished while its error says {@code Test never finished...}.
     */
    @Test
    void aFolderWhoseContextJsonHasOctoprobesShapeIsStillMpunits() throws UploadRejected {
        String octoprobeContext = """
                {"testbed_name": "lab-a", "testbed_instance": "", "time_start": "2026-12-01_02-00-00+0100",
                 "time_end": "2026-12-01_02-10-00+0100", "ref_firmware": "", "ref_firmware_metadata": null,
                 "ref_tests": "", "ref_tests_metadata": null, "trigger": "nightly", "commandline": "",
                 "log_output": "", "log_directory": "", "error": %s, "directories": {}, "git_ref": {}}""";
        for (boolean unfinished : new boolean[] {false, true}) {
            TarGz tar = handMade(octoprobeContext.formatted(unfinished ? "\"Test never finished...\"" : "\"\""),
                    unfinished)
                    .file("20261201-020000/RUN-TESTS_STANDARD@MICROBIT/context_testgroup.json", """
                            {"testgroup": "RUN-TESTS_STANDARD", "tentacle_variant": "mb01-MICROBIT", "outcomes": []}""");

            ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

            assertThat(run.format()).isEqualTo("mpunit");
            assertThat(run.run().testbed()).isEqualTo("lab-a");
            assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2026-12-01T01:00:00Z"));
            assertThat(run.run().unfinished()).isEqualTo(unfinished);
            assertThat(run.run().error()).isEqualTo(unfinished ? "Test never finished..." : null);
            assertThat(run.testRuns().get(0).results()).extracting(ParsedResult::durationMs)
                    .containsExactly(120L, 340L, null);
        }
    }

    @Test
    void aFolderTarredWithItsOwnNameIsReadAsItsContents() throws UploadRejected {
        ParsedRun run = Uploads.parse(upload(handMade(false).bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.files()).extracting(UploadedFile::path).contains("context.json",
                "RUN-TESTS_STANDARD@MICROBIT/context_test.json");
        assertThat(run.run().testbed()).isEqualTo("lab-a");
        assertThat(run.run().testbedInstance()).isEqualTo("lab-a-2");
        assertThat(run.run().refTests()).isEqualTo("https://github.com/micropython/micropython.git@master");
        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.group()).isEqualTo("RUN-TESTS_STANDARD");
        assertThat(testRun.variant()).isEqualTo("MICROBIT");
        assertThat(testRun.tentacles()).containsExactly("mb01-MICROBIT", "mb02-MICROBIT");
        assertThat(testRun.results()).extracting(ParsedResult::name, ParsedResult::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("basics/list1.py", Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("basics/fail_exp.py", Verdict.FAIL),
                org.assertj.core.groups.Tuple.tuple("thread/thread1.py", Verdict.SKIP));
    }

    @Test
    void aFailureIsLinkedToItsOutputAndExpectedOutput() throws UploadRejected {
        ParsedRun run = Uploads.parse(upload(handMade(false).bytes(), Map.of()), UploadLimits.DEFAULTS);

        ParsedResult failure = run.testRuns().get(0).results().get(1);
        assertThat(failure.outputPath()).isEqualTo("RUN-TESTS_STANDARD@MICROBIT/basics_fail_exp.py.out");
        assertThat(failure.expectedPath()).isEqualTo("RUN-TESTS_STANDARD@MICROBIT/basics_fail_exp.py.exp");
        assertThat(failure.durationMs()).isEqualTo(340L);
        assertThat(failure.incidents()).containsExactly("mb02-MICROBIT lost, restarted", "second run after a failure");
        assertThat(run.testRuns().get(0).results().get(0).outputPath()).isNull();
    }

    @Test
    void tokensAreBlankedInTheCommandLineMessagesAndFiles() throws UploadRejected {
        ParsedRun run = Uploads.parse(upload(handMade(false).bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.run().commandline()).endsWith("MPUNIT_UPLOAD_TOKEN=mpt_***").doesNotContain("abcDEF");
        assertThat(run.testRuns().get(0).results().get(1).message()).isEqualTo("line 3 differs: printed mpt_***");
        assertThat(run.files()).allSatisfy(file -> assertThat(new String(file.content(), StandardCharsets.UTF_8))
                .doesNotContain("mpt_abcDEF").doesNotContain("mpt_SECRET"));
        assertThat(run.files()).filteredOn(file -> file.path().endsWith(".out")).singleElement()
                .satisfies(file -> assertThat(new String(file.content(), StandardCharsets.UTF_8))
                        .isEqualTo("a\nmpt_***\n"));
    }

    @Test
    void aKilledRunIsKeptUnfinishedEvenWhenItsTwoFilesAreAResultApart() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("true"))
                .file("RUN-TESTS_STANDARD@MICROBIT/context_test.json", CONTEXT_TEST.formatted("null", "true"))
                .file("RUN-TESTS_STANDARD@MICROBIT/_results.json", """
                        {"args": {}, "results": [["basics/list1.py", "pass", ""]], "failed_tests": []}""");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.run().unfinished()).isTrue();
        assertThat(run.testRuns().get(0).unfinished()).isTrue();
        assertThat(run.testRuns().get(0).timeEnd()).isNull();
        assertThat(run.testRuns().get(0).results()).hasSize(3);
    }

    @Test
    void aFinishedRunWhoseTwoFilesDisagreeIsRefused() {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("false"))
                .file("RUN-TESTS_STANDARD@MICROBIT/context_test.json",
                        CONTEXT_TEST.formatted("\"2026-12-01 02:09:00\"", "false"))
                .file("RUN-TESTS_STANDARD@MICROBIT/_results.json", RESULTS.replace("\"skip\", \"the", "\"pass\", \"the"));

        assertThatThrownBy(() -> Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS))
                .isInstanceOf(UploadRejected.class).hasFieldOrPropertyWithValue("status", 400)
                .hasMessageStartingWith("RUN-TESTS_STANDARD@MICROBIT/context_test.json and"
                        + " RUN-TESTS_STANDARD@MICROBIT/_results.json disagree on thread/thread1.py (skip and pass)");
    }

    @Test
    void aTestRunWithOnlyResultsJsonIsReadFromIt() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("false"))
                .file("RUN-TESTS_STANDARD@MICROBIT/_results.json", RESULTS);

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.group()).isEqualTo("RUN-TESTS_STANDARD");
        assertThat(testRun.variant()).isEqualTo("MICROBIT");
        assertThat(testRun.results()).extracting(ParsedResult::name, ParsedResult::verdict, ParsedResult::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("basics/fail_exp.py", Verdict.FAIL, "line 3 differs"),
                        org.assertj.core.groups.Tuple.tuple("basics/list1.py", Verdict.PASS, null),
                        org.assertj.core.groups.Tuple.tuple("thread/thread1.py", Verdict.SKIP, "the test printed SKIP"));
    }

    @Test
    void aRunWithoutTestbedNeedsTheParameter() {
        byte[] body = TarGz.ofFolder(Fixtures.mpunitExamples(), "").bytes();

        assertThatThrownBy(() -> Uploads.parse(upload(body, Map.of()), UploadLimits.DEFAULTS))
                .isInstanceOf(UploadRejected.class).hasFieldOrPropertyWithValue("status", 400)
                .hasMessage("context.json names no testbed (testbed is null): give ?testbed=<name>, the testbed whose"
                        + " token pushes it");
    }

    @Test
    void aTestbedParameterThatContradictsContextJsonIsRefused() {
        assertThatThrownBy(() -> Uploads.parse(upload(handMade(false).bytes(), Map.of("testbed", "lab-b")),
                UploadLimits.DEFAULTS)).isInstanceOf(UploadRejected.class)
                .hasMessage("the run is from testbed 'lab-a', ?testbed= says 'lab-b': leave ?testbed= out");
    }

    @Test
    void theSameRunPushedUnfinishedAndFinishedHasOneKey() throws UploadRejected {
        ParsedRun unfinished = Uploads.parse(upload(handMade(true).bytes(), Map.of()), UploadLimits.DEFAULTS);
        ParsedRun finished = Uploads.parse(upload(handMade(false).bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(unfinished.run().unfinished()).isTrue();
        assertThat(finished.run().unfinished()).isFalse();
        assertThat(unfinished.contentSha256()).isNotEqualTo(finished.contentSha256());
        assertThat(unfinished.runKey()).isEqualTo(finished.runKey());
    }

    @Test
    void aCampaignOf25000ResultsIsReadWhole() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("false"));
        int variants = 16;
        int perVariant = 1563;
        for (int v = 0; v < variants; v++) {
            StringBuilder results = new StringBuilder();
            StringBuilder triples = new StringBuilder();
            for (int i = 0; i < perVariant; i++) {
                String name = "basics/test_" + i + ".py";
                String verdict = i % 50 == 0 ? "fail" : "pass";
                results.append(i == 0 ? "" : ",").append("{\"name\": \"").append(name).append("\", \"result\": \"")
                        .append(verdict).append("\", \"text\": null, \"tentacle\": \"t").append(v)
                        .append("\", \"duration_ms\": ").append(i).append(", \"incidents\": []}");
                triples.append(i == 0 ? "" : ",").append("[\"").append(name).append("\", \"").append(verdict)
                        .append("\", \"\"]");
                if (verdict.equals("fail")) {
                    tar.file("RUN-TESTS_STANDARD@BOARD" + v + "/basics_test_" + i + ".py.out", "out " + i + "\n");
                }
            }
            String folder = "RUN-TESTS_STANDARD@BOARD" + v + "/";
            tar.file(folder + "context_test.json", "{\"testgroup\": \"RUN-TESTS_STANDARD\", \"port-variant\": \"BOARD" + v
                    + "\", \"unfinished\": false, \"results\": [" + results + "]}");
            tar.file(folder + "_results.json", "{\"args\": {}, \"results\": [" + triples + "]}");
        }
        byte[] body = tar.bytes();

        // The first parse pays for loading the classes; the second shows the rate a running server has.
        long cold = System.nanoTime();
        Uploads.parse(upload(body, Map.of()), UploadLimits.DEFAULTS);
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ParsedRun run = Uploads.parse(upload(body, Map.of()), UploadLimits.DEFAULTS);
        long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(run.testRuns()).hasSize(variants);
        assertThat(run.testRuns().stream().mapToInt(testRun -> testRun.results().size()).sum())
                .isEqualTo(variants * perVariant);
        // Test runs come sorted by folder: BOARD0, BOARD1, BOARD10, BOARD11, ...
        assertThat(run.testRuns().get(3).results().get(50).outputPath())
                .isEqualTo("RUN-TESTS_STANDARD@BOARD11/basics_test_50.py.out");
        // The machine's load shows in the wall-clock figure; the thread's CPU time is what the parse costs.
        System.out.printf("ingest: %d results, %d files, %d KiB tar.gz parsed in %d ms, %d ms CPU (the first time"
                + " %d ms)%n", variants * perVariant, run.files().size(), body.length / 1024, millis, cpuMillis,
                (start - cold) / 1_000_000);
    }

    /** A results folder of a testbed with a failure, tarred with its own folder name. */
    static TarGz handMade(boolean unfinished) {
        return handMade(CONTEXT.formatted(unfinished), unfinished);
    }

    private static TarGz handMade(String context, boolean unfinished) {
        String top = "20261201-020000/";
        return new TarGz().folder(top).file(top + "context.json", context)
                .folder(top + "RUN-TESTS_STANDARD@MICROBIT")
                .file(top + "RUN-TESTS_STANDARD@MICROBIT/context_test.json",
                        CONTEXT_TEST.formatted(unfinished ? "null" : "\"2026-12-01 02:09:00\"", unfinished))
                .file(top + "RUN-TESTS_STANDARD@MICROBIT/_results.json", RESULTS)
                .file(top + "RUN-TESTS_STANDARD@MICROBIT/basics_fail_exp.py.exp", "a\nb\n")
                .file(top + "RUN-TESTS_STANDARD@MICROBIT/basics_fail_exp.py.out", "a\nmpt_SECRETtoken0\n")
                .file(top + "summary_report.md", "# Summary\n");
    }
}
