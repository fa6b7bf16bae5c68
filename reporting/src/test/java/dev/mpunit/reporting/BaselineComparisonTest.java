package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;

class BaselineComparisonTest {

    @TempDir
    Path temp;

    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void eachTestLandsInTheListThatSaysWhatChanged() {
        FolderResults then = folder(run("RUN-TESTS_STANDARD", "webassembly", Map.of("a.py", "pass", "b.py", "fail",
                "c.py", "fail", "gone.py", "pass", "d.py", "skip")), run("RUN-PERFBENCH", "unix", Map.of("p.py", "pass")),
                run("RUN-TESTS_STANDARD", "old", Map.of("x.py", "pass")));
        FolderResults now = folder(run("RUN-TESTS_STANDARD", "webassembly", Map.of("a.py", "fail", "b.py", "pass",
                "c.py", "fail", "new.py", "fail", "d.py", "fail")), run("RUN-PERFBENCH", "unix", Map.of("p.py", "pass")));

        BaselineComparison comparison = BaselineComparison.compare("/prev", then, now);

        assertThat(comparison.runs()).extracting(BaselineComparison.RunDelta::name).containsExactly(
                "RUN-PERFBENCH@unix", "RUN-TESTS_STANDARD@old", "RUN-TESTS_STANDARD@webassembly");
        BaselineComparison.RunDelta wasm = comparison.runs().get(2);
        assertThat(wasm.presence()).isEqualTo("both");
        // d.py was skipped then: failing now is not news against a pass the baseline never had.
        assertThat(wasm.newFailures()).containsExactly("a.py", "new.py");
        assertThat(wasm.fixed()).containsExactly("b.py");
        assertThat(wasm.stillFailing()).containsExactly("c.py");
        assertThat(wasm.newTests()).containsExactly("new.py");
        assertThat(wasm.goneTests()).containsExactly("gone.py");
        assertThat(wasm.perfbench()).isNull();
        assertThat(comparison.runs().get(1).presence()).isEqualTo("gone");
        assertThat(comparison.runs().get(1).goneTests()).containsExactly("x.py");
        // Verdicts without figures (run-tests.py's files, an older folder): no benchmark to compare.
        assertThat(comparison.runs().get(0).perfbench().entries()).isEmpty();

        Map<String, Object> json = JsonReader.object(Json.write(comparison.json()));
        assertThat(json).containsEntry("baseline", "/prev").containsEntry("error", null);
        assertThat(json.get("totals")).isEqualTo(Map.of("new_failures", 2L, "fixed", 1L, "still_failing", 1L,
                "new_tests", 1L, "gone_tests", 2L));
        assertThat(comparison.markdown()).contains("| RUN-TESTS_STANDARD@webassembly | 2 | 1 | 1 | 1 | 1 |",
                "| RUN-TESTS_STANDARD@old (gone) |", "New failures:\n\n- `a.py`\n- `new.py`\n",
                "Benchmarks: none passed in both runs, nothing to compare.");
    }

    /** Lines of two runs of run-perfbench.py (-a 3, N=100 M=100, unix), and what its -m and -s print for them. */
    private static final Map<String, String> FIRST = Map.of(
            "perf_bench/bm_chaos.py", "1461.00 0.6589 34224.62 0.6570",
            "perf_bench/bm_fannkuch.py", "923.00 11.4156 6579.89 10.5636",
            "perf_bench/bm_float.py", "437.00 5.5709 573820.53 5.4399",
            "perf_bench/core_qstr.py", "178.67 0.9513 22390.08 0.9466");
    private static final Map<String, String> SECOND = Map.of(
            "perf_bench/bm_chaos.py", "2783.67 66.1621 25603.85 45.1441",
            "perf_bench/bm_fannkuch.py", "1871.33 76.3540 5159.94 49.5927",
            "perf_bench/bm_float.py", "466.67 0.7071 535741.02 0.7057",
            "perf_bench/core_qstr.py", "178.00 1.6539 22478.01 1.6413");

