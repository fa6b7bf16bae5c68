package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.AssertionFailedError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;

/** The summary files, the listener driven event by event over a plan of several variants and tentacles. */
class SummaryTest {

    static final String XHTML = "http://www.w3.org/1999/xhtml";

    @TempDir
    Path temp;

    /** A clock the test moves: bars need lengths, and the rewrite interval needs time to pass. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A plan of one group on the given variants, the listener on it, and a way to run a file. */
    final class Bench {
        final StepClock clock = new StepClock();
        final Path results = temp.resolve("results");
        final FakePlan fake;
        final Map<String, FakePlan.Node> variants = new LinkedHashMap<>();
        final Map<String, FakePlan.Node> files = new HashMap<>();
        final ResultsFolderListener listener = new ResultsFolderListener(clock);
        TestPlan plan;

        Bench(Map<String, String> parameters, String... variantNames) {
            Map<String, String> all = new HashMap<>(parameters);
            all.put(ReportingConfigurationKeys.RESULTS_DIR, results.toString());
            fake = new FakePlan(all);
            TestDescriptor group = fake.variant.getParent().orElseThrow();
            for (String name : variantNames) {
                FakePlan.Node variant = new FakePlan.Node(group.getUniqueId().append("variant", name), name,
                        TestDescriptor.Type.CONTAINER);
                group.addChild(variant);
                variants.put(name, variant);
            }
        }

        FakePlan.Node file(String variant, String name) {
            return files.computeIfAbsent(variant + "/" + name, key -> {
                FakePlan.Node v = variants.get(variant);
                FakePlan.Node file = new FakePlan.Node(v.getUniqueId().append("file", name), name,
                        TestDescriptor.Type.TEST);
                v.addChild(file);
                return file;
            });
        }

        void start() {
            plan = fake.plan();
            listener.testPlanExecutionStarted(plan);
        }

        void run(String variant, String name, String verdict, String tentacle, int seconds) {
            run(variant, name, verdict, tentacle, seconds, Map.of());
        }

        /** {@code own}: entries of the file's kind of group (a benchmark's figures), after the common ones. */
        void run(String variant, String name, String verdict, String tentacle, int seconds, Map<String, String> own) {
            FakePlan.Node file = file(variant, name);
            listener.executionStarted(id(file));
            clock.advance(Duration.ofSeconds(seconds));
            Map<String, String> values = new LinkedHashMap<>();
            values.put(ReportEntryKeys.GROUP, "RUN-TESTS_STANDARD");
            values.put(ReportEntryKeys.VARIANT, variant);
            values.put(ReportEntryKeys.TENTACLE, tentacle);
            values.put(ReportEntryKeys.DURATION, String.valueOf(seconds * 1000));
            values.put(ReportEntryKeys.VERDICT, verdict);
            if (!verdict.equals("pass")) {
                values.put(ReportEntryKeys.OUTPUT, "out of " + name + "\n");
                values.put(ReportEntryKeys.EXPECTED, "exp of " + name + "\n");
            }
            values.putAll(own);
            listener.reportingEntryPublished(id(file), ReportEntry.from(values));
            listener.executionFinished(id(file), verdict.equals("fail")
                    ? TestExecutionResult.failed(new AssertionFailedError("differs"))
                    : verdict.equals("skip") ? TestExecutionResult.aborted(null) : TestExecutionResult.successful());
        }

        void end() {
            listener.testPlanExecutionFinished(plan);
        }

        String markdown() throws IOException {
            return Files.readString(results.resolve(Summary.MARKDOWN));
        }
    }

