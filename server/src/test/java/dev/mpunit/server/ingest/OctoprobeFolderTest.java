package dev.mpunit.server.ingest;

import static dev.mpunit.server.ingest.Fixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Octoprobe's folders, written by hand from the fields its report classes have. */
class OctoprobeFolderTest {

    private static final String CONTEXT = """
            {"testbed_name": "testbed_micropython", "testbed_instance": "au_damien_1",
             "time_start": "2025-04-18 23:22:12", "time_end": "2025-04-19 01:02:03",
             "ref_firmware": "https://github.com/micropython/micropython.git@master",
             "ref_tests": "https://github.com/micropython/micropython.git~17232",
             "ref_firmware_metadata": {"commit_hash": "0123abc"}, "ref_tests_metadata": {"commit_hash": "4567def"},
             "trigger": "nightly", "commandline": "mptest test --firmware-build=... --push-token=mpt_notAllowedHere",
             "log_output": "logger_20_info.log", "log_directory": "/home/octoprobe/results",
             "error": %s, "directories": {"F": "/x"}, "git_ref": {"T": "https://github.com/micropython/micropython.git~17232"}}
            """;
    private static final String TESTGROUP = """
            {"testgroup": "RUN-TESTS_STANDARD", "testid": "RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-%1$s",
             "tentacle_variant": "5f2c-RPI_PICO2-RISCV", "tentacle_variant_role": "%1$s", "tentacle_mcu": "RP2350",
             "tentacle_reference": "", "time_start": "2025-04-18 23:30:00", "time_end": "2025-04-18 23:40:00",
             "log_output": "logger_20_info.log", "msg_error": "", "msg_skipped": "",
             "outcomes": [{"name": "basics/list1.py", "outcome": "passed", "text": ""},
                          {"name": "basics/fail_exp.py", "outcome": "failed", "text": "CRASH"},
                          {"name": "extmod/vfs_fat.py", "outcome": "xfailed", "text": ""},
                          {"name": "thread/thread1.py", "outcome": "skipped", "text": "no _thread"}]}
            """;
    private static final String PERFBENCH = """
            {"testgroup": "RUN-PERFBENCH", "testid": "RUN-PERFBENCH@1830-ESP32_GENERIC",
             "tentacle_variant": "1830-ESP32_GENERIC", "time_start": "2025-04-18 23:45:00", "time_end": null,
             "msg_error": "tentacle 1830 did not answer", "msg_skipped": null,
             "outcomes": [{"name": "perf_bench/bm_fft.py", "outcome": "passed", "text": "71705.62 0.0048 278.92 0.0048"}]}
            """;

    private static TarGz folder(String error) {
        // Octoprobe tars the folder's contents: no top folder.
        return new TarGz().file("context.json", CONTEXT.formatted(error))
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first/context_testgroup.json", TESTGROUP.formatted("first"))
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first/basics_fail_exp.py.out", "CRASH\n")
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first/testresults.txt", "pass  basics/list1.py\n")
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-second/context_testgroup.json", TESTGROUP.formatted("second"))
                .file("RUN-PERFBENCH@1830-ESP32_GENERIC/context_testgroup.json", PERFBENCH)
                .file("logger_20_info.log", "INFO started\n");
    }