    @Test
    void benchmarksAreComparedAsRunPerfbenchComparesThemToTheCharacter() {
        PerfbenchDiff diff = PerfbenchDiff.of(FIRST, SECOND);

        assertThat(diff.upstream(false, "N=100 M=100", "/tmp/pb/d1.txt", "/tmp/pb/d2.txt")).isEqualTo("""
                diff of microsecond times (lower is better)
                N=100 M=100                /tmp/pb/d1.txt -> /tmp/pb/d2.txt         diff      diff% (error%)
                bm_chaos.py                   1461.00 ->    2783.67 :   +1322.67 = +90.532% (+/-126.06%)
                bm_fannkuch.py                 923.00 ->    1871.33 :    +948.33 = +102.744% (+/-155.22%)
                bm_float.py                    437.00 ->     466.67 :     +29.67 =  +6.789% (+/-5.62%)
                core_qstr.py                   178.67 ->     178.00 :      -0.67 =  -0.375% (+/-1.90%)
                """);
        assertThat(diff.upstream(true, "N=100 M=100", "/tmp/pb/d1.txt", "/tmp/pb/d2.txt")).isEqualTo("""
                diff of scores (higher is better)
                N=100 M=100                /tmp/pb/d1.txt -> /tmp/pb/d2.txt         diff      diff% (error%)
                bm_chaos.py                  34224.62 ->   25603.85 :   -8620.77 = -25.189% (+/-33.78%)
                bm_fannkuch.py                6579.89 ->    5159.94 :   -1419.95 = -21.580% (+/-40.30%)
                bm_float.py                 573820.53 ->  535741.02 :  -38079.51 =  -6.636% (+/-5.48%)
                core_qstr.py                 22390.08 ->   22478.01 :     +87.93 =  +0.393% (+/-1.90%)
                """);
    }

    @Test
    void aChangeLargerThanTwiceTheCombinedSpreadIsBeyondNoiseAndOnlyBenchmarksWithFiguresInBothAreCompared() {
        Map<String, String> second = new LinkedHashMap<>(SECOND);
        second.remove("perf_bench/core_qstr.py");
        second.put("perf_bench/bm_fannkuch.py", "400.00 1.0000 15000.00 1.0000");
        FolderResults then = folder(new FolderResults.Run("RUN-PERFBENCH", "unix", Map.of(), FIRST));
        FolderResults now = folder(new FolderResults.Run("RUN-PERFBENCH", "unix", Map.of(), second));

        BaselineComparison comparison = BaselineComparison.compare("/prev", then, now);

        PerfbenchDiff diff = comparison.runs().get(0).perfbench();
        assertThat(diff.entries()).extracting(PerfbenchDiff.Entry::name)
                .containsExactly("bm_chaos.py", "bm_fannkuch.py", "bm_float.py");
        // bm_fannkuch: -56.66% against +/-11.42% in time; bm_float's +6.79% against +/-5.62% is beyond one
        // standard deviation, not two: noise.
        assertThat(comparison.markdown()).contains("```\ndiff of microsecond times (lower is better)\n"
                        + "RUN-PERFBENCH@unix           baseline ->   this run         diff      diff% (error%)\n",
                "Beyond noise (ours: a change is beyond noise when it is larger than twice the combined spread",
                "- `perf_bench/bm_fannkuch.py`: time faster -56.66% (+/-11.42%), score better +127.97% (+/-10.81%)\n")
                .doesNotContain("- `perf_bench/bm_chaos.py`").doesNotContain("- `perf_bench/bm_float.py`");
        Map<String, Object> json = JsonReader.object(Json.write(comparison.json()));
        Map<?, ?> perfbench = (Map<?, ?>) ((Map<?, ?>) ((List<?>) json.get("runs")).get(0)).get("perfbench");
        List<?> benchmarks = (List<?>) perfbench.get("benchmarks");
        assertThat(benchmarks).hasSize(3);
        Map<?, ?> fannkuch = (Map<?, ?>) benchmarks.get(1);
        assertThat(fannkuch.get("name")).isEqualTo("perf_bench/bm_fannkuch.py");
        assertThat(fannkuch.get("time")).isEqualTo("faster");
        assertThat(fannkuch.get("score")).isEqualTo("better");
        assertThat(((Map<?, ?>) benchmarks.get(2)).get("time")).isEqualTo("noise");
        assertThat(((Map<?, ?>) benchmarks.get(2)).get("score")).isEqualTo("noise");
    }

    @Test
    void aRunComparedWithAnEarlierFolderOfTheListenerWritesBaselineFiles() throws IOException {
        Path previous = temp.resolve("previous");
        runListener(previous, null, Map.of("basics/a.py", "pass", "basics/b.py", "fail"));
        Path current = temp.resolve("current");

        runListener(current, previous.toString(), Map.of("basics/a.py", "fail", "basics/b.py", "pass"));

        Map<String, Object> json = JsonReader.object(Files.readString(current.resolve("baseline.json")));
        assertThat(json).containsEntry("baseline", previous.toAbsolutePath().toString()).containsEntry("error", null);
        Map<?, ?> run = (Map<?, ?>) ((List<?>) json.get("runs")).get(0);
        assertThat(run.get("run")).isEqualTo("RUN-TESTS_STANDARD@webassembly");
        assertThat(run.get("new_failures")).isEqualTo(List.of("basics/a.py"));
        assertThat(run.get("fixed")).isEqualTo(List.of("basics/b.py"));
        assertThat(current.resolve("baseline.md")).content().contains("New failures:\n\n- `basics/a.py`");
        assertThat(JsonReader.object(Files.readString(current.resolve("context.json")))).containsEntry("error", null);
    }