    /** Two variants; two tentacles of PICO2 disagree on flaky.py; broken.py fails everywhere. */
    private Bench campaign(Map<String, String> parameters) {
        Bench bench = new Bench(parameters, "ESP32", "PICO2");
        bench.start();
        bench.run("PICO2", "basics/ok.py", "pass", "2731-PICO2", 2);
        bench.run("PICO2", "basics/broken.py", "fail", "2731-PICO2", 3);
        bench.run("ESP32", "basics/broken.py", "fail", "a1b2-ESP32", 4);
        bench.run("ESP32", "basics/ok.py", "pass", "a1b2-ESP32", 1);
        bench.run("PICO2", "basics/flaky.py", "fail", "2731-PICO2", 1);
        bench.run("PICO2", "basics/flaky.py", "pass", "9f00-PICO2", 1);
        bench.run("ESP32", "basics/flaky.py", "pass", "a1b2-ESP32", 1);
        bench.run("ESP32", "extmod/only_esp.py", "fail", "a1b2-ESP32", 2);
        bench.listener.executionSkipped(id(bench.file("PICO2", "thread/thread1.py")), "no threads");
        bench.end();
        return bench;
    }

    @Test
    void theMarkdownHasTheHeaderCountsAndAFailuresMatrixLinkingEachLog() throws IOException {
        Path inventory = Files.writeString(temp.resolve("testbed.json"),
                "{\"testbed\": \"ch_hans\", \"instance\": \"ch_hans_1\", \"tentacles\": []}");
        Bench bench = campaign(Map.of(ReportingConfigurationKeys.RESULTS_TRIGGER, "PR #42", ReportingConfigurationKeys.RESULTS_REF_FIRMWARE,
                "https://github.com/micropython/micropython.git@v1.26.0", ReportingConfigurationKeys.TESTBED,
                inventory.toString()));

        String md = bench.markdown();
        assertThat(md).startsWith("# MicroPython test summary\n").doesNotContain("Unfinished")
                .contains("| Trigger | PR #42 |").contains("| Testbed | ch\\_hans (ch\\_hans\\_1) |")
                .contains("| Firmware | [https://github.com/micropython/micropython.git@v1.26.0]"
                        + "(https://github.com/micropython/micropython/commit/v1.26.0) |")
                .contains("| Time | 2026-01-02 03:04:05 – 2026-01-02 03:04:20 |")
                .contains("| Duration | 15.0 s, 1875 ms per test |")
                .doesNotContain("| Tests |")
                .contains("| JUnit | 8 tests, 4 passed, 3 failed, 1 skipped |")
                // Per variant the last verdict: ESP32 ok, broken, flaky, only_esp; PICO2 ok, broken, flaky, thread1.
                .contains("| RUN-TESTS\\_STANDARD | 2 | 4 | 0 | 1 | 0 | 3 |")
                .contains("| Test | ESP32 | PICO2 |")
                .contains("| **basics/broken.py** | [FAIL](RUN-TESTS_STANDARD@ESP32/basics_broken.py.out) | "
                        + "[FAIL](RUN-TESTS_STANDARD@PICO2/basics_broken.py.out) |")
                .contains("| *basics/flaky.py* | [pass](RUN-TESTS_STANDARD@ESP32/testresults.txt) | "
                        + "[FAIL/pass](RUN-TESTS_STANDARD@PICO2/testresults.txt) |")
                .contains("| extmod/only\\_esp.py | [FAIL](RUN-TESTS_STANDARD@ESP32/extmod_only_esp.py.out) |  |")
                .doesNotContain("basics/ok.py");
        assertThat(bench.results.resolve("RUN-TESTS_STANDARD@PICO2/basics_broken.py.out")).exists();
        Map<String, Object> context = JsonReader.object(Files.readString(bench.results.resolve("context.json")));
        assertThat(context).containsEntry("trigger", "PR #42").containsEntry("testbed", "ch_hans")
                .containsEntry("testbed_instance", "ch_hans_1").containsEntry("error", null)
                .containsEntry("ref_firmware", "https://github.com/micropython/micropython.git@v1.26.0")
                .containsEntry("ref_firmware_link", "https://github.com/micropython/micropython/commit/v1.26.0")
                .containsEntry("ref_tests_link", null);
    }

