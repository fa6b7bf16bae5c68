package dev.mpunit.server.ingest;

import static dev.mpunit.server.ingest.Fixtures.upload;
import static dev.mpunit.server.ingest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JunitXmlTest {

    @Test
    void theConsoleLaunchersXmlGivesGroupVariantVerdictTentacleDurationAndFigures() throws UploadRejected {
        ParsedRun run = Uploads.parse(Fixtures.upload(Fixtures.consoleLauncherXml(), null,
                Map.of("testbed", "ci", "ref_tests", "https://github.com/micropython/micropython.git@master"),
                ZoneId.of("Europe/Zurich")), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("junit");
        assertThat(run.run().testbed()).isEqualTo("ci");
        assertThat(run.run().refTests()).isEqualTo("https://github.com/micropython/micropython.git@master");
        // The suite's timestamp, 17:13:11 in Zurich; its time, 2.966 s, gives the end.
        assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2026-12-06T16:13:11Z"));
        assertThat(run.run().timeEnd()).isEqualTo(OffsetDateTime.parse("2026-12-06T16:13:13.966Z"));
        assertThat(run.testRuns()).extracting(ParsedTestRun::group, ParsedTestRun::variant).containsExactlyInAnyOrder(
                tuple("RUN-TESTS_STANDARD", "webassembly"), tuple("RUN-PERFBENCH", "webassembly"));
        ParsedTestRun standard = testRun(run, "RUN-TESTS_STANDARD");
        ParsedResult tupleUnpack = result(standard, "basics/tuple_unpack.py");
        assertThat(tupleUnpack.verdict()).isEqualTo(Verdict.PASS);
        assertThat(tupleUnpack.tentacle()).isEqualTo("webassembly#1");
        assertThat(tupleUnpack.durationMs()).isEqualTo(5L);
        // A unittest case is a test of its own, named after its file; it has no report entries.
        ParsedResult testCase = result(standard, "basics/unittest_stack.py#TestStack.test_mixed_types");
        assertThat(testCase.verdict()).isEqualTo(Verdict.PASS);
        assertThat(testCase.durationMs()).isZero();
        assertThat(result(standard, "basics/unittest_stack.py").tentacle()).isNotNull();
        ParsedTestRun perfbench = testRun(run, "RUN-PERFBENCH");
        assertThat(perfbench.results()).allSatisfy(result -> assertThat(result.benchmark()).isNotNull());
        assertThat(result(perfbench, "perf_bench/core_calls.py").durationMs()).isEqualTo(1274L);
        assertThat(run.files()).extracting(UploadedFile::path).containsExactly("junit.xml");
    }

    @Test
    void surefiresXmlHasNoGroupOrVariantButTheParametersOrTheSuiteGiveThem() throws IOException, UploadRejected {
        byte[] xml = Files.readAllBytes(Fixtures.resource("surefire-TEST-MicroPythonTestsSuite.xml"));

        ParsedRun run = Uploads.parse(upload(xml, Map.of("testbed", "ci", "variant", "webassembly",
                "time_start", "2026-12-06T17:15:00+01:00")), UploadLimits.DEFAULTS);

        assertThat(run.run().timeStart()).isEqualTo(OffsetDateTime.parse("2026-12-06T16:15:00Z"));
        ParsedTestRun testRun = run.testRuns().get(0);
        assertThat(testRun.group()).isEqualTo("dev.mpunit.examples.MicroPythonTestsSuite");
        assertThat(testRun.variant()).isEqualTo("webassembly");
        assertThat(testRun.results()).extracting(ParsedResult::name, ParsedResult::verdict, ParsedResult::durationMs)
                .containsExactly(tuple("TestCodec.test_compression", Verdict.SKIP, 0L),
                        tuple("misc/thread_start_join.py", Verdict.SKIP, 0L),
                        tuple("TestHeapLock.test_emergency_exception_buffer", Verdict.SKIP, 0L),
                        tuple("TestCodec.test_round_trip", Verdict.PASS, 7L),
                        tuple("misc/sieve_primes.py", Verdict.PASS, 24L),
                        tuple("misc/fail_exp.py", Verdict.FAIL, 31L),
                        tuple("unicode/unicode_iter.py", Verdict.PASS, 1500L));
        assertThat(result(testRun, "TestCodec.test_compression").message()).isEqualTo("demonstrates a skipped case");
        assertThat(result(testRun, "misc/fail_exp.py").message())
                .startsWith("line 2 differs: expected 'b', printed 'c'\norg.opentest4j.AssertionFailedError");
        assertThat(run.testRuns()).allSatisfy(each -> assertThat(each.results())
                .noneSatisfy(result -> assertThat(String.valueOf(result.message())).contains("ghp_")));
        // The stored file keeps everything but the JVM's properties.
        String stored = new String(run.files().get(0).content(), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain("<properties", "<property", "ghp_", "java.home")
                .isEqualTo(new String(xml, StandardCharsets.UTF_8).replaceAll("(?s)<properties>.*</properties>\\s*", ""));
    }

    @Test
    void propertiesAreTakenOutOfEverySuiteOnlyWhereASuiteOpens() {
        String xml = """
                <?xml version="1.0"?>
                <testsuites name="all"><testsuite name="a>b" tests="1">
                  <properties><property name="GITHUB_TOKEN" value="ghp_secret"/></properties>
                  <testcase name="t"><system-out><![CDATA[<properties>printed</properties>]]></system-out></testcase>
                </testsuite><testsuite name='c'><properties/><testcase name="u"/></testsuite></testsuites>
                """;

        assertThat(new String(JunitXmlParser.withoutProperties(utf8(xml)), StandardCharsets.UTF_8)).isEqualTo("""
                <?xml version="1.0"?>
                <testsuites name="all"><testsuite name="a>b" tests="1">
                  <testcase name="t"><system-out><![CDATA[<properties>printed</properties>]]></system-out></testcase>
                </testsuite><testsuite name='c'><testcase name="u"/></testsuite></testsuites>
                """);
        byte[] none = utf8("<testsuite name=\"x\"><testcase name=\"t\"/></testsuite>");
        assertThat(JunitXmlParser.withoutProperties(none)).isSameAs(none);
    }

    @Test
    void testsuitesAndSeveralFilesOfAnArchiveAreOneRun() throws UploadRejected {
        String suite = """
                <testsuite name="%s" tests="1"><testcase name="%s" classname="%s" time="0.5"/></testsuite>""";
        byte[] body = new TarGz()
                .file("surefire-reports/TEST-a.xml", "<?xml version=\"1.0\"?><testsuites>"
                        + suite.formatted("com.example.ATest", "adds()", "com.example.ATest")
                        + suite.formatted("com.example.BTest", "subtracts()", "com.example.BTest") + "</testsuites>")
                .file("surefire-reports/TEST-c.xml", suite.formatted("com.example.CTest", "divides()", "com.example.CTest"))
                .file("surefire-reports/c.txt", "not XML")
                .bytes();

        ParsedRun run = Uploads.parse(upload(body, Map.of("testbed", "ci")), UploadLimits.DEFAULTS);

        assertThat(run.format()).isEqualTo("junit");
        assertThat(run.testRuns()).extracting(ParsedTestRun::group, ParsedTestRun::variant).containsExactly(
                tuple("com.example.ATest", "junit"), tuple("com.example.BTest", "junit"),
                tuple("com.example.CTest", "junit"));
        assertThat(run.files()).extracting(UploadedFile::path).containsExactly("TEST-a.xml", "TEST-c.xml", "c.txt");
    }

    @Test
    void theConsoleLaunchersReportEntriesKeepMultiLineValues() {
        String out = """

                Report Entry #1 (timestamp: 2026-12-06T17:13:10.720293935)
                \t- micropython.group: RUN-TESTS_STANDARD
                \t- micropython.verdict: fail
                \t- micropython.output: line one
                \t- not a key: stays in the output
                line three
                \t- micropython.incidents: board lost, restarted
                second run after a failure
                """;

        assertThat(JunitXmlParser.reportEntries(out)).containsExactly(
                Map.entry("micropython.group", "RUN-TESTS_STANDARD"), Map.entry("micropython.verdict", "fail"),
                Map.entry("micropython.output", "line one\n\t- not a key: stays in the output\nline three"),
                Map.entry("micropython.incidents", "board lost, restarted\nsecond run after a failure"));
    }

    @Test
    void aFailureReportedByTheEngineCarriesItsReasonIncidentsAndNoFigures() throws UploadRejected {
        String xml = """
                <testsuite name="MicroPython" tests="1" timestamp="2026-12-06T17:13:11">
                <testcase name="perf_bench/bm_fft.py" classname="MICROBIT" time="2.5">
                <failure message="CRASH"/>
                <system-out><![CDATA[
                unique-id: [engine:micropython]/[group:RUN-PERFBENCH]/[variant:MICROBIT]/[file:perf_bench%2Fbm_fft.py]
                display-name: MicroPython > RUN-PERFBENCH > MICROBIT > perf_bench/bm_fft.py
                ]]></system-out>
                <system-out><![CDATA[
                Report Entry #1 (timestamp: 2026-12-06T17:13:10.720293935)
                \t- micropython.tentacle: mb01-MICROBIT
                \t- micropython.duration: 2400
                \t- micropython.verdict: fail
                \t- micropython.reason: CRASH with mpt_leakedToken1
                \t- micropython.output: 1
                2
                CRASH
                \t- micropython.expected: 1
                2
                3
                \t- micropython.incidents: mb01-MICROBIT lost, restarted
                second run after a failure
                \t- micropython.perfbench: 71705.62 0.0048 278.92 0.0048
                ]]></system-out>
                </testcase>
                </testsuite>
                """;

        ParsedRun run = Uploads.parse(upload(utf8(xml), Map.of("testbed", "lab")), UploadLimits.DEFAULTS);

        ParsedResult result = run.testRuns().get(0).results().get(0);
        assertThat(result.name()).isEqualTo("perf_bench/bm_fft.py");
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.message()).isEqualTo("CRASH with mpt_***");
        assertThat(result.tentacle()).isEqualTo("mb01-MICROBIT");
        assertThat(result.durationMs()).isEqualTo(2400L);
        assertThat(result.incidents()).containsExactly("mb01-MICROBIT lost, restarted", "second run after a failure");
        assertThat(result.benchmark()).isNull();
        // The output and expected output in the XML become the .out and .exp a results folder has.
        assertThat(result.outputPath()).isEqualTo("RUN-PERFBENCH@MICROBIT/perf_bench_bm_fft.py.out");
        assertThat(result.expectedPath()).isEqualTo("RUN-PERFBENCH@MICROBIT/perf_bench_bm_fft.py.exp");
        assertThat(run.files()).extracting(UploadedFile::path).containsExactly("junit.xml",
                "RUN-PERFBENCH@MICROBIT/perf_bench_bm_fft.py.out", "RUN-PERFBENCH@MICROBIT/perf_bench_bm_fft.py.exp");
        assertThat(new String(run.files().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("1\n2\nCRASH\n");
        assertThat(new String(run.files().get(2).content(), StandardCharsets.UTF_8)).isEqualTo("1\n2\n3\n");
        assertThat(new String(run.files().get(0).content(), StandardCharsets.UTF_8)).doesNotContain("leakedToken1");
    }

    @Test
    void aFlakyFileIsStoredAsJunitWasToldOfItWithItsLastRunsEntries() throws UploadRejected {
        String xml = """
                <testsuite name="MicroPython" tests="1" timestamp="2026-12-06T17:13:11">
                <testcase name="basics/toggle.py" classname="unix" time="0.1">
                <system-out><![CDATA[
                unique-id: [engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:unix]/[file:basics%2Ftoggle.py]
                ]]></system-out>
                <system-out><![CDATA[
                Report Entry #1 (timestamp: 2026-12-06T17:13:10.720293935)
                \t- micropython.tentacle: unix#1
                \t- micropython.verdict: fail
                \t- micropython.attempt: 1
                \t- micropython.output: wrong
                Report Entry #2 (timestamp: 2026-12-06T17:13:10.820293935)
                \t- micropython.tentacle: unix#2
                \t- micropython.verdict: flaky
                \t- micropython.attempt: 2
                \t- micropython.attempts: fail pass
                \t- micropython.output: right
                ]]></system-out>
                </testcase>
                </testsuite>
                """;

        ParsedRun run = Uploads.parse(upload(utf8(xml), Map.of("testbed", "lab")), UploadLimits.DEFAULTS);

        ParsedResult result = run.testRuns().get(0).results().get(0);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.tentacle()).isEqualTo("unix#2");
    }

    @Test
    void xmlWithoutTestbedNeedsTheParameter() {
        assertThatThrownBy(() -> Uploads.parse(upload(Fixtures.consoleLauncherXml(), Map.of()), UploadLimits.DEFAULTS))
                .isInstanceOf(UploadRejected.class).hasFieldOrPropertyWithValue("status", 400)
                .hasMessage("JUnit XML does not name its testbed: give ?testbed=<name>, the testbed whose token pushes it");
    }

    private static ParsedTestRun testRun(ParsedRun run, String group) {
        return run.testRuns().stream().filter(testRun -> testRun.group().equals(group)).findFirst().orElseThrow();
    }

    private static ParsedResult result(ParsedTestRun testRun, String name) {
        return testRun.results().stream().filter(result -> result.name().equals(name)).findFirst().orElseThrow();
    }
}