    @Test
    void aFolderIsReadWithBoardVariantsTentaclesVerdictsAndErrors() throws UploadRejected {
        ParsedRun run = Uploads.parse(Fixtures.upload(folder("null").bytes(), null, Map.of(),
                ZoneId.of("Australia/Sydney")), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("octoprobe");
        assertThat(run.run().testbed()).isEqualTo("testbed_micropython");
        assertThat(run.run().testbedInstance()).isEqualTo("au_damien_1");
        assertThat(run.run().refTests()).isEqualTo("https://github.com/micropython/micropython.git~17232");
        assertThat(run.run().commandline()).endsWith("--push-token=mpt_***");
        assertThat(run.run().unfinished()).isFalse();
        // 23:22:12 in Sydney (UTC+10 in April) is 13:22:12 UTC.
        assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2025-04-18T13:22:12Z"));
        assertThat(run.testRuns()).extracting(ParsedTestRun::group, ParsedTestRun::variant, ParsedTestRun::folder,
                ParsedTestRun::tentacles).containsExactly(
                        tuple("RUN-PERFBENCH", "ESP32_GENERIC", "RUN-PERFBENCH@1830-ESP32_GENERIC",
                                java.util.List.of("1830-ESP32_GENERIC")),
                        tuple("RUN-TESTS_STANDARD", "RPI_PICO2-RISCV", "RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first",
                                java.util.List.of("5f2c-RPI_PICO2-RISCV")),
                        tuple("RUN-TESTS_STANDARD", "RPI_PICO2-RISCV", "RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-second",
                                java.util.List.of("5f2c-RPI_PICO2-RISCV")));
        ParsedTestRun first = run.testRuns().get(1);
        assertThat(first.results()).extracting(ParsedResult::name, ParsedResult::verdict, ParsedResult::message,
                ParsedResult::tentacle, ParsedResult::durationMs).containsExactly(
                        tuple("basics/list1.py", Verdict.PASS, null, "5f2c-RPI_PICO2-RISCV", null),
                        tuple("basics/fail_exp.py", Verdict.FAIL, "CRASH", "5f2c-RPI_PICO2-RISCV", null),
                        tuple("extmod/vfs_fat.py", Verdict.XFAIL, null, "5f2c-RPI_PICO2-RISCV", null),
                        tuple("thread/thread1.py", Verdict.SKIP, "no _thread", "5f2c-RPI_PICO2-RISCV", null));
        assertThat(first.results().get(1).outputPath())
                .isEqualTo("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first/basics_fail_exp.py.out");
        assertThat(first.error()).isNull();
        ParsedTestRun perfbench = run.testRuns().get(0);
        assertThat(perfbench.error()).isEqualTo("tentacle 1830 did not answer");
        assertThat(perfbench.results().get(0).benchmark()).isEqualTo(new Benchmark(71705.62, 0.0048, 278.92, 0.0048));
        assertThat(run.files()).extracting(UploadedFile::path).contains("logger_20_info.log",
                "RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first/testresults.txt");
    }

    @Test
    void aRunThatNeverFinishedIsKeptUnfinished() throws UploadRejected {
        ParsedRun run = Uploads.parse(upload(folder("\"Test never finished...\"").bytes(), Map.of()),
                UploadLimits.DEFAULTS);

        assertThat(run.run().unfinished()).isTrue();
        assertThat(run.run().error()).isEqualTo("Test never finished...");
        assertThat(run.testRuns().get(0).unfinished()).isTrue();
        assertThat(run.testRuns().get(1).unfinished()).isFalse();
    }

    @Test
    void aTestGroupWithoutOutcomesIsReadFromItsResultsJsonAndASkippedOneSaysWhy() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("null"))
                .file("RUN-TESTS_NET@5f2c-RPI_PICO_W/context_testgroup.json", """
                        {"testgroup": "RUN-TESTS_NET", "tentacle_variant": "5f2c-RPI_PICO_W", "msg_skipped": null,
                         "outcomes": []}""")
                .file("RUN-TESTS_NET@5f2c-RPI_PICO_W/_results.json", """
                        {"args": {"target": "rp2"}, "results": [["net_hosted/connect.py", "pass", ""],
                         ["net_inet/tls.py", "fail", "timeout"]], "failed_tests": ["net_inet/tls.py"]}""")
                .file("RUN-TESTS_BLE@5f2c-RPI_PICO_W/context_testgroup.json", """
                        {"testgroup": "RUN-TESTS_BLE", "tentacle_variant": "5f2c-RPI_PICO_W",
                         "msg_skipped": "no BLE reference tentacle", "outcomes": []}""");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.testRuns()).extracting(ParsedTestRun::group).containsExactly("RUN-TESTS_BLE", "RUN-TESTS_NET");
        assertThat(run.testRuns().get(0).error()).isEqualTo("skipped: no BLE reference tentacle");
        assertThat(run.testRuns().get(0).results()).isEmpty();
        assertThat(run.testRuns().get(1).variant()).isEqualTo("RPI_PICO_W");
        assertThat(run.testRuns().get(1).results()).extracting(ParsedResult::name, ParsedResult::verdict)
                .containsExactly(tuple("net_hosted/connect.py", Verdict.PASS), tuple("net_inet/tls.py", Verdict.FAIL));
    }

    @Test
    void anOlderFolderWithContextTestJsonIsOctoprobesToo() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("null"))
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2/context_test.json", """
                        {"testgroup": "RUN-TESTS_STANDARD", "port-variant": "RPI_PICO2", "time_start": "2025-04-18 23:30:00",
                         "results": [{"name": "basics/list1.py", "result": "pass", "text": null}]}""");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("octoprobe");
        assertThat(run.testRuns()).extracting(ParsedTestRun::group, ParsedTestRun::variant)
                .containsExactly(tuple("RUN-TESTS_STANDARD", "RPI_PICO2"));
    }

    @Test
    void anMpunitFolderForcedAsOctoprobeSaysWhatIsMissing() {
        TarGz tar = new TarGz().file("context.json", "{\"testbed\": \"lab\", \"time_start\": \"2026-12-01 02:00:00\"}");

        assertThatThrownBy(() -> Uploads.parse(Fixtures.upload(tar.bytes(), "octoprobe", Map.of(), ZoneId.of("UTC")),
                UploadLimits.DEFAULTS)).isInstanceOf(UploadRejected.class).hasFieldOrPropertyWithValue("status", 400)
                .hasMessage("format=octoprobe: no */context_testgroup.json and context.json has no testbed_name");
    }

    @Test
    void todaysTimeFormatAndATestGroupThatNeverFinished() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("\"\"")
                        .replace("2025-04-18 23:22:12", "2025-12-01_02-00-00-AEDT")
                        .replace("2025-04-19 01:02:03", "2025-12-01_03-00-00-AEDT"))
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV-first/context_testgroup.json", """
                        {"testgroup": "RUN-TESTS_STANDARD", "tentacle_variant": "5f2c-RPI_PICO2-RISCV",
                         "time_start": "2025-12-01_02-10-00-AEDT", "time_end": "2025-12-01_02-20-00-AEDT",
                         "msg_error": "Test never finished...", "msg_skipped": "", "outcomes": []}""");

        ParsedRun run = Uploads.parse(Fixtures.upload(tar.bytes(), null, Map.of(), ZoneId.of("Australia/Sydney")),
                UploadLimits.DEFAULTS);

        // Sydney is UTC+11 in December.
        assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2025-11-30T15:00:00Z"));
        assertThat(run.run().error()).isNull();
        assertThat(run.run().unfinished()).isFalse();
        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.timeEnd()).isEqualTo(OffsetDateTime.parse("2025-11-30T15:20:00Z"));
        assertThat(testRun.error()).isEqualTo("Test never finished...");
        assertThat(testRun.unfinished()).isTrue();
    }

    /**
     * Octoprobe's folders since August 2026: test ids {@code LABEL@serial-BOARD-VARIANT[-role],a} (a group run
     * again after failures is {@code ,b}), roles {@code instance0}/{@code instance1}, times with {@code %z}.
     */
    @Test
    void todaysTestIdsRolesRunLettersAndOffsets() throws UploadRejected {
        String multinet = """
                {"testgroup": "RUN-MULTITESTS_MULTINET", "tentacle_variant": "5f2c-RPI_PICO_W",
                 "tentacle_variant_role": "5f2c-RPI_PICO_W-%s", "tentacle_reference": "6038-RPI_PICO_W",
                 "time_start": "2026-08-12_17-35-04+0200", "time_end": "2026-08-12_17-40-04+0200",
                 "msg_error": "", "msg_skipped": "",
                 "outcomes": [{"name": "multi_net/tcp_data.py", "outcome": "%s", "text": ""}]}""";
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("\"\"")
                        .replace("2025-04-18 23:22:12", "2026-08-12_17-30-00+0200")
                        .replace("2025-04-19 01:02:03", "2026-08-12_18-00-00+0200"))
                .file("RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance0,a/context_testgroup.json",
                        multinet.formatted("instance0", "failed"))
                .file("RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance0,b/context_testgroup.json",
                        multinet.formatted("instance0", "passed"))
                .file("RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance1,a/context_testgroup.json",
                        multinet.formatted("instance1", "passed"));

        ParsedRun run = Uploads.parse(Fixtures.upload(tar.bytes(), null, Map.of(), ZoneId.of("Australia/Sydney")),
                UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("octoprobe");
        assertThat(run.run().timeStart()).as("the offset is the time's own").isEqualTo(
                OffsetDateTime.parse("2026-08-12T15:30:00Z"));
        assertThat(run.testRuns()).extracting(ParsedTestRun::group, ParsedTestRun::variant, ParsedTestRun::folder,
                ParsedTestRun::timeStart).containsExactly(
                        tuple("RUN-MULTITESTS_MULTINET", "RPI_PICO_W", "RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance0,a",
                                OffsetDateTime.parse("2026-08-12T15:35:04Z")),
                        tuple("RUN-MULTITESTS_MULTINET", "RPI_PICO_W", "RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance0,b",
                                OffsetDateTime.parse("2026-08-12T15:35:04Z")),
                        tuple("RUN-MULTITESTS_MULTINET", "RPI_PICO_W", "RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance1,a",
                                OffsetDateTime.parse("2026-08-12T15:35:04Z")));
        assertThat(run.testRuns()).extracting(testRun -> testRun.results().get(0).verdict())
                .containsExactly(Verdict.FAIL, Verdict.PASS, Verdict.PASS);
    }

    @Test
    void aTestIdNamesGroupAndTentacleWhenTheFileDoesNot() {
        assertThat(OctoprobeFolderParser.testId("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV,a"))
                .containsExactly("RUN-TESTS_STANDARD", "5f2c-RPI_PICO2-RISCV");
        assertThat(OctoprobeFolderParser.testId("RUN-MULTITESTS_MULTINET@5f2c-RPI_PICO_W-instance1,b"))
                .containsExactly("RUN-MULTITESTS_MULTINET", "5f2c-RPI_PICO_W");
        assertThat(OctoprobeFolderParser.testId("RUN-TESTS_STANDARD,a@5f2c-RPI_PICO2")).as("before August 2026")
                .containsExactly("RUN-TESTS_STANDARD", "5f2c-RPI_PICO2");
        assertThat(OctoprobeFolderParser.testId("RUN-PERFBENCH@1830-ESP32_GENERIC-first")).as("before runs had letters")
                .containsExactly("RUN-PERFBENCH", "1830-ESP32_GENERIC");
    }

    @Test
    void aTestgroupFileWithoutGroupOrTentacleIsNamedByItsFolder() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("null"))
                .file("RUN-TESTS_STANDARD@5f2c-RPI_PICO2-RISCV,a/context_testgroup.json", """
                        {"outcomes": [{"name": "basics/list1.py", "outcome": "passed", "text": ""}]}""");

        ParsedRun run = Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS);

        assertThat(run.testRuns()).extracting(ParsedTestRun::group, ParsedTestRun::variant, ParsedTestRun::tentacles)
                .containsExactly(tuple("RUN-TESTS_STANDARD", "RPI_PICO2-RISCV", java.util.List.of("5f2c-RPI_PICO2-RISCV")));
    }

    @Test
    void withoutRefTestsTheTestsGitRefIsTaken() throws UploadRejected {
        TarGz tar = new TarGz().file("context.json", CONTEXT.formatted("null")
                .replace("\"ref_tests\": \"https://github.com/micropython/micropython.git~17232\",", ""));

        assertThat(Uploads.parse(upload(tar.bytes(), Map.of()), UploadLimits.DEFAULTS).run().refTests())
                .isEqualTo("https://github.com/micropython/micropython.git~17232");
    }

    @Test
    void theBoardVariantIsTheTentacleVariantAfterItsSerialPrefix() {
        assertThat(OctoprobeFolderParser.boardVariant("5f2c-RPI_PICO2-RISCV")).isEqualTo("RPI_PICO2-RISCV");
        assertThat(OctoprobeFolderParser.boardVariant("PYBV11")).isEqualTo("PYBV11");
    }
}
