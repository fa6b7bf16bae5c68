package dev.mpunit.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.Campaigns;
import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import dev.mpunit.server.ingest.RunInfo;
import dev.mpunit.server.ingest.UploadedFile;
import dev.mpunit.server.ingest.Verdict;
import dev.mpunit.server.store.RunWriter;
import tools.jackson.databind.JsonNode;

/**
 * The read API through HTTP on a started server, on both databases: every route, its filters, its
 * pages (walked forwards and backwards: every row once, in order) and its refusals. The runs are
 * {@link Campaigns}: two testbeds' nights and one campaign of sixteen boards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiTest {

    static final int NIGHTS_A = 8;
    static final int NIGHTS_B = 5;
    static final Campaigns BED_A = Campaigns.testbed("bed-a");
    static final Campaigns BED_B = Campaigns.testbed("bed-b").variants(List.of("unix", "RPI_PICO2")).benchmarks(0);
    /** A night of {@link #BIG} late enough for every kind of failure to have started. */
    static final int BIG_NIGHT = 9;
    /** About 2,700 results on sixteen boards: pages enough for every walk. */
    static final Campaigns BIG = Campaigns.testbed("bed-big").variants(Campaigns.BOARD_VARIANTS).standardTests(160)
            .multiTests(2).benchmarks(8);

    @TempDir
    Path folder;

    private final Map<TestDatabases, Seeded> seeded = new EnumMap<>(TestDatabases.class);

    /** A server over one database holding the campaigns; the ids of the runs in push order. */
    record Seeded(TestDatabases.Opened database, ResultsServer server, Http http, Map<String, Long> ids,
            Map<Long, ParsedRun> runs) {

        long id(String testbed, int night) {
            return ids.get(testbed + "#" + night);
        }
    }

    Seeded on(TestDatabases kind) throws Exception {
        Seeded existing = seeded.get(kind);
        if (existing != null) {
            return existing;
        }
        TestDatabases.Opened opened = kind.open(folder.resolve(kind.name()));
        try {
            RunWriter writer = new RunWriter(opened.database());
            Map<String, Long> ids = new LinkedHashMap<>();
            Map<Long, ParsedRun> runs = new HashMap<>();
            for (int night = 0; night < NIGHTS_A; night++) {
                store(writer, ids, runs, BED_A.night(night), "bed-a#" + night);
                if (night < NIGHTS_B) {
                    store(writer, ids, runs, BED_B.night(night), "bed-b#" + night);
                }
            }
            store(writer, ids, runs, BIG.night(BIG_NIGHT), "bed-big#" + BIG_NIGHT);
            store(writer, ids, runs, binaryRun(), "bed-files#0");
            writer.setBaseline(ids.get("bed-a#0"), true);
            ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder.resolve("unused"), 0),
                    opened.database());
            Seeded fresh = new Seeded(opened, server, new Http(server.uri()), ids, runs);
            seeded.put(kind, fresh);
            return fresh;
        } catch (Exception | Error e) {
            opened.close();
            throw e;
        }
    }

    private static void store(RunWriter writer, Map<String, Long> ids, Map<Long, ParsedRun> runs, ParsedRun run, String name)
            throws Exception {
        long id = writer.store(run).runId();
        ids.put(name, id);
        runs.put(id, run);
    }

    /** A run whose files are bytes (a NUL, not UTF-8) and an HTML page: served to save, and as text. */
    private static ParsedRun binaryRun() {
        var start = Campaigns.FIRST_NIGHT.minusDays(30);
        RunInfo info = new RunInfo("bed-files", null, "manual", "ssh://example.org/fw.git@main", "file:///home/me/tests",
                null, null, false, start, start.plusMinutes(1), null);
        ParsedTestRun testRun = new ParsedTestRun("RUN-TESTS_STANDARD", "unix", "RUN-TESTS_STANDARD@unix", List.of(), start,
                start.plusMinutes(1), null, false, List.of(new ParsedResult("basics/a.py", Verdict.PASS, null, null, 5L,
                        List.of(), null, null, null)));
        List<UploadedFile> files = List.of(new UploadedFile("firmware.mpy", new byte[] {'M', 6, 0, 31, (byte) 0xff}),
                new UploadedFile("summary_report.html", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)),
                new UploadedFile("a folder/with space#1.txt", "spaced\n".getBytes(StandardCharsets.UTF_8)));
        return new ParsedRun("mpunit", info, List.of(testRun), files, ParsedRun.sha256("binary".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    void close() throws Exception {
        for (Seeded each : seeded.values()) {
            each.server().close();
            each.database().close();
        }
    }

    // ---- runs ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theRunsListIsNewestFirstWithTheContractsFieldsAndTotals(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        JsonNode page = s.http().json("/api/v1/runs?limit=500");
        List<JsonNode> items = list(page.get("items"));
        assertThat(page.get("total").asLong()).isEqualTo(s.ids().size());
        assertThat(items).hasSize(s.ids().size());
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("prev").isNull()).isTrue();
        assertThat(items.get(0).propertyNames()).containsExactlyInAnyOrder("id", "testbed", "testbed_instance", "trigger",
                "ref_firmware", "ref_tests", "time_start", "time_end", "uploaded_at", "unfinished", "baseline", "format",
                "campaign", "duration_ms", "totals");
        List<Instant> starts = items.stream().map(item -> Instant.parse(item.get("time_start").asString())).toList();
        assertThat(starts).isSortedAccordingTo(Comparator.reverseOrder());

        long id = s.id("bed-a", 3);
        JsonNode run = items.stream().filter(item -> item.get("id").asLong() == id).findFirst().orElseThrow();
        ParsedRun parsed = s.runs().get(id);
        assertThat(run.get("testbed").asString()).isEqualTo("bed-a");
        assertThat(run.get("testbed_instance").asString()).isEqualTo("bed-a-1");
        assertThat(run.get("trigger").asString()).isEqualTo("nightly");
        assertThat(run.get("ref_tests").asString()).isEqualTo(Campaigns.REF_TESTS);
        assertThat(run.get("time_start").asString()).isEqualTo(parsed.run().timeStart().toInstant().toString())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(run.get("duration_ms").asLong())
                .isEqualTo(Duration.between(parsed.run().timeStart(), parsed.run().timeEnd()).toMillis());
        assertThat(run.get("format").asString()).isEqualTo("mpunit");
        assertThat(run.get("baseline").asBoolean()).isFalse();
        assertThat(totals(run.get("totals"))).isEqualTo(expectedTotals(parsed.testRuns()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theRunsListNarrowsByTestbedTriggerRefPeriodAndBaseline(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        assertThat(ids(s, "/api/v1/runs?testbed=bed-b")).containsExactly(s.id("bed-b", 4), s.id("bed-b", 3),
                s.id("bed-b", 2), s.id("bed-b", 1), s.id("bed-b", 0));
        assertThat(ids(s, "/api/v1/runs?testbed=nobody")).isEmpty();
        assertThat(ids(s, "/api/v1/runs?trigger=manual&testbed=bed-a")).containsExactly(s.id("bed-a", 6));
        String ref = s.runs().get(s.id("bed-a", 2)).run().refFirmware();
        assertThat(ids(s, "/api/v1/runs?ref=" + encode(ref))).containsExactlyInAnyOrder(s.id("bed-a", 2), s.id("bed-b", 2));
        assertThat(ids(s, "/api/v1/runs?ref=" + encode(Campaigns.FIRMWARE + "10*") + "&testbed=bed-a"))
                .as("a prefix: nights 0 to 7 are 100 to 107").hasSize(NIGHTS_A);
        assertThat(ids(s, "/api/v1/runs?ref=" + encode(Campaigns.REF_TESTS))).hasSize(NIGHTS_A + NIGHTS_B + 1);
        assertThat(ids(s, "/api/v1/runs?ref=" + encode("https://github.com/micropython/micropython.git@v1.28.0-10_*")))
                .as("_ is taken literally in a prefix").isEmpty();
        String day2 = Campaigns.FIRST_NIGHT.plusDays(2).toLocalDate().toString();
        String day4 = Campaigns.FIRST_NIGHT.plusDays(4).toLocalDate().toString();
        assertThat(ids(s, "/api/v1/runs?testbed=bed-a&from=" + day2 + "&to=" + day4))
                .as("to a day includes that day").containsExactly(s.id("bed-a", 4), s.id("bed-a", 3), s.id("bed-a", 2));
        assertThat(ids(s, "/api/v1/runs?testbed=bed-a&from=" + encode(s.runs().get(s.id("bed-a", 5)).run().timeStart()
                .toInstant().toString()))).containsExactly(s.id("bed-a", 7), s.id("bed-a", 6), s.id("bed-a", 5));
        assertThat(ids(s, "/api/v1/runs?baseline=true")).containsExactly(s.id("bed-a", 0));
        assertThat(ids(s, "/api/v1/runs?baseline=false")).hasSize(s.ids().size() - 1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theRunsPagesWalkedForwardAndBackwardGiveEveryRunOnceInOrder(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        List<Long> all = ids(s, "/api/v1/runs?limit=500");
        for (int limit : new int[] {1, 3, 5, all.size()}) {
            assertThat(idsOf(s.http().walkForward("/api/v1/runs?limit=" + limit))).as("limit %d", limit).isEqualTo(all);
            assertThat(idsOf(s.http().walkBackward("/api/v1/runs?limit=" + limit))).as("limit %d", limit).isEqualTo(all);
        }
        JsonNode last = s.http().json("/api/v1/runs?limit=4&page=last");
        assertThat(idsOf(list(last.get("items")))).isEqualTo(all.subList(all.size() - 4, all.size()));
        assertThat(last.get("next").isNull()).isTrue();
        JsonNode first = s.http().json("/api/v1/runs?limit=4");
        JsonNode second = s.http().json("/api/v1/runs?limit=4&cursor=" + first.get("next").asString());
        assertThat(idsOf(list(second.get("items")))).isEqualTo(all.subList(4, 8));
        JsonNode back = s.http().json("/api/v1/runs?limit=4&cursor=" + second.get("prev").asString());
        assertThat(idsOf(list(back.get("items")))).isEqualTo(all.subList(0, 4));
        assertThat(back.get("prev").isNull()).as("back on the first page").isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void badRunsParametersAreRefusedNamingWhatToGive(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        assertRefused(s, "/api/v1/runs?baseline=yes", 400, "baseline is 'yes': give true or false");
        assertRefused(s, "/api/v1/runs?from=yesterday", 400, "from is 'yesterday': give a day (2026-12-01)");
        assertRefused(s, "/api/v1/runs?limit=0", 400, "limit is 0: give 1 to 500");
        assertRefused(s, "/api/v1/runs?limit=501", 400, "limit is 501: give 1 to 500");
        assertRefused(s, "/api/v1/runs?limit=ten", 400, "limit is 'ten': give a whole number");
        assertRefused(s, "/api/v1/runs?page=7", 400, "page is '7': give last");
        assertRefused(s, "/api/v1/runs?cursor=not-a-cursor", 400, "is not one this server gave");
        String next = s.http().json("/api/v1/runs?limit=2").get("next").asString();
        assertRefused(s, "/api/v1/runs?limit=2&testbed=bed-a&cursor=" + next, 400, "the cursor belongs to another list");
        assertRefused(s, "/api/v1/runs?page=last&cursor=" + next, 400, "page=last and cursor together");
    }

    // ---- one run ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRunsSummaryHasItsGroupsTimesVariantsWithTotalsTentaclesAndLinks(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-a", 5);
        ParsedRun parsed = s.runs().get(id);
        JsonNode summary = s.http().json("/api/v1/runs/" + id);
        assertThat(summary.propertyNames()).contains("id", "testbed", "totals", "error", "commandline", "groups", "links");
        assertThat(summary.get("id").asLong()).isEqualTo(id);
        assertThat(summary.get("commandline").asString()).isEqualTo(parsed.run().commandline());
        assertThat(summary.get("error").isNull()).isTrue();
        List<JsonNode> groups = list(summary.get("groups"));
        assertThat(groups).hasSize(parsed.testRuns().size());
        assertThat(groups.get(0).propertyNames()).containsExactlyInAnyOrder("group", "variant", "test_runs", "tentacles",
                "totals", "duration_ms", "error", "unfinished");
        for (ParsedTestRun testRun : parsed.testRuns()) {
            JsonNode group = groups.stream().filter(g -> g.get("group").asString().equals(testRun.group())
                    && g.get("variant").asString().equals(testRun.variant())).findFirst().orElseThrow();
            assertThat(group.get("test_runs").asInt()).isEqualTo(1);
            assertThat(totals(group.get("totals"))).isEqualTo(expectedTotals(List.of(testRun)));
            assertThat(list(group.get("tentacles")).stream().map(JsonNode::asString).toList()).isEqualTo(testRun.tentacles());
            assertThat(group.get("duration_ms").asLong())
                    .isEqualTo(Duration.between(testRun.timeStart(), testRun.timeEnd()).toMillis());
        }
        assertThat(groups.stream().map(g -> g.get("group").asString() + "@" + g.get("variant").asString()).toList())
                .isSorted();
        assertThat(summary.get("links").get("results").asString()).isEqualTo("/api/v1/runs/" + id + "/results");
        assertThat(summary.get("links").get("files").asString()).isEqualTo("/api/v1/runs/" + id + "/files");
        // The refs' commits, by the rule the reports link by (contract's SourceLinks).
        assertThat(summary.get("ref_tests_link").asString()).isEqualTo("https://github.com/micropython/micropython/commit/master");
        assertThat(summary.get("ref_firmware_link").asString())
                .isEqualTo("https://github.com/micropython/micropython/commit/" + parsed.run().refFirmware()
                        .substring(parsed.run().refFirmware().indexOf('@') + 1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anUnknownRunIsNotFoundAndAMalformedIdIsRefused(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        for (String route : List.of("", "/results", "/matrix", "/files", "/files/context.json")) {
            assertRefused(s, "/api/v1/runs/999999" + route, 404, "no run 999999");
            assertRefused(s, "/api/v1/runs/abc" + route, 400, "run id 'abc' is not a number");
        }
        assertRefused(s, "/api/v1/compare?base=" + s.id("bed-a", 1) + "&head=999999", 404, "no run 999999");
    }

    // ---- details ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void detailsComeInTheRunsOrderWithEveryFieldAndTheirLinks(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-a", 3);
        List<Expected> expected = expected(s.runs().get(id));
        JsonNode page = s.http().json("/api/v1/runs/" + id + "/results?limit=500");
        List<JsonNode> items = list(page.get("items"));
        assertThat(page.get("total").asLong()).isEqualTo(expected.size());
        assertThat(items.stream().map(ReadApiTest::key).toList()).isEqualTo(expected.stream().map(Expected::key).toList());
        assertThat(items.get(0).propertyNames()).containsExactlyInAnyOrder("group", "name", "variant", "tentacle", "verdict",
                "message", "duration_ms", "incidents", "benchmark", "output", "expected", "source");

        JsonNode failure = items.stream().filter(item -> item.get("name").asString().equals(Campaigns.BOARD_FAILURE)
                && item.get("verdict").asString().equals("fail")).findFirst().orElseThrow();
        String variant = BED_A.variants().get(BED_A.variants().size() - 1);
        assertThat(failure.get("variant").asString()).isEqualTo(variant);
        assertThat(failure.get("tentacle").asString()).isEqualTo(Campaigns.tentacle(variant));
        assertThat(failure.get("message").asString()).contains("output differs");
        assertThat(failure.get("output").asString()).isEqualTo("/api/v1/runs/" + id + "/files/RUN-TESTS_STANDARD@" + variant
                + "/extmod_machine_uart_irq.py.out");
        assertThat(failure.get("expected").asString()).endsWith("/extmod_machine_uart_irq.py.exp");
        assertThat(failure.get("source").asString())
                .isEqualTo("https://github.com/micropython/micropython/blob/master/tests/extmod/machine_uart_irq.py");
        assertThat(failure.get("benchmark").isNull()).isTrue();
        assertThat(s.http().get(failure.get("output").asString()).text()).contains("ETIMEDOUT");

        JsonNode benchmark = items.stream().filter(item -> item.get("group").asString().equals(Campaigns.PERFBENCH))
                .findFirst().orElseThrow();
        var figures = BED_A.figures(benchmark.get("name").asString(), benchmark.get("variant").asString(), 3);
        assertThat(benchmark.get("benchmark").get("score").asDouble()).isEqualTo(figures.score());
        assertThat(benchmark.get("benchmark").get("time_us").asDouble()).isEqualTo(figures.timeUs());
        assertThat(benchmark.get("benchmark").propertyNames()).containsExactlyInAnyOrder("time_us", "time_sd", "score",
                "score_sd");
        JsonNode skipped = list(s.http().json("/api/v1/runs/" + s.id("bed-big", BIG_NIGHT) + "/results?verdict=skip")
                .get("items")).get(0);
        assertThat(skipped.get("duration_ms").isNull()).isTrue();
        assertThat(skipped.get("output").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void detailsNarrowByVerdictGroupVariantAndTextWithTheirCount(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-big", BIG_NIGHT);
        List<Expected> all = expected(s.runs().get(id));
        String variant = Campaigns.BOARD_VARIANTS.get(5);
        checkFilter(s, id, "verdict=fail,xfail", all, e -> e.verdict().equals("fail") || e.verdict().equals("xfail"), true);
        checkFilter(s, id, "verdict=FAIL", all, e -> e.verdict().equals("fail"), true);
        checkFilter(s, id, "group=" + Campaigns.PERFBENCH, all, e -> e.group().equals(Campaigns.PERFBENCH), true);
        checkFilter(s, id, "variant=" + variant + "&verdict=pass", all,
                e -> e.variant().equals(variant) && e.verdict().equals("pass"), true);
        checkFilter(s, id, "q=THREAD", all, e -> e.name().contains("thread")
                || e.message() != null && e.message().toLowerCase(java.util.Locale.ROOT).contains("thread"), false);
        checkFilter(s, id, "q=" + encode("uart_irq") + "&verdict=fail", all,
                e -> e.name().contains("uart_irq") && e.verdict().equals("fail"), false);
        checkFilter(s, id, "q=" + encode("100%"), all, e -> false, false);
        checkFilter(s, id, "q=" + encode("machine_pin"), all, e -> e.name().contains("machine_pin"), false);
        checkFilter(s, id, "q=" + encode("machine%pin"), all, e -> false, false);
    }

    private void checkFilter(Seeded s, long id, String query, List<Expected> all, Predicate<Expected> wanted,
            boolean counted) throws Exception {
        List<String> expected = all.stream().filter(wanted).map(Expected::key).toList();
        String path = "/api/v1/runs/" + id + "/results?limit=97&" + query;
        List<JsonNode> forward = s.http().walkForward(path);
        assertThat(forward.stream().map(ReadApiTest::key).toList()).as(query).isEqualTo(expected);
        assertThat(s.http().walkBackward(path).stream().map(ReadApiTest::key).toList()).as(query).isEqualTo(expected);
        JsonNode total = s.http().json(path).get("total");
        if (counted) {
            assertThat(total.asLong()).as(query).isEqualTo(expected.size());
        } else {
            assertThat(total.isNull()).as("no count with a text filter: " + query).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void everySortWalksEveryResultOnceInItsOrderForwardsAndBackwards(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-big", BIG_NIGHT);
        List<Expected> all = expected(s.runs().get(id));
        Map<String, Comparator<Expected>> sorts = Map.of(
                "name", Comparator.comparingInt(Expected::ord),
                "verdict", Comparator.comparing(Expected::verdict).thenComparingInt(Expected::ord),
                "-duration", Comparator.comparing(Expected::duration, Comparator.nullsFirst(Comparator.reverseOrder()))
                        .thenComparingInt(Expected::ord));
        for (var sort : sorts.entrySet()) {
            List<String> expected = all.stream().sorted(sort.getValue()).map(Expected::key).toList();
            Map<String, Predicate<Expected>> filters = Map.of("", e -> true,
                    "&verdict=pass,skip", e -> e.verdict().equals("pass") || e.verdict().equals("skip"),
                    "&group=" + Campaigns.MULTITESTS, e -> e.group().equals(Campaigns.MULTITESTS));
            for (var filter : filters.entrySet()) {
                List<String> wanted = all.stream().sorted(sort.getValue()).filter(filter.getValue()).map(Expected::key).toList();
                String path = "/api/v1/runs/" + id + "/results?sort=" + sort.getKey() + "&limit=113" + filter.getKey();
                assertThat(s.http().walkForward(path).stream().map(ReadApiTest::key).toList()).as(path).isEqualTo(wanted);
                assertThat(s.http().walkBackward(path).stream().map(ReadApiTest::key).toList()).as(path).isEqualTo(wanted);
            }
            String path = "/api/v1/runs/" + id + "/results?sort=" + sort.getKey() + "&limit=50";
            JsonNode last = s.http().json(path + "&page=last");
            assertThat(list(last.get("items")).stream().map(ReadApiTest::key).toList())
                    .isEqualTo(expected.subList(expected.size() - 50, expected.size()));
        }
        // Small pages: cursors inside the results without a duration and inside runs of equal durations.
        List<String> longestFirst = all.stream().sorted(sorts.get("-duration")).map(Expected::key).toList();
        String path = "/api/v1/runs/" + id + "/results?sort=-duration&limit=10";
        assertThat(s.http().walkForward(path).stream().map(ReadApiTest::key).toList()).isEqualTo(longestFirst);
        assertThat(s.http().walkBackward(path).stream().map(ReadApiTest::key).toList()).isEqualTo(longestFirst);
        assertThat(all.stream().filter(e -> e.duration() == null).count()).as("results without a duration")
                .isGreaterThan(20);
        assertThat(all.stream().filter(e -> e.duration() != null).map(Expected::duration).distinct().count())
                .as("equal durations").isLessThan(all.stream().filter(e -> e.duration() != null).count());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void badDetailsParametersAreRefused(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-a", 1);
        assertRefused(s, "/api/v1/runs/" + id + "/results?sort=duration", 400, "sort 'duration' is unknown: give name, -duration or verdict");
        assertRefused(s, "/api/v1/runs/" + id + "/results?verdict=fail,broken", 400, "verdict 'broken' is unknown");
        String next = s.http().json("/api/v1/runs/" + id + "/results?limit=5&verdict=pass").get("next").asString();
        assertRefused(s, "/api/v1/runs/" + id + "/results?limit=5&verdict=fail&cursor=" + next, 400,
                "the cursor belongs to another list");
        assertRefused(s, "/api/v1/runs/" + s.id("bed-a", 2) + "/results?limit=5&verdict=pass&cursor=" + next, 400,
                "the cursor belongs to another list");
        assertRefused(s, "/api/v1/runs/" + id + "/results?sort=-duration&cursor=" + next, 400,
                "the cursor belongs to another list");
    }

    // ---- matrix ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theFailuresMatrixHasTheTestsThatFailedSomewhereWithACellPerVariant(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-big", BIG_NIGHT);
        List<Expected> all = expected(s.runs().get(id));
        List<String> failing = all.stream().filter(e -> e.verdict().equals("fail")).map(e -> e.group() + "|" + e.name())
                .distinct().toList();
        assertThat(failing).hasSizeGreaterThan(5);
        JsonNode first = s.http().json("/api/v1/runs/" + id + "/matrix?limit=500");
        assertThat(list(first.get("variants")).stream().map(JsonNode::asString).toList())
                .isEqualTo(Campaigns.BOARD_VARIANTS.stream().sorted().toList());
        List<JsonNode> rows = list(first.get("rows"));
        assertThat(rows.stream().map(row -> row.get("group").asString() + "|" + row.get("name").asString()).toList())
                .isEqualTo(failing);
        assertThat(first.get("next").isNull()).isTrue();

        for (JsonNode row : rows) {
            for (Expected e : all) {
                if (e.group().equals(row.get("group").asString()) && e.name().equals(row.get("name").asString())) {
                    JsonNode cell = row.get("cells").get(e.variant());
                    assertThat(cell.get("verdict").asString()).as(e.key()).isEqualTo(e.verdict());
                    assertThat(cell.get("output").isNull()).isEqualTo(!e.verdict().equals("fail"));
                }
            }
        }
        JsonNode board = rows.stream().filter(row -> row.get("name").asString().equals(Campaigns.BOARD_FAILURE)).findFirst()
                .orElseThrow();
        assertThat(board.get("source").asString()).endsWith("/blob/master/tests/" + Campaigns.BOARD_FAILURE);

        assertThat(matrixWalk(s, "/api/v1/runs/" + id + "/matrix?limit=3")).isEqualTo(failing);
        assertThat(matrixWalk(s, "/api/v1/runs/" + id + "/matrix?limit=1&only=failing&group=" + Campaigns.STANDARD))
                .isEqualTo(failing.stream().filter(test -> test.startsWith(Campaigns.STANDARD)).toList());
        List<String> everyTest = all.stream().map(e -> e.group() + "|" + e.name()).distinct().toList();
        assertThat(matrixWalk(s, "/api/v1/runs/" + id + "/matrix?only=all&limit=7")).isEqualTo(everyTest);
        assertThat(matrixWalk(s, "/api/v1/runs/" + id + "/matrix?only=all&limit=500")).isEqualTo(everyTest);
        assertRefused(s, "/api/v1/runs/" + id + "/matrix?only=some", 400, "only is 'some': give failing or all");
    }

    private static List<String> matrixWalk(Seeded s, String path) throws Exception {
        List<String> tests = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = s.http().json(Http.withCursor(path, cursor));
            list(page.get("rows")).forEach(row -> tests.add(row.get("group").asString() + "|" + row.get("name").asString()));
            cursor = Http.text(page.get("next"));
        } while (cursor != null);
        return tests;
    }

    // ---- files ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void filesAreListedAndServedAsTextThatNeverRuns(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-a", 1);
        ParsedRun parsed = s.runs().get(id);
        List<JsonNode> files = list(s.http().json("/api/v1/runs/" + id + "/files").get("items"));
        assertThat(files.stream().map(file -> file.get("path").asString()).toList())
                .isEqualTo(parsed.files().stream().map(UploadedFile::path).sorted().toList());
        assertThat(files.get(0).propertyNames()).containsExactlyInAnyOrder("path", "size", "media_type");

        String markupOut = "RUN-TESTS_STANDARD@" + BED_A.variants().get(0) + "/basics_string_format_markup.py.out";
        Http.Answer answer = s.http().get("/api/v1/runs/" + id + "/files/" + markupOut);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualToIgnoringWhitespace("text/plain; charset=utf-8");
        assertThat(answer.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.text()).contains(Campaigns.MARKUP);
        byte[] stored = parsed.files().stream().filter(f -> f.path().equals(markupOut)).findFirst().orElseThrow().content();
        assertThat(answer.body()).isEqualTo(stored);
        assertThat(files.stream().filter(f -> f.get("path").asString().equals(markupOut)).findFirst().orElseThrow()
                .get("size").asLong()).isEqualTo(stored.length);

        assertRefused(s, "/api/v1/runs/" + id + "/files/no/such.out", 404, "run " + id + " has no file 'no/such.out'");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void bytesAreServedToSaveAndHtmlAsTextAndOddNamesByTheirEncodedPath(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        long id = s.id("bed-files", 0);
        Http.Answer binary = s.http().get("/api/v1/runs/" + id + "/files/firmware.mpy");
        assertThat(binary.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(binary.header("Content-Disposition")).isEqualTo("attachment; filename=\"firmware.mpy\"");
        assertThat(binary.body()).containsExactly('M', 6, 0, 31, 0xff);
        Http.Answer html = s.http().get("/api/v1/runs/" + id + "/files/summary_report.html");
        assertThat(html.header("Content-Type")).isEqualToIgnoringWhitespace("text/plain; charset=utf-8");
        assertThat(html.header("Content-Security-Policy")).startsWith("sandbox");
        Http.Answer spaced = s.http().get("/api/v1/runs/" + id + "/files/a%20folder/with%20space%231.txt");
        assertThat(spaced.status()).isEqualTo(200);
        assertThat(spaced.text()).isEqualTo("spaced\n");
        JsonNode result = s.http().json("/api/v1/runs/" + id + "/results").get("items").get(0);
        assertThat(result.get("source").isNull()).as("a file:// ref gets no link").isTrue();
    }

    // ---- history ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTestsHistoryHasASeriesPerTestbedAndVariantOldestFirst(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        JsonNode history = s.http().json("/api/v1/tests/history?group=" + Campaigns.STANDARD + "&name="
                + encode(Campaigns.FLAKY_TEST));
        assertThat(history.get("group").asString()).isEqualTo(Campaigns.STANDARD);
        assertThat(history.get("name").asString()).isEqualTo(Campaigns.FLAKY_TEST);
        List<JsonNode> series = list(history.get("series"));
        List<String> expectedSeries = new ArrayList<>();
        for (Campaigns testbed : List.of(BED_A, BED_B, BIG)) {
            testbed.variants().stream().sorted().forEach(v -> expectedSeries.add(testbed.testbed() + "|" + v));
        }
        assertThat(series.stream().map(one -> one.get("testbed").asString() + "|" + one.get("variant").asString()).toList())
                .as("by testbed, then variant").isEqualTo(expectedSeries);
        String flakyVariant = BED_A.variants().get(0);
        JsonNode flaky = series.stream().filter(one -> one.get("testbed").asString().equals("bed-a")
                && one.get("variant").asString().equals(flakyVariant)).findFirst().orElseThrow();
        List<JsonNode> points = list(flaky.get("points"));
        assertThat(points).hasSize(NIGHTS_A);
        assertThat(points.get(0).propertyNames()).containsExactlyInAnyOrder("run_id", "time", "verdict", "duration_ms",
                "score", "time_us");
        for (int night = 0; night < NIGHTS_A; night++) {
            assertThat(points.get(night).get("run_id").asLong()).isEqualTo(s.id("bed-a", night));
            assertThat(points.get(night).get("verdict").asString()).isEqualTo(night % 2 == 1 ? "fail" : "pass");
        }
        JsonNode narrowed = s.http().json("/api/v1/tests/history?group=" + Campaigns.STANDARD + "&name="
                + encode(Campaigns.FLAKY_TEST) + "&testbed=bed-a&variant=" + flakyVariant + "&from="
                + Campaigns.FIRST_NIGHT.plusDays(2).toLocalDate() + "&to=" + Campaigns.FIRST_NIGHT.plusDays(3).toLocalDate());
        assertThat(list(narrowed.get("series"))).hasSize(1);
        assertThat(list(narrowed.get("series").get(0).get("points")).stream().map(p -> p.get("run_id").asLong()).toList())
                .containsExactly(s.id("bed-a", 2), s.id("bed-a", 3));

        JsonNode bench = s.http().json("/api/v1/tests/history?group=" + Campaigns.PERFBENCH + "&name="
                + encode(Campaigns.REGRESSING_BENCHMARK) + "&testbed=bed-a&variant=" + flakyVariant);
        List<JsonNode> scores = list(bench.get("series").get(0).get("points"));
        assertThat(scores.get(5).get("score").asDouble())
                .isEqualTo(BED_A.figures(Campaigns.REGRESSING_BENCHMARK, flakyVariant, 5).score());

        assertRefused(s, "/api/v1/tests/history?group=" + Campaigns.STANDARD, 400, "name is missing: give ?name=");
        assertRefused(s, "/api/v1/tests/history?group=G&name=nothing.py", 404, "no test 'nothing.py' in group 'G'");
    }

    // ---- flaky ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void flakySeriesComeMostFlipsFirstCountedOverTheLastRunsAskedFor(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        JsonNode page = s.http().json("/api/v1/flaky?testbed=bed-a&limit=500");
        List<JsonNode> items = list(page.get("items"));
        assertThat(page.get("total").asLong()).isEqualTo(items.size());
        JsonNode first = items.get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("testbed", "group", "name", "variant", "flips", "recent",
                "last_verdict", "last_run_id", "last_run_time");
        assertThat(items.stream().map(item -> item.get("flips").asInt()).toList()).isSortedAccordingTo(Comparator.reverseOrder());
        JsonNode flaky = items.stream().filter(item -> item.get("name").asString().equals(Campaigns.FLAKY_TEST)).findFirst()
                .orElseThrow();
        assertThat(flaky.get("variant").asString()).isEqualTo(BED_A.variants().get(0));
        assertThat(flaky.get("recent").asString()).isEqualTo("FPFPFPFP");
        assertThat(flaky.get("flips").asInt()).isEqualTo(NIGHTS_A - 1);
        assertThat(flaky.get("last_run_id").asLong()).isEqualTo(s.id("bed-a", NIGHTS_A - 1));
        assertThat(flaky.get("last_verdict").asString()).isEqualTo("fail");
        assertThat(items).as("a steady failure is not flaky")
                .noneMatch(item -> item.get("name").asString().equals(Campaigns.BOARD_FAILURE)
                        && item.get("flips").asInt() > 1);
        // Every series with two flips or more in its eight nights, computed from the campaigns.
        Set<String> expected = new TreeSet<>();
        for (String name : BED_A.standardNames()) {
            for (String variant : BED_A.variants()) {
                StringBuilder recent = new StringBuilder();
                for (int night = NIGHTS_A - 1; night >= 0; night--) {
                    recent.append(BED_A.verdict(name, variant, night).letter());
                }
                if (passFailChanges(recent.toString()) >= 2) {
                    expected.add(name + "@" + variant);
                }
            }
        }
        Set<String> found = items.stream().map(item -> item.get("name").asString() + "@" + item.get("variant").asString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).isEqualTo(expected);

        JsonNode lastFour = s.http().json("/api/v1/flaky?testbed=bed-a&last=4&min_flips=3");
        JsonNode four = list(lastFour.get("items")).stream()
                .filter(item -> item.get("name").asString().equals(Campaigns.FLAKY_TEST)).findFirst().orElseThrow();
        assertThat(four.get("recent").asString()).isEqualTo("FPFP");
        assertThat(four.get("flips").asInt()).isEqualTo(3);
        assertThat(list(s.http().json("/api/v1/flaky?min_flips=60").get("items"))).isEmpty();
        assertThat(list(s.http().json("/api/v1/flaky?group=" + Campaigns.PERFBENCH).get("items"))).isEmpty();

        List<String> all = list(s.http().json("/api/v1/flaky?limit=500").get("items")).stream().map(ReadApiTest::series)
                .toList();
        assertThat(s.http().walkForward("/api/v1/flaky?limit=4").stream().map(ReadApiTest::series).toList()).isEqualTo(all);
        assertThat(s.http().walkBackward("/api/v1/flaky?limit=4").stream().map(ReadApiTest::series).toList()).isEqualTo(all);

        assertRefused(s, "/api/v1/flaky?last=1", 400, "last is 1: give 2 to 64");
        assertRefused(s, "/api/v1/flaky?last=65", 400, "last is 65: give 2 to 64");
        assertRefused(s, "/api/v1/flaky?min_flips=0", 400, "min_flips is 0: give 1 or more");
    }

    private static String series(JsonNode flaky) {
        return flaky.get("testbed").asString() + "|" + flaky.get("group").asString() + "|" + flaky.get("name").asString() + "|"
                + flaky.get("variant").asString();
    }

    /** Pass↔fail changes, counted here from the letters without the server's code. */
    private static int passFailChanges(String recent) {
        String passOrFail = recent.replaceAll("[^PF]", "");
        int changes = 0;
        for (int i = 1; i < passOrFail.length(); i++) {
            changes += passOrFail.charAt(i) != passOrFail.charAt(i - 1) ? 1 : 0;
        }
        return changes;
    }

    // ---- compare ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void comparingTwoRunsNamesNewFailuresFixedStillFailingAddedRemovedAndBenchmarkChanges(TestDatabases kind)
            throws Exception {
        Seeded s = on(kind);
        long base = s.id("bed-a", 3);
        long head = s.id("bed-a", 4);
        JsonNode comparison = s.http().json("/api/v1/compare?base=" + base + "&head=" + head);
        assertThat(comparison.get("base").get("id").asLong()).isEqualTo(base);
        assertThat(comparison.get("head").get("id").asLong()).isEqualTo(head);
        Map<String, String> before = verdicts(s.runs().get(base));
        Map<String, String> after = verdicts(s.runs().get(head));
        assertThat(changes(comparison, "new_failures")).isEqualTo(after.keySet().stream()
                .filter(k -> after.get(k).equals("fail") && !"fail".equals(before.get(k))).toList());
        assertThat(changes(comparison, "fixed")).isEqualTo(after.keySet().stream()
                .filter(k -> !after.get(k).equals("fail") && "fail".equals(before.get(k))).toList());
        assertThat(changes(comparison, "still_failing")).isEqualTo(after.keySet().stream()
                .filter(k -> after.get(k).equals("fail") && "fail".equals(before.get(k))).toList());
        assertThat(changes(comparison, "fixed")).contains(Campaigns.STANDARD + "|" + Campaigns.FLAKY_TEST + "|"
                + BED_A.variants().get(0));
        assertThat(list(comparison.get("added"))).isEmpty();
        assertThat(list(comparison.get("removed"))).isEmpty();
        JsonNode fixed = comparison.get("fixed").get(0);
        assertThat(fixed.propertyNames()).containsExactlyInAnyOrder("group", "name", "variant", "base_verdict", "head_verdict");

        List<JsonNode> benchmarks = list(comparison.get("benchmarks"));
        assertThat(benchmarks).hasSize(BED_A.benchmarkNames().size() * BED_A.variants().size());
        assertThat(benchmarks.stream().map(b -> b.get("change_pct").asDouble()).toList()).isSorted();
        JsonNode worst = benchmarks.get(0);
        assertThat(worst.get("name").asString()).isEqualTo(Campaigns.REGRESSING_BENCHMARK);
        double baseScore = BED_A.figures(worst.get("name").asString(), worst.get("variant").asString(), 3).score();
        double headScore = BED_A.figures(worst.get("name").asString(), worst.get("variant").asString(), 4).score();
        assertThat(worst.get("base_score").asDouble()).isEqualTo(baseScore);
        assertThat(worst.get("head_score").asDouble()).isEqualTo(headScore);
        assertThat(worst.get("change_pct").asDouble()).isCloseTo((headScore - baseScore) / baseScore * 100,
                org.assertj.core.data.Offset.offset(1e-9));

        JsonNode acrossTestbeds = s.http().json("/api/v1/compare?base=" + s.id("bed-a", 0) + "&head=" + s.id("bed-b", 0));
        Map<String, String> bedA = verdicts(s.runs().get(s.id("bed-a", 0)));
        Map<String, String> bedB = verdicts(s.runs().get(s.id("bed-b", 0)));
        assertThat(changes(acrossTestbeds, "added")).isEqualTo(bedB.keySet().stream().filter(k -> !bedA.containsKey(k)).toList())
                .allMatch(test -> test.endsWith("|unix"));
        assertThat(changes(acrossTestbeds, "removed")).isEqualTo(bedA.keySet().stream().filter(k -> !bedB.containsKey(k)).toList())
                .anyMatch(test -> test.startsWith(Campaigns.PERFBENCH + "|") && test.endsWith("|RPI_PICO2"));
        assertRefused(s, "/api/v1/compare?head=" + head, 400, "base is missing");
        assertRefused(s, "/api/v1/compare?base=x&head=" + head, 400, "base is 'x': give a run id");
    }

    private static List<String> changes(JsonNode comparison, String list) {
        return list(comparison.get(list)).stream()
                .map(c -> c.get("group").asString() + "|" + c.get("name").asString() + "|" + c.get("variant").asString())
                .toList();
    }

    /** group|name|variant → verdict in the run's order; a failure in either of two test runs is the verdict. */
    private static Map<String, String> verdicts(ParsedRun run) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Expected e : expected(run)) {
            verdicts.merge(e.group() + "|" + e.name() + "|" + e.variant(), e.verdict(),
                    (a, b) -> b.equals("fail") ? b : a);
        }
        return verdicts;
    }

    // ---- data sets, benchmarks, testbeds ----

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void dataSetsGiveEachRunsDurationAndItsSuccessesAgainstItsTestsOldestFirst(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        JsonNode duration = s.http().json("/api/v1/datasets/duration?testbed=bed-a&period=all");
        assertThat(duration.get("name").asString()).isEqualTo("bed-a duration");
        assertThat(duration.get("info").get("type").asString()).isEqualTo("graph");
        assertThat(duration.get("info").get("xlabel").asString()).isEqualTo("time");
        assertThat(duration.get("info").get("ylabel").asString()).isEqualTo("duration");
        List<JsonNode> points = list(duration.get("data_set"));
        assertThat(points).hasSize(NIGHTS_A);
        for (int night = 0; night < NIGHTS_A; night++) {
            RunInfo run = s.runs().get(s.id("bed-a", night)).run();
            assertThat(points.get(night).get("run_id").asLong()).isEqualTo(s.id("bed-a", night));
            assertThat(points.get(night).get("x").asString()).isEqualTo(run.timeStart().toInstant().toString());
            assertThat(points.get(night).get("y").asDouble())
                    .isEqualTo(Duration.between(run.timeStart(), run.timeEnd()).toMillis() / 1000.0);
        }

        String variant = BED_A.variants().get(1);
        JsonNode status = s.http().json("/api/v1/datasets/status?testbed=bed-a&group=" + Campaigns.STANDARD + "&variant="
                + variant + "&period=all");
        assertThat(status.get("name").asString()).isEqualTo("bed-a " + Campaigns.STANDARD + "@" + variant + " status");
        assertThat(status.get("info").propertyNames()).containsExactly("type");
        assertThat(status.get("info").get("type").asString()).isEqualTo("bar");
        List<JsonNode> bars = list(status.get("data_set"));
        assertThat(bars).hasSize(NIGHTS_A);
        for (int night = 0; night < NIGHTS_A; night++) {
            ParsedTestRun testRun = s.runs().get(s.id("bed-a", night)).testRuns().stream()
                    .filter(t -> t.group().equals(Campaigns.STANDARD) && t.variant().equals(variant)).findFirst().orElseThrow();
            assertThat(bars.get(night).get("Nb tests").asInt()).isEqualTo(testRun.results().size());
            assertThat(bars.get(night).get("Nb Success").asInt())
                    .isEqualTo((int) testRun.results().stream().filter(r -> r.verdict() == Verdict.PASS).count());
            assertThat(bars.get(night).get("run_id").asLong()).isEqualTo(s.id("bed-a", night));
        }
        JsonNode period = s.http().json("/api/v1/datasets/status?testbed=bed-a&from="
                + Campaigns.FIRST_NIGHT.plusDays(6).toLocalDate());
        assertThat(list(period.get("data_set"))).hasSize(2);
        assertThat(list(s.http().json("/api/v1/datasets/duration?testbed=bed-a").get("data_set")))
                .as("30 days back from now hold none of January's nights").isEmpty();
        assertRefused(s, "/api/v1/datasets/duration?period=a-year", 400, "period is 'a-year': give a number of days (30d, 365d) or all");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void benchmarkTrendsHaveASeriesPerTestbedBenchmarkAndVariant(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        String variant = BED_A.variants().get(2);
        JsonNode trends = s.http().json("/api/v1/benchmarks?testbed=bed-a&variant=" + variant + "&period=all");
        List<JsonNode> series = list(trends.get("series"));
        assertThat(series.stream().map(one -> one.get("name").asString()).toList())
                .isEqualTo(BED_A.benchmarkNames().stream().sorted().toList());
        JsonNode chaos = series.stream().filter(one -> one.get("name").asString().equals(Campaigns.REGRESSING_BENCHMARK))
                .findFirst().orElseThrow();
        assertThat(chaos.get("testbed").asString()).isEqualTo("bed-a");
        assertThat(chaos.get("group").asString()).isEqualTo(Campaigns.PERFBENCH);
        assertThat(chaos.get("variant").asString()).isEqualTo(variant);
        List<JsonNode> points = list(chaos.get("points"));
        assertThat(points).hasSize(NIGHTS_A);
        assertThat(points.get(0).propertyNames()).containsExactlyInAnyOrder("run_id", "time", "score", "time_us");
        for (int night = 0; night < NIGHTS_A; night++) {
            assertThat(points.get(night).get("score").asDouble())
                    .isEqualTo(BED_A.figures(Campaigns.REGRESSING_BENCHMARK, variant, night).score());
        }
        JsonNode every = s.http().json("/api/v1/benchmarks?period=all");
        assertThat(list(every.get("series"))).hasSize(BED_A.benchmarkNames().size() * BED_A.variants().size()
                + BIG.benchmarkNames().size() * BIG.variants().size());
        assertThat(list(s.http().json("/api/v1/benchmarks?group=" + Campaigns.STANDARD + "&period=all").get("series")))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void testbedsListTheirRunsAndNewestRun(TestDatabases kind) throws Exception {
        Seeded s = on(kind);
        List<JsonNode> testbeds = list(s.http().json("/api/v1/testbeds").get("items"));
        assertThat(testbeds.stream().map(t -> t.get("name").asString()).toList())
                .containsExactly("bed-a", "bed-b", "bed-big", "bed-files");
        JsonNode a = testbeds.get(0);
        assertThat(a.propertyNames()).containsExactlyInAnyOrder("name", "runs", "last_run_id", "last_run_time");
        assertThat(a.get("runs").asLong()).isEqualTo(NIGHTS_A);
        assertThat(a.get("last_run_id").asLong()).isEqualTo(s.id("bed-a", NIGHTS_A - 1));
        assertThat(a.get("last_run_time").asString())
                .isEqualTo(s.runs().get(s.id("bed-a", NIGHTS_A - 1)).run().timeStart().toInstant().toString());
    }

    // ---- helpers ----

    /** A result as the campaign has it, at its place in the run's order. */
    record Expected(int ord, String group, String name, String variant, String tentacle, String verdict, Long duration,
            String message) {

        String key() {
            return group + "|" + name + "|" + variant + "|" + tentacle + "|" + verdict;
        }
    }

    /** The run's results in its order (group, name, variant, tentacle), computed here from the parsed run. */
    static List<Expected> expected(ParsedRun run) {
        record Row(ParsedTestRun testRun, ParsedResult result) {
        }
        List<Row> rows = new ArrayList<>();
        run.testRuns().forEach(t -> t.results().forEach(r -> rows.add(new Row(t, r))));
        rows.sort(Comparator.<Row, String>comparing(r -> r.testRun().group()).thenComparing(r -> r.result().name())
                .thenComparing(r -> r.testRun().variant())
                .thenComparing(r -> r.result().tentacle(), Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Expected> expected = new ArrayList<>();
        for (Row row : rows) {
            expected.add(new Expected(expected.size(), row.testRun().group(), row.result().name(), row.testRun().variant(),
                    row.result().tentacle(), row.result().verdict().word(), row.result().durationMs(), row.result().message()));
        }
        return expected;
    }

    static String key(JsonNode result) {
        return result.get("group").asString() + "|" + result.get("name").asString() + "|" + result.get("variant").asString()
                + "|" + Http.text(result.get("tentacle")) + "|" + result.get("verdict").asString();
    }

    static List<Integer> expectedTotals(List<ParsedTestRun> testRuns) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        int total = 0;
        for (ParsedTestRun testRun : testRuns) {
            for (ParsedResult result : testRun.results()) {
                counts.merge(result.verdict(), 1, Integer::sum);
                total++;
            }
        }
        return List.of(total, counts.getOrDefault(Verdict.PASS, 0), counts.getOrDefault(Verdict.FAIL, 0),
                counts.getOrDefault(Verdict.SKIP, 0), counts.getOrDefault(Verdict.IGNORED, 0),
                counts.getOrDefault(Verdict.XFAIL, 0));
    }

    static List<Integer> totals(JsonNode totals) {
        assertThat(totals.propertyNames()).containsExactlyInAnyOrder("total", "pass", "fail", "skip", "ignored", "xfail");
        return List.of(totals.get("total").asInt(), totals.get("pass").asInt(), totals.get("fail").asInt(),
                totals.get("skip").asInt(), totals.get("ignored").asInt(), totals.get("xfail").asInt());
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static List<Long> ids(Seeded s, String path) throws Exception {
        return idsOf(s.http().walkForward(path));
    }

    static List<Long> idsOf(List<JsonNode> runs) {
        return runs.stream().map(run -> run.get("id").asLong()).toList();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void assertRefused(Seeded s, String path, int status, String message) throws Exception {
        Http.Answer answer = s.http().get(path);
        assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().get("error").asString()).as(path).contains(message);
    }
}