    @Test
    void aBenchmarksFiguresAreInTheSummaryAndItsLineIsItsTextInContextTestJson() throws Exception {
        Bench bench = new Bench(Map.of(), "PICO2");
        bench.start();
        Map<String, String> perfbench = Map.of(ReportEntryKeys.GROUP, "RUN-PERFBENCH",
                ReportEntryKeys.PERFBENCH_PARAMS, "N=100 M=100 n_average=8",
                ReportEntryKeys.PERFBENCH, "71705.62 0.0048 278.92 0.0048");
        bench.run("PICO2", "perf_bench/bm_chaos.py", "pass", "2731-PICO2", 2, perfbench);
        bench.run("PICO2", "perf_bench/bm_fft.py", "skip", "2731-PICO2", 1,
                Map.of(ReportEntryKeys.GROUP, "RUN-PERFBENCH", ReportEntryKeys.REASON, "too large"));
        bench.end();

        assertThat(bench.markdown()).contains("## Benchmarks\n",
                "| Benchmark | Variant | Time (µs) | ± % | Score | ± % |\n|---|---|--:|--:|--:|--:|\n"
                        + "| perf\\_bench/bm\\_chaos.py | PICO2 | 71705.62 | 0.0048 | 278.92 | 0.0048 |\n");
        assertThat(bench.markdown()).doesNotContain("bm\\_fft");
        NodeList tables = parse(bench.results.resolve(Summary.HTML)).getElementsByTagNameNS(XHTML, "table");
        Element table = (Element) tables.item(tables.getLength() - 1);
        assertThat(table.getTextContent()).contains("perf_bench/bm_chaos.py", "PICO2", "71705.62", "278.92");
        Path run = bench.results.resolve("RUN-PERFBENCH@PICO2");
        assertThat(Files.readString(run.resolve("context_test.json")))
                .contains("\"name\": \"perf_bench/bm_chaos.py\",\n      \"result\": \"pass\",\n      \"text\": \"71705.62 0.0048 278.92 0.0048\"")
                .contains("\"text\": \"too large\"");
        // run-perfbench.py's own file keeps its empty reason for a pass.
        assertThat(Files.readString(run.resolve("_results.json")))
                .contains("\"perf_bench/bm_chaos.py\",\n      \"pass\",\n      \"\"\n",
                        "\"perf_bench/bm_fft.py\",\n      \"skip\",\n      \"too large\"\n");
    }

