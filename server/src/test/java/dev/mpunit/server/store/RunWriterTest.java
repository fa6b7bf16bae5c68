package dev.mpunit.server.store;

import static dev.mpunit.server.ingest.Verdict.FAIL;
import static dev.mpunit.server.ingest.Verdict.PASS;
import static dev.mpunit.server.ingest.Verdict.SKIP;
import static dev.mpunit.server.store.SampleRuns.benchmark;
import static dev.mpunit.server.store.SampleRuns.night;
import static dev.mpunit.server.store.SampleRuns.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.UploadRejected;
import dev.mpunit.server.ingest.Verdict;

class RunWriterTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void storesTheRunWithItsTotalsTestRunsResultsInCanonicalOrderAndFiles(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            String output = "line\n".repeat(200);
            ParsedRun run = SampleRuns.run("bed-a", night(1))
                    .testRun("RUN-TESTS_STANDARD", "unix", result("basics/b.py", PASS), result("basics/a.py", FAIL),
                            result("basics/c.py", SKIP))
                    .testRun("RUN-TESTS_STANDARD", "esp32", result("basics/a.py", PASS))
                    .file("context.json", "{}").file("RUN-TESTS_STANDARD@unix/basics_a.py.out", output)
                    .file("RUN-TESTS_STANDARD@esp32/basics_a.py.out", output).build();

            RunWriter.Stored stored = new RunWriter(opened.database()).store(run);

            assertThat(stored.outcome()).isEqualTo(RunWriter.Outcome.STORED);
            assertThat(rows(opened, "SELECT n_total, n_pass, n_fail, n_skip, n_ignored, n_xfail, format, run_key "
                    + "FROM runs WHERE id = " + stored.runId()))
                    .containsExactly(List.of("4", "2", "1", "1", "0", "0", "mpunit", run.runKey()));
            assertThat(rows(opened, "SELECT group_name, variant, n_total, n_fail, tentacles FROM test_runs ORDER BY variant"))
                    .containsExactly(List.of("RUN-TESTS_STANDARD", "esp32", "1", "0", "t1"),
                            List.of("RUN-TESTS_STANDARD", "unix", "3", "1", "t1"));
            assertThat(rows(opened, "SELECT r.ord, t.name, r.variant, r.verdict FROM results r "
                    + "JOIN tests t ON t.id = r.test_id ORDER BY r.ord"))
                    .containsExactly(List.of("0", "basics/a.py", "esp32", "pass"), List.of("1", "basics/a.py", "unix", "fail"),
                            List.of("2", "basics/b.py", "unix", "pass"), List.of("3", "basics/c.py", "unix", "skip"));
            assertThat(rows(opened, "SELECT path, size_bytes, media_type FROM run_files ORDER BY path"))
                    .containsExactly(List.of("RUN-TESTS_STANDARD@esp32/basics_a.py.out", "1000", "text/plain"),
                            List.of("RUN-TESTS_STANDARD@unix/basics_a.py.out", "1000", "text/plain"),
                            List.of("context.json", "2", "application/json"));
            assertThat(rows(opened, "SELECT size_bytes, gzipped FROM blobs ORDER BY size_bytes"))
                    .as("the two equal outputs are one blob, gzipped as that makes it smaller; {} is not")
                    .containsExactly(List.of("2", "false"), List.of("1000", "true"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theSameRunPushedTwiceIsStoredOnce(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            ParsedRun run = SampleRuns.run("bed-a", night(1)).testRun("G", "unix", result("a.py", PASS)).file("x.txt", "x")
                    .build();
            RunWriter.Stored first = writer.store(run);
            RunWriter.Stored again = writer.store(run);

            assertThat(again).isEqualTo(new RunWriter.Stored(first.runId(), RunWriter.Outcome.DUPLICATE));
            assertThat(count(opened, "runs")).isEqualTo(1);
            assertThat(count(opened, "results")).isEqualTo(1);
            assertThat(count(opened, "run_files")).isEqualTo(1);
            assertThat(rows(opened, "SELECT recent FROM test_status")).containsExactly(List.of("P"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aFinishedPushReplacesTheUnfinishedOneOfTheSameRun(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            writer.store(SampleRuns.run("bed-a", night(1)).testRun("G", "unix", result("a.py", PASS)).build());
            RunWriter.Stored killed = writer.store(SampleRuns.run("bed-a", night(2)).unfinished(true)
                    .testRun("G", "unix", result("a.py", FAIL)).file("partial.txt", "partial").build());
            assertThat(rows(opened, "SELECT recent, flips FROM test_status")).containsExactly(List.of("FP", "1"));

            RunWriter.Stored finished = writer.store(SampleRuns.run("bed-a", night(2))
                    .testRun("G", "unix", result("a.py", PASS), result("b.py", PASS)).build());

            assertThat(finished.outcome()).isEqualTo(RunWriter.Outcome.REPLACED);
            assertThat(finished.runId()).isNotEqualTo(killed.runId());
            assertThat(rows(opened, "SELECT id, unfinished, n_total FROM runs WHERE time_start = "
                    + "(SELECT MAX(time_start) FROM runs)"))
                    .containsExactly(List.of(String.valueOf(finished.runId()), "false", "2"));
            assertThat(count(opened, "runs")).isEqualTo(2);
            assertThat(count(opened, "results")).isEqualTo(3);
            assertThat(count(opened, "blobs")).as("the replaced run's file is gone with it").isZero();
            assertThat(rows(opened, "SELECT t.name, s.recent, s.flips FROM test_status s JOIN tests t ON t.id = s.test_id "
                    + "ORDER BY t.name")).containsExactly(List.of("a.py", "PP", "0"), List.of("b.py", "P", "0"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRunKilledBeforeItsLastGroupsIsReplacedByItsFinishedPush(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            RunWriter.Stored killed = writer.store(SampleRuns.run("bed-a", night(2)).unfinished(true)
                    .testRun("RUN-TESTS_STANDARD", "unix", result("a.py", FAIL)).build());

            RunWriter.Stored finished = writer.store(SampleRuns.run("bed-a", night(2))
                    .testRun("RUN-TESTS_STANDARD", "unix", result("a.py", PASS))
                    .testRun("RUN-PERFBENCH", "unix", benchmark("bm_fib.py", 120.5)).build());

            assertThat(finished.outcome()).isEqualTo(RunWriter.Outcome.REPLACED);
            assertThat(rows(opened, "SELECT id, unfinished, n_total FROM runs"))
                    .containsExactly(List.of(String.valueOf(finished.runId()), "false", "2"));
            assertThat(finished.runId()).isNotEqualTo(killed.runId());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void anotherPushOfAFinishedRunIsRefusedAndChangesNothing(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            RunWriter.Stored stored = writer.store(SampleRuns.run("bed-a", night(1)).testRun("G", "unix", result("a.py", PASS))
                    .build());

            assertThatThrownBy(() -> writer.store(SampleRuns.run("bed-a", night(1)).content("other")
                    .testRun("G", "unix", result("a.py", FAIL)).build()))
                    .isInstanceOf(UploadRejected.class)
                    .hasMessageContaining("run already stored (id " + stored.runId() + "); delete it first")
                    .satisfies(e -> assertThat(((UploadRejected) e).status()).isEqualTo(409));
            assertThat(rows(opened, "SELECT verdict FROM results")).containsExactly(List.of("pass"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void recentVerdictsAreNewestFirstWhateverOrderRunsArriveInAndDeletingPutsThemRight(TestDatabases kind)
            throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            writer.store(SampleRuns.run("bed-a", night(1)).testRun("G", "unix", result("a.py", PASS)).build());
            RunWriter.Stored third = writer.store(SampleRuns.run("bed-a", night(3)).testRun("G", "unix", result("a.py", PASS))
                    .build());
            writer.store(SampleRuns.run("bed-a", night(2)).testRun("G", "unix", result("a.py", FAIL)).build());
            writer.store(SampleRuns.run("bed-b", night(4)).testRun("G", "unix", result("a.py", FAIL)).build());

            assertThat(rows(opened, "SELECT b.name, s.recent, s.flips, s.last_verdict FROM test_status s "
                    + "JOIN testbeds b ON b.id = s.testbed_id ORDER BY b.name"))
                    .as("a run pushed late takes its place by time; each testbed is its own series")
                    .containsExactly(List.of("bed-a", "PFP", "2", "pass"), List.of("bed-b", "F", "0", "fail"));

            assertThat(writer.delete(third.runId())).isTrue();
            assertThat(writer.delete(third.runId())).isFalse();

            assertThat(rows(opened, "SELECT s.recent, s.flips, s.last_verdict FROM test_status s "
                    + "JOIN testbeds b ON b.id = s.testbed_id WHERE b.name = 'bed-a'"))
                    .containsExactly(List.of("FP", "1", "fail"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aFileSharedByTwoRunsStaysUntilTheLastOfThemIsDeleted(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            long first = writer.store(SampleRuns.run("bed-a", night(1)).file("a.exp", "same").build()).runId();
            long second = writer.store(SampleRuns.run("bed-a", night(2)).file("a.exp", "same").build()).runId();
            assertThat(count(opened, "blobs")).isEqualTo(1);

            writer.delete(first);
            assertThat(count(opened, "blobs")).isEqualTo(1);
            writer.delete(second);
            assertThat(count(opened, "blobs")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void pushesOfOneRunAtTheSameMomentStoreItOnce(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            ParsedRun run = campaign("bed-a", night(1), 2000);
            int pushes = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(pushes);
            try {
                List<Future<RunWriter.Stored>> stored = new ArrayList<>();
                for (int i = 0; i < pushes; i++) {
                    stored.add(threads.submit((Callable<RunWriter.Stored>) () -> {
                        start.await();
                        return writer.store(run);
                    }));
                }
                start.countDown();
                List<RunWriter.Outcome> outcomes = new ArrayList<>();
                for (Future<RunWriter.Stored> each : stored) {
                    outcomes.add(each.get().outcome());
                }
                assertThat(outcomes).containsOnlyOnce(RunWriter.Outcome.STORED)
                        .containsOnly(RunWriter.Outcome.STORED, RunWriter.Outcome.DUPLICATE);
            } finally {
                threads.shutdownNow();
            }
            assertThat(count(opened, "runs")).isEqualTo(1);
            assertThat(count(opened, "results")).isEqualTo(2000);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aCampaignOf25000ResultsIsStoredInOneGo(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            writer.store(campaign("warm-up", night(1), 2000));
            ParsedRun first = campaign("bed-a", night(1), 25_000);
            ParsedRun second = campaign("bed-a", night(2), 25_000);

            long started = System.nanoTime();
            writer.store(first);
            long firstMs = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            writer.store(second);
            long secondMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("RunWriter on %s: a 25,000-result campaign stored in %d ms (new tests), the next night's "
                    + "in %d ms (known tests, 25,000 series updated)%n", kind, firstMs, secondMs);

            assertThat(count(opened, "results")).isEqualTo(52_000);
            assertThat(rows(opened, "SELECT COUNT(*) FROM test_status WHERE recent = 'PP'")).containsExactly(List.of("25000"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void textComesBackAsItWasPushed(TestDatabases kind) throws Exception {
        String tricky = "expected \"a, b\"\r\nbut got 'c'\\n, \t<script>alert(1)</script> ünï \uD83D\uDE00 \\N";
        try (TestDatabases.Opened opened = kind.open(folder)) {
            new RunWriter(opened.database()).store(SampleRuns.run("bed-a", night(1)).testRun("G", "unix",
                    new ParsedResult("a \"quoted\", name.py", FAIL, tricky, "", 1L, List.of("retried, once", "\"x\""),
                            new dev.mpunit.server.ingest.Benchmark(1e-9, Double.NaN, 12345.678, 0), "a.out", null),
                    new ParsedResult("b.py", PASS, "", null, null, List.of(), null, null, null),
                    new ParsedResult("c.py", FAIL, "nul\0byte", null, null, List.of(), null, null, null)).build());

            assertThat(rows(opened, "SELECT t.name, r.message, r.tentacle, r.duration_ms, r.incidents, r.bench_time_us, "
                    + "r.bench_time_sd, r.bench_score, r.output_path, r.expected_path FROM results r "
                    + "JOIN tests t ON t.id = r.test_id ORDER BY r.ord"))
                    .containsExactly(
                            java.util.Arrays.asList("a \"quoted\", name.py", tricky.strip(), "", "1",
                                    "retried, once\n\"x\"", "1.0E-9", "NaN", "12345.678", "a.out", null),
                            java.util.Arrays.asList("b.py", "", null, null, null, null, null, null, null, null),
                            java.util.Arrays.asList("c.py", "nul\uFFFDbyte", null, null, null, null, null, null, null, null));
        }
    }

    @org.junit.jupiter.api.Test
    void aFileIsLabelledByItsEndingElseAsTextWhenItReadsAsUtf8() {
        assertThat(RunFiles.mediaType("a/context.json", new byte[0])).isEqualTo("application/json");
        assertThat(RunFiles.mediaType("timeline.svg", new byte[0])).isEqualTo("image/svg+xml");
        assertThat(RunFiles.mediaType("basics_list1.py.out", "ünïcode\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
        assertThat(RunFiles.mediaType("core", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41})).isEqualTo("application/octet-stream");
        assertThat(RunFiles.mediaType("dump.out", new byte[] {0x41, 0x00, 0x42})).isEqualTo("application/octet-stream");
    }

    /** A night of 25 groups on 10 variants, {@code results} results in all, every test passing. */
    static ParsedRun campaign(String testbed, java.time.OffsetDateTime time, int results) {
        SampleRuns run = SampleRuns.run(testbed, time);
        int testRuns = 25 * 10;
        for (int testRun = 0; testRun < testRuns; testRun++) {
            List<ParsedResult> each = new ArrayList<>();
            for (int i = 0; i < results / testRuns; i++) {
                each.add(new ParsedResult("tests/test_" + i + ".py", Verdict.PASS, null, "tentacle-" + testRun % 10, 25L,
                        List.of(), null, null, null));
            }
            run.testRun("GROUP_" + testRun / 10, "VARIANT_" + testRun % 10, each);
        }
        return run.build();
    }

    private static long count(TestDatabases.Opened opened, String table) throws SQLException {
        return Long.parseLong(rows(opened, "SELECT COUNT(*) FROM " + table).get(0).get(0));
    }

    static List<List<String>> rows(TestDatabases.Opened opened, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = opened.database().connection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet result = select.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value == null ? null : value.toString().trim());
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