    @Test
    void theBaselineMayBeTheFolderThisRunOverwrites() throws IOException {
        Path folder = temp.resolve("results");
        runListener(folder, null, Map.of("basics/a.py", "pass"));
        // A run of an earlier plan that this one does not repeat: it stays in the folder, but was not run now.
        Path stale = Files.createDirectories(folder.resolve("RUN-TESTS_STANDARD@unix"));
        Files.writeString(stale.resolve("_results.json"), Files.readString(
                folder.resolve("RUN-TESTS_STANDARD@webassembly/_results.json")).replace("webassembly", "unix"));

        runListener(folder, folder.toString(), Map.of("basics/a.py", "fail"));

        List<?> runs = (List<?>) JsonReader.object(Files.readString(folder.resolve("baseline.json"))).get("runs");
        assertThat(runs.stream().map(run -> (Object) ((Map<?, ?>) run).get("presence")).toList()).containsExactly("gone", "both");
        assertThat(((Map<?, ?>) runs.get(1)).get("new_failures")).isEqualTo(List.of("basics/a.py"));
    }

    @Test
    void aMissingBaselineIsSaidAndTheRunGoesOn() throws IOException {
        Path current = temp.resolve("current");
        Path missing = temp.resolve("no-such-folder");

        runListener(current, missing.toString(), Map.of("basics/a.py", "pass"));

        assertThat(current.resolve("RUN-TESTS_STANDARD@webassembly/_results.json")).exists();
        assertThat(current.resolve("baseline.md")).content().contains("Not compared: baseline not read: " + missing);
        assertThat(JsonReader.object(Files.readString(current.resolve("baseline.json"))))
                .containsEntry("error", "baseline not read: " + missing + " is not a folder").containsEntry("runs", List.of());
        assertThat(JsonReader.object(Files.readString(current.resolve("context.json"))).get("error"))
                .isEqualTo("baseline not read: " + missing + " is not a folder");
    }

    @Test
    void anUnreadableBaselineNamesTheFile() throws IOException {
        Path broken = Files.createDirectories(temp.resolve("broken/RUN-TESTS_STANDARD@webassembly"));
        Files.writeString(broken.resolve("context_test.json"), "{\"results\": [");

        Path current = temp.resolve("current");
        runListener(current, temp.resolve("broken").toString(), Map.of("basics/a.py", "pass"));

        assertThat((String) JsonReader.object(Files.readString(current.resolve("context.json"))).get("error"))
                .startsWith("baseline not read: cannot read the results in " + broken);
    }

    @Test
    void aRunTestsPyFolderIsABaselineToo() throws IOException {
        Path runTests = Files.createDirectories(temp.resolve("run-tests"));
        Files.writeString(runTests.resolve("_results.json"), """
                {"args": {"target": "webassembly", "group": "RUN-TESTS_STANDARD"},
                 "results": [["basics/a.py", "fail", ""]], "failed_tests": ["basics/a.py"]}
                """);

        FolderResults results = FolderResults.read(runTests);

        assertThat(results.runs()).containsOnlyKeys("RUN-TESTS_STANDARD@webassembly");
        assertThat(results.runs().get("RUN-TESTS_STANDARD@webassembly").results()).isEqualTo(Map.of("basics/a.py", "fail"));
    }

    private void runListener(Path folder, String baseline, Map<String, String> verdicts) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(ReportingConfigurationKeys.RESULTS_DIR, folder.toString());
        if (baseline != null) {
            parameters.put(ReportingConfigurationKeys.RESULTS_BASELINE, baseline);
        }
        FakePlan fake = new FakePlan(parameters);
        Map<String, FakePlan.Node> files = new LinkedHashMap<>();
        verdicts.keySet().stream().sorted().forEach(name -> files.put(name, fake.file(name)));
        TestPlan plan = fake.plan();
        ResultsFolderListener listener = new ResultsFolderListener(clock);
        listener.testPlanExecutionStarted(plan);
        files.forEach((name, node) -> {
            listener.executionStarted(id(node));
            listener.reportingEntryPublished(id(node), ReportEntry.from(Map.of(
                    ReportEntryKeys.GROUP, "RUN-TESTS_STANDARD", ReportEntryKeys.VARIANT, "webassembly",
                    ReportEntryKeys.VERDICT, verdicts.get(name))));
            listener.executionFinished(id(node), TestExecutionResult.successful());
        });
        listener.testPlanExecutionFinished(plan);
    }

    private static FolderResults folder(FolderResults.Run... runs) {
        Map<String, FolderResults.Run> map = new LinkedHashMap<>();
        for (FolderResults.Run run : runs) {
            map.put(run.key(), run);
        }
        return new FolderResults(map);
    }

    private static FolderResults.Run run(String group, String variant, Map<String, String> results) {
        return new FolderResults.Run(group, variant, results);
    }
}