    @Test
    void theHtmlIsWellFormedXhtmlWithTheMatrixAndTheTimeline() throws Exception {
        Bench bench = campaign(Map.of());

        Document html = parse(bench.results.resolve(Summary.HTML));
        assertThat(html.getDocumentElement().getLocalName()).isEqualTo("html");
        assertThat(html.getElementsByTagNameNS(XHTML, "table").getLength()).isEqualTo(3);
        List<String> rowClasses = new ArrayList<>();
        NodeList rows = html.getElementsByTagNameNS(XHTML, "tr");
        for (int i = 0; i < rows.getLength(); i++) {
            rowClasses.add(((Element) rows.item(i)).getAttribute("class"));
        }
        assertThat(rowClasses).contains("all", "flaky");
        NodeList links = html.getElementsByTagNameNS(XHTML, "a");
        List<String> hrefs = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            hrefs.add(((Element) links.item(i)).getAttribute("href"));
        }
        // The failures matrix: broken.py on both variants, flaky.py on both, only_esp.py on ESP32.
        assertThat(hrefs).containsExactlyInAnyOrder("RUN-TESTS_STANDARD@ESP32/basics_broken.py.out",
                "RUN-TESTS_STANDARD@PICO2/basics_broken.py.out", "RUN-TESTS_STANDARD@ESP32/testresults.txt",
                "RUN-TESTS_STANDARD@PICO2/testresults.txt", "RUN-TESTS_STANDARD@ESP32/extmod_only_esp.py.out")
                .allSatisfy(href -> assertThat(bench.results.resolve(href)).as("a relative link to an existing log")
                        .exists());
        assertThat(html.getElementsByTagNameNS(TimelineSvg.NS, "svg").getLength()).isEqualTo(1);
        assertThat(Files.readString(bench.results.resolve(Summary.HTML))).doesNotContain("<script", "<link", "src=", "https://")
                .contains("<style>");
    }

    @Test
    void eachFailingTestLinksItsSourceAtRefTestsAndTheHeaderLinksBothCommits() throws Exception {
        Bench bench = campaign(Map.of(ReportingConfigurationKeys.RESULTS_REF_TESTS,
                "https://github.com/micropython/micropython.git~17232", ReportingConfigurationKeys.RESULTS_REF_FIRMWARE,
                "https://github.com/someone/micropython.git@0123abcd"));
        String source = "https://github.com/micropython/micropython/blob/refs/pull/17232/head/tests/";

        assertThat(bench.markdown())
                .contains("| Firmware | [https://github.com/someone/micropython.git@0123abcd]"
                        + "(https://github.com/someone/micropython/commit/0123abcd) |")
                .contains("| Tests | [https://github.com/micropython/micropython.git~17232]"
                        + "(https://github.com/micropython/micropython/pull/17232) |")
                .contains("| **[basics/broken.py](" + source + "basics/broken.py)** | [FAIL](")
                .contains("| *[basics/flaky.py](" + source + "basics/flaky.py)* | [pass](")
                .contains("| [extmod/only\\_esp.py](" + source + "extmod/only_esp.py) | [FAIL](");
        NodeList links = parse(bench.results.resolve(Summary.HTML)).getElementsByTagNameNS(XHTML, "a");
        List<String> hrefs = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            hrefs.add(((Element) links.item(i)).getAttribute("href"));
        }
        assertThat(Files.readString(bench.results.resolve("RUN-TESTS_STANDARD@PICO2/context_test.json")))
                .contains("\"name\": \"basics/broken.py\"", "\"source\": \"" + source + "basics/broken.py\"",
                        "\"source\": \"" + source + "basics/ok.py\"");
        assertThat(hrefs).filteredOn(href -> href.startsWith("https://")).containsExactly(
                "https://github.com/someone/micropython/commit/0123abcd", "https://github.com/micropython/micropython/pull/17232",
                source + "basics/broken.py", source + "basics/flaky.py", source + "extmod/only_esp.py");
    }

    @Test
    void aLocalTestsPathOrAnSshUrlGivesNoLinkAndNoError() throws Exception {
        Bench bench = campaign(Map.of(ReportingConfigurationKeys.RESULTS_REF_TESTS, "/home/me/micropython",
                ReportingConfigurationKeys.RESULTS_REF_FIRMWARE, "git@github.com:micropython/micropython.git@master"));

        assertThat(bench.markdown()).contains("| Tests | /home/me/micropython |")
                .contains("| Firmware | git@github.com:micropython/micropython.git@master |")
                .contains("| **basics/broken.py** | [FAIL](").doesNotContain("https://");
        assertThat(Files.readString(bench.results.resolve(Summary.HTML))).doesNotContain("https://");
        assertThat(Files.readString(bench.results.resolve("RUN-TESTS_STANDARD@PICO2/context_test.json")))
                .contains("\"source\": null").doesNotContain("https://");
        assertThat(Files.readString(bench.results.resolve("context.json")))
                .contains("\"ref_firmware_link\": null", "\"ref_tests_link\": null");
    }

    @Test
    void theTimelineHasALanePerTentacleAndABarPerFileThatRan() throws Exception {
        Bench bench = campaign(Map.of());

        Document svg = parse(bench.results.resolve(Summary.TIMELINE));
        NodeList lanes = svg.getElementsByTagNameNS(TimelineSvg.NS, "g");
        assertThat(lanes.getLength()).isEqualTo(3);
        List<String> laneNames = new ArrayList<>();
        for (int i = 0; i < lanes.getLength(); i++) {
            laneNames.add(((Element) lanes.item(i)).getElementsByTagNameNS(TimelineSvg.NS, "text").item(0)
                    .getTextContent());
        }
        assertThat(laneNames).containsExactly("2731-PICO2", "a1b2-ESP32", "9f00-PICO2");
        NodeList bars = svg.getElementsByTagNameNS(TimelineSvg.NS, "rect");
        assertThat(bars.getLength()).as("8 files ran, thread1.py was skipped before").isEqualTo(8);
        Element broken = (Element) bars.item(1);
        assertThat(broken.getAttribute("fill")).isEqualTo("#d62728");
        assertThat(broken.getTextContent()).isEqualTo("RUN-TESTS_STANDARD basics/broken.py: FAIL, 3000 ms");
        // 15 s over 1000 px: broken.py starts at 2 s and lasts 3 s.
        assertThat(Double.parseDouble(broken.getAttribute("x"))).isCloseTo(180 + 2000 / 15.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(Double.parseDouble(broken.getAttribute("width"))).isCloseTo(200.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(((Element) bars.item(0)).getAttribute("fill")).isEqualTo("#2e9e44");
    }

    @Test
    void listedFailuresAreXfailedAndListedPassesAreUnexpected() throws IOException {
        Path xfail = Files.writeString(temp.resolve("xfail.json"), """
                {"RUN-TESTS_STANDARD": {"basics/broken.py": ["*"], "extmod/only_esp.py": ["PICO2"],
                 "basics/ok.py": ["ESP32"]}}
                """);
        Bench bench = campaign(Map.of(ReportingConfigurationKeys.RESULTS_XFAIL, xfail.toString()));

        String md = bench.markdown();
        assertThat(md).contains("| RUN-TESTS\\_STANDARD | 2 | 4 | 0 | 1 | 2 | 1 |")
                .contains("| **basics/broken.py** | [XFAIL](RUN-TESTS_STANDARD@ESP32/basics_broken.py.out) | "
                        + "[XFAIL](RUN-TESTS_STANDARD@PICO2/basics_broken.py.out) |")
                .as("listed for another variant only").contains("| extmod/only\\_esp.py | [FAIL](")
                .contains("Unexpectedly passing").contains("- basics/ok.py on ESP32")
                .as("JUnit's counts stay the engine's").contains("| JUnit | 8 tests, 4 passed, 3 failed, 1 skipped |");
        assertThat(JsonReader.object(Files.readString(bench.results.resolve("context.json"))))
                .containsEntry("error", null);
    }

    @Test
    void aBadXfailFileIsReportedAndTheRunGoesOn() throws IOException {
        Path xfail = Files.writeString(temp.resolve("xfail.json"), "{\"RUN-TESTS_STANDARD\": {\"basics/broken.py\": \"PICO2\"}}");
        Bench bench = campaign(Map.of(ReportingConfigurationKeys.RESULTS_XFAIL, xfail.toString()));

        assertThat(bench.markdown()).contains("**Error:** xfail file").contains("is not a list of variant names")
                .contains("| RUN-TESTS\\_STANDARD | 2 | 4 | 0 | 1 | 0 | 3 |");
        assertThat((String) JsonReader.object(Files.readString(bench.results.resolve("context.json"))).get("error"))
                .contains(xfail.toString()).contains("basics/broken.py");
        assertThat(bench.results.resolve("RUN-TESTS_STANDARD@PICO2/_results.json")).exists();

        Files.writeString(xfail, "{not json");
        assertThat(campaign(Map.of(ReportingConfigurationKeys.RESULTS_XFAIL, xfail.toString())).markdown()).contains("is not JSON");
    }

    @Test
    void theTemplateListsThisRunsFailuresAndMakesThemAllExpectedNextTime() throws IOException {
        Bench first = campaign(Map.of());
        Path template = first.results.resolve(Summary.XFAIL_TEMPLATE);
        assertThat(JsonReader.parse(Files.readString(template))).isEqualTo(Map.of("RUN-TESTS_STANDARD", Map.of(
                "basics/broken.py", List.of("ESP32", "PICO2"), "extmod/only_esp.py", List.of("ESP32"))));

        Path copy = Files.copy(template, temp.resolve("known.json"));
        deleteTree(first.results);
        Bench second = campaign(Map.of(ReportingConfigurationKeys.RESULTS_XFAIL, copy.toString()));
        assertThat(second.markdown()).contains("| RUN-TESTS\\_STANDARD | 2 | 4 | 0 | 1 | 3 | 0 |")
                .doesNotContain("Unexpectedly passing");
        assertThat(JsonReader.parse(Files.readString(second.results.resolve(Summary.XFAIL_TEMPLATE))))
                .as("still failing, still listed").isEqualTo(JsonReader.parse(Files.readString(copy)));
    }

    @Test
    void anInterruptedRunLeavesASummaryMarkedUnfinishedRewrittenAtMostEveryFewSeconds() throws IOException {
        Bench bench = new Bench(Map.of(), "PICO2");
        bench.start();
        bench.run("PICO2", "basics/a.py", "fail", "t1", 1);
        assertThat(bench.markdown()).contains("**Unfinished:**").contains("| Time | 2026-01-02 03:04:05 – … |")
                .contains("| 1 | 0 | 0 | 0 | 0 | 1 |").contains("[FAIL](RUN-TESTS_STANDARD@PICO2/basics_a.py.out)");
        bench.run("PICO2", "basics/b.py", "pass", "t1", 1);
        assertThat(bench.markdown()).as("2 s after the last write: not yet").contains("| 1 | 0 | 0 | 0 | 0 | 1 |");
        bench.run("PICO2", "basics/c.py", "pass", "t1", 4);
        assertThat(bench.markdown()).contains("| 1 | 2 | 0 | 0 | 0 | 1 |").contains("**Unfinished:**");
        assertThat(bench.results.resolve(Summary.XFAIL_TEMPLATE)).as("written at the end only").doesNotExist();

        bench.end();
        assertThat(bench.markdown()).doesNotContain("Unfinished").contains("| Time | 2026-01-02 03:04:05 – 2026-01-02 03:04:11 |");
    }

    @Test
    void theMarkdownMatrixStopsAtFiftyRowsAndTheHtmlHasThemAll() throws Exception {
        Bench bench = new Bench(Map.of(), "PICO2");
        bench.start();
        for (int i = 0; i < 60; i++) {
            bench.run("PICO2", String.format("basics/f%02d.py", i), "fail", "t1", 1);
        }
        bench.end();

        assertThat(bench.markdown()).contains("basics/f49.py").doesNotContain("basics/f50.py")
                .contains("… and 10 more in [summary_report.html](summary_report.html).");
        Document html = parse(bench.results.resolve(Summary.HTML));
        Element failures = (Element) html.getElementsByTagNameNS(XHTML, "table").item(2);
        assertThat(failures.getElementsByTagNameNS(XHTML, "tr").getLength()).isEqualTo(61);
    }

    @Test
    void knownFailuresMatchByGroupTestAndVariantOrStar() {
        KnownFailures known = KnownFailures.fromJson(JsonReader.parse("""
                {"G": {"a.py": ["V1"], "b.py": ["*"]}}"""), "test");
        assertThat(known.lists("G", "a.py", "V1")).isTrue();
        assertThat(known.lists("G", "a.py", "V2")).isFalse();
        assertThat(known.lists("G", "b.py", "V9")).isTrue();
        assertThat(known.lists("H", "b.py", "V1")).isFalse();
        assertThat(known.lists("G", "c.py", "V1")).isFalse();
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
