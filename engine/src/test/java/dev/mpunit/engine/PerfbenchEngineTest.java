package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.engine.verdict.PythonAvailable;

/**
 * RUN-PERFBENCH on the scripted {@code fake} target: each rule of run-perfbench.py (feature skips,
 * "too large", SKIP and "no matching params", FAIL self, FAIL truth against the .exp or CPython, a
 * crash, the line and its figures), with the runs' outputs written in the benchmarks'
 * {@code # fake:} lines. The benchmarks are Python too, for CPython's truth.
 */
class PerfbenchEngineTest {

    /** A table whose first key needs M 10, and a result CPython computes as 42. */
    private static final String BENCHMARK = """
            bm_params = {
                (10, 10): 7,
            }


            def bm_setup(p):
                return (lambda: None), (lambda: (p, p * 6))
            """;

    @TempDir
    Path folder;

    private Path tests() {
        return folder.resolve("tests");
    }

    /** {@code tests/perf_bench/<name>}: the fake's lines, then the Python of the benchmark. */
    private Path benchWith(String name, String python, String... directives) throws IOException {
        Path file = tests().resolve("perf_bench").resolve(name);
        Files.createDirectories(file.getParent());
        Files.createDirectories(tests().resolve("feature_check"));
        Files.copy(Path.of("../examples/tests/perf_bench/benchrun.py"), file.resolveSibling("benchrun.py"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(file, Arrays.stream(directives).map(line -> "# fake: " + line + "\n").collect(Collectors.joining())
                + python);
        return file;
    }

    private Path bench(String name, String... directives) throws IOException {
        return benchWith(name, BENCHMARK, directives);
    }

    private Path exp(Path bench, String expected) throws IOException {
        return Files.writeString(bench.resolveSibling(bench.getFileName() + ".exp"), expected);
    }

    private EngineTestKit.Builder engine() {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.target", "fake")
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.perfbench.average", "4")
                .configurationParameter("micropython.perfbench.n-m", "100 100")
                // No CPython unless a test asks for it: a truth run would fail on this.
                .configurationParameter("micropython.cpython", folder.resolve("no-cpython").toString())
                .selectors(selectDirectory(tests().resolve("perf_bench").toFile()));
    }

    /** Per benchmark: its status and message, as JUnit reports it ({@code SUCCESSFUL}, {@code ABORTED: …}). */
    private static Map<String, String> outcomes(EngineExecutionResults results) {
        Map<String, String> outcomes = new TreeMap<>();
        for (Event event : results.testEvents().list()) {
            String name = event.getTestDescriptor().getDisplayName();
            if (event.getType() == EventType.SKIPPED) {
                outcomes.put(name, "SKIPPED: " + event.getPayload(String.class).orElse(""));
            } else if (event.getType() == EventType.FINISHED) {
                TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
                outcomes.put(name, result.getStatus() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""));
            }
        }
        return outcomes;
    }

    private static Map<String, String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().containsKey(key))
                .collect(Collectors.toMap(event -> event.getTestDescriptor().getDisplayName(),
                        event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key),
                        (a, b) -> a, TreeMap::new));
    }

    private static AssertionFailedError failure(EngineExecutionResults results, String name) {
        return (AssertionFailedError) results.testEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getDisplayName().equals(name)).findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @Test
    void aBenchmarkPassesWithTheLineOfItsRunsFiguresAsRunPerfbenchPrintsIt() throws IOException {
        exp(bench("bm_steady.py", "print each 1000 10 42 | 1200 10 42 | 1100 10 42 | 900 10 42"), "42\n");

        EngineExecutionResults results = engine().execute();

        assertThat(outcomes(results)).containsExactly(Map.entry("perf_bench/bm_steady.py", "SUCCESSFUL"));
        // run-perfbench.py -a 4 on runs of 1000, 1200, 1100 and 900 us with norm 10 prints this.
        assertThat(entries(results, ReportEntryKeys.PERFBENCH)).containsEntry("perf_bench/bm_steady.py",
                "1050.00 10.6479 9633.84 10.7654");
        assertThat(entries(results, ReportEntryKeys.GROUP)).containsEntry("perf_bench/bm_steady.py", "RUN-PERFBENCH");
        Map<String, String> own = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(ReportEntryKeys.GROUP)).findFirst().orElseThrow();
        assertThat(own).containsEntry(ReportEntryKeys.PERFBENCH_PARAMS, "N=100 M=100 n_average=4")
                .containsEntry(ReportEntryKeys.PERFBENCH_TIME, "1050.00")
                .containsEntry(ReportEntryKeys.PERFBENCH_TIME_SD, "10.6479")
                .containsEntry(ReportEntryKeys.PERFBENCH_SCORE, "9633.84")
                .containsEntry(ReportEntryKeys.PERFBENCH_SCORE_SD, "10.7654")
                .containsEntry(ReportEntryKeys.VERDICT, "pass")
                // run-perfbench.py's reason for a pass is empty.
                .doesNotContainKey(ReportEntryKeys.REASON);
    }

    @Test
    void theHarnessIsNoBenchmark() throws IOException {
        exp(bench("bm_one.py", "print 1000 10 42"), "42\n");

        assertThat(outcomes(engine().execute())).containsOnlyKeys("perf_bench/bm_one.py");
    }

    @Test
    void aResultThatChangesBetweenRunsIsFailSelfWithBothResults() throws IOException {
        exp(bench("bm_moody.py", "print each 1000 10 42 | 1000 10 43"), "42\n");

        EngineExecutionResults results = engine().execute();

        assertThat(outcomes(results)).containsExactly(Map.entry("perf_bench/bm_moody.py", "FAILED: FAIL self"));
        AssertionFailedError failure = failure(results, "perf_bench/bm_moody.py");
        assertThat(failure.getExpected().getStringRepresentation()).isEqualTo("42\n");
        assertThat(failure.getActual().getStringRepresentation()).isEqualTo("43\n");
    }

    @Test
    void onlyTheConfiguredNumberOfRunsIsMade() throws IOException {
        // The third run would differ: with two runs it never happens.
        exp(bench("bm_third.py", "print each 1000 10 42 | 1000 10 42 | 1000 10 43"), "42\n");

        EngineExecutionResults two = engine().configurationParameter("micropython.perfbench.average", "2").execute();
        assertThat(outcomes(two)).containsExactly(Map.entry("perf_bench/bm_third.py", "SUCCESSFUL"));
        assertThat(entries(two, ReportEntryKeys.PERFBENCH)).containsEntry("perf_bench/bm_third.py",
                "1000.00 0.0000 10000.00 0.0000");

        EngineExecutionResults three = engine().configurationParameter("micropython.perfbench.average", "3").execute();
        assertThat(outcomes(three)).containsExactly(Map.entry("perf_bench/bm_third.py", "FAILED: FAIL self"));
    }

    @Test
    void aResultUnlikeTheExpIsFailTruth() throws IOException {
        exp(bench("bm_wrong.py", "print 1000 10 41"), "  42\n\n");

        EngineExecutionResults results = engine().execute();

        assertThat(outcomes(results)).containsExactly(Map.entry("perf_bench/bm_wrong.py", "FAILED: FAIL truth"));
        assertThat(failure(results, "perf_bench/bm_wrong.py").getExpected().getStringRepresentation()).isEqualTo("42\n");
    }

    @Test
    void withoutAnExpTheTruthIsWhatCPythonPrintsForTheSameScript() throws IOException {
        PythonAvailable.assumePython();
        bench("bm_right.py", "print 1000 10 42");
        bench("bm_wrong.py", "print 1000 10 41");
        // A result CPython cannot agree with: its run of the same script prints its own name.
        benchWith("bm_who.py", """
                import sys

                bm_params = {
                    (10, 10): 1,
                }


                def bm_setup(p):
                    return (lambda: None), (lambda: (p, sys.implementation.name))
                """, "print 1000 10 micropython");

        EngineExecutionResults results = engine().configurationParameter("micropython.cpython", "python3").execute();

        assertThat(outcomes(results)).containsExactly(
                Map.entry("perf_bench/bm_right.py", "SUCCESSFUL"),
                Map.entry("perf_bench/bm_who.py", "FAILED: FAIL truth"),
                Map.entry("perf_bench/bm_wrong.py", "FAILED: FAIL truth"));
        assertThat(failure(results, "perf_bench/bm_who.py").getExpected().getStringRepresentation()).isEqualTo("cpython\n");
    }

    @Test
    void aResultOfNoneIsNotCheckedAgainstAnyTruth() throws IOException {
        // No .exp and a CPython that cannot start: a truth run would fail the test.
        bench("bm_none.py", "print each 1000 10 None | 1010 10 None");

        EngineExecutionResults results = engine().execute();

        assertThat(outcomes(results)).containsExactly(Map.entry("perf_bench/bm_none.py", "SUCCESSFUL"));
    }

    @Test
    void aDryRunSkipsWhatRunPerfbenchWouldSkipBeforeRunningAndFindsTheRestWithoutRunningThem() throws IOException {
        bench("viper_call.py", "print 1000 10 None");
        benchWith("bm_big.py", "bm_params = {\n    (10, 200): 1,\n}\n", "print 1000 10 1");
        // Would fail (FAIL self) if it ran: a dry run never gets that far.
        exp(bench("bm_unsteady.py", "print each 1000 10 1 | 1000 10 2"), "1\n");

        EngineExecutionResults results = engine().configurationParameter("micropython.dry-run", "true").execute();

        results.testEvents().assertStatistics(stats -> stats.started(0).skipped(3));
        assertThat(outcomes(results)).containsExactly(
                Map.entry("perf_bench/bm_big.py", "SKIPPED: too large"),
                Map.entry("perf_bench/bm_unsteady.py", "SKIPPED: found (dry run)"),
                Map.entry("perf_bench/viper_call.py", "SKIPPED: native not supported"));
        assertThat(entries(results, ReportEntryKeys.VERDICT)).containsExactly(Map.entry("perf_bench/bm_unsteady.py", "found"));
        // What it would have been built with is known without running it.
        assertThat(entries(results, ReportEntryKeys.PERFBENCH_PARAMS))
                .containsExactly(Map.entry("perf_bench/bm_unsteady.py", "N=100 M=100 n_average=4"));
    }

    @Test
    void aBenchmarkWhoseFirstKeyNeedsMoreHeapThanMIsTooLarge() throws IOException {
        // The first key in source order decides, not the smallest: bm_later fits.
        benchWith("bm_big.py", "bm_params = {\n    (10, 200): 1,\n    (10, 5): 2,\n}\n", "print 1000 10 1");
        exp(benchWith("bm_later.py", "bm_params = {\n    (10, 50): 1,\n    (10, 500): 2,\n}\n", "print 1000 10 1"), "1\n");

        EngineExecutionResults results = engine().execute();

        assertThat(outcomes(results)).containsExactly(
                Map.entry("perf_bench/bm_big.py", "ABORTED: too large"),
                Map.entry("perf_bench/bm_later.py", "SUCCESSFUL"));
        assertThat(entries(results, ReportEntryKeys.REASON)).containsExactly(Map.entry("perf_bench/bm_big.py", "too large"));
        assertThat(entries(results, ReportEntryKeys.PERFBENCH_PARAMS))
                .containsEntry("perf_bench/bm_big.py", "N=100 M=100 n_average=4");
        assertThat(entries(results, ReportEntryKeys.PERFBENCH)).containsOnlyKeys("perf_bench/bm_later.py");
    }

    @Test
    void theBenchmarksOwnSkipsAreSkips() throws IOException {
        bench("bm_skip.py", "print SKIP");
        bench("bm_small_n.py", "print -1 -1 SKIP: no matching params");

        EngineExecutionResults results = engine().execute();

        assertThat(outcomes(results)).containsExactly(
                Map.entry("perf_bench/bm_skip.py", "ABORTED: SKIP"),
                Map.entry("perf_bench/bm_small_n.py", "ABORTED: SKIP: no matching params"));
        assertThat(entries(results, ReportEntryKeys.VERDICT)).containsValues("skip", "skip");
    }

    @Test
    void viperBenchmarksSkipOnATargetWithoutNativeCode() throws IOException {
        // The fake answers the feature checks as a board without the native emitter.
        bench("viper_call.py", "print 1000 10 None");

        assertThat(outcomes(engine().execute()))
                .containsExactly(Map.entry("perf_bench/viper_call.py", "ABORTED: native not supported"));
    }

    @Test
    void fftAndMandelSkipOnATargetWithoutComplexNumbers() throws IOException {
        bench("bm_fft.py", "print 1000 10 None");
        bench("misc_mandel.py", "print 1000 10 None");
        bench("bm_other.py", "print 1000 10 None");
        // The tree's own feature checks: complex.py prints no "complex" here.
        Files.writeString(tests().resolve("feature_check/target_info.py"), "# fake: print fake None 0 standard None 64 True detailed\n");
        Files.writeString(tests().resolve("feature_check/complex.py"), "# fake: print no complex\n");

        assertThat(outcomes(engine().execute())).containsExactly(
                Map.entry("perf_bench/bm_fft.py", "ABORTED: complex not supported"),
                Map.entry("perf_bench/bm_other.py", "SUCCESSFUL"),
                Map.entry("perf_bench/misc_mandel.py", "ABORTED: complex not supported"));
    }

    @Test
    void outputThatIsNoFiguresIsACrashQuotedAsRunPerfbenchQuotesIt() throws IOException {
        bench("bm_crash.py", "print Traceback (most recent call last):", "print   File \"<stdin>\", line 9, in <lambda>",
                "print ZeroDivisionError: divide by zero");
        bench("bm_hang.py", "hang");

        EngineExecutionResults results = engine().configurationParameter("micropython.timeout", "200ms").execute();

        assertThat(outcomes(results)).containsEntry("perf_bench/bm_crash.py", "FAILED: CRASH: 'Traceback (most recent"
                + " call last):\\n  File \"<stdin>\", line 9, in <lambda>\\nZeroDivisionError: divide by zero'");
        assertThat(outcomes(results).get("perf_bench/bm_hang.py")).startsWith("FAILED: CRASH: '' (timed out after");
    }

    @Test
    void aRunTooFastForTheClockFailsSayingSoWhereRunPerfbenchWouldDie() throws IOException {
        exp(bench("bm_instant.py", "print 0 10 42"), "42\n");

        assertThat(outcomes(engine().execute()).get("perf_bench/bm_instant.py"))
                .isEqualTo("FAILED: CRASH: run 1 took 0 us, below the target's clock resolution: a larger N"
                        + " (micropython.perfbench.n-m) gives it more work");
    }

    @Test
    void aBenchmarkWithoutATableFailsWithRunPerfbenchsWordsAndTheOthersRun() throws IOException {
        benchWith("bm_untabled.py", "def bm_setup(p):\n    pass\n", "print 1000 10 1");
        exp(bench("bm_fine.py", "print 1000 10 42"), "42\n");

        Map<String, String> outcomes = outcomes(engine().execute());

        assertThat(outcomes.get("perf_bench/bm_untabled.py"))
                .startsWith("FAILED: Test file 'perf_bench/bm_untabled.py' doesn't contain valid 'bm_params'");
        assertThat(outcomes.get("perf_bench/bm_fine.py")).isEqualTo("SUCCESSFUL");
    }

    @Test
    void aTentaclesInventoryNAndMComeBeforeTheKeyAndTheKeyBeforeTheDefault() throws IOException {
        // First key M 150: too large below it.
        exp(benchWith("bm_mid.py", "bm_params = {\n    (10, 150): 1,\n}\n", "print 1000 10 1"), "1\n");
        Path inventory = Files.writeString(folder.resolve("testbed.json"), """
                {"testbed": "fakes", "tentacles": [
                  {"serial": "fake-small", "board": "MICROBIT", "futs": ["MCU_ONLY", "EXTMOD_HARDWARE"],
                   "perfbench": {"n": 32, "m": 10}, "dut": {"emulator": "fake"}},
                  {"serial": "fake-plain", "board": "RPI_PICO", "futs": ["MCU_ONLY", "EXTMOD_HARDWARE"],
                   "dut": {"emulator": "fake"}}]}
                """);
        EngineTestKit.Builder testbed = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.testbed", inventory.toString())
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.perfbench.average", "2")
                .selectors(selectDirectory(tests().resolve("perf_bench").toFile()));

        // The board default (100 100) is below 150; the key lifts the tentacle without its own field.
        assertThat(variantOutcomes(testbed.execute())).containsExactly(
                Map.entry("MICROBIT", "ABORTED: too large"), Map.entry("RPI_PICO", "ABORTED: too large"));
        assertThat(variantOutcomes(testbed.configurationParameter("micropython.perfbench.n-m", "200 200").execute()))
                .containsExactly(Map.entry("MICROBIT", "ABORTED: too large"), Map.entry("RPI_PICO", "SUCCESSFUL"));
    }

    @Test
    void theExamplesBenchmarksRunOnWebAssemblyMicroPython() {
        WebAssemblyAvailable.assumeNode();
        PythonAvailable.assumePython();
        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.workers", "1")
                .configurationParameter("micropython.perfbench.average", "3")
                .selectors(selectDirectory(Path.of("../examples/tests/perf_bench").toFile()))
                .execute();

        Map<String, String> lines = entries(results, ReportEntryKeys.PERFBENCH);
        lines.forEach((name, line) -> System.out.println("webassembly, N=100 M=100 n_average=3: " + name + ": " + line));
        assertThat(outcomes(results)).containsExactly(
                Map.entry("perf_bench/bm_sieve.py", "SUCCESSFUL"),
                Map.entry("perf_bench/core_calls.py", "SUCCESSFUL"),
                Map.entry("perf_bench/misc_checksum.py", "SUCCESSFUL"));
        assertThat(lines.values()).hasSize(3).allMatch(line -> line.matches("\\d+\\.\\d{2} \\d+\\.\\d{4} \\d+\\.\\d{2} \\d+\\.\\d{4}"));
    }

    private static Map<String, String> variantOutcomes(EngineExecutionResults results) {
        return results.testEvents().finished().stream().collect(Collectors.toMap(
                event -> event.getTestDescriptor().getUniqueId().getSegments().get(2).getValue(),
                event -> {
                    TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
                    return result.getStatus() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse("");
                }, (a, b) -> a, TreeMap::new));
    }
}
