package dev.mpunit.server.bench;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.mpunit.server.ingest.Benchmark;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import dev.mpunit.server.ingest.RunInfo;
import dev.mpunit.server.ingest.Verdict;

/**
 * A year of nightly campaigns as a testbed pushes them, generated, deterministic per seed: one run a
 * night per testbed, RUN-TESTS_STANDARD on every board variant, RUN-PERFBENCH on some. Most tests
 * pass; some fail on one variant for weeks (a regression and its fix), a few flip at random (flaky),
 * benchmark scores drift. Shapes follow what mpunit's results folder holds; the content is invented.
 */
final class NightlyCampaigns {

    static final String[] DIRECTORIES = { "basics", "extmod", "float", "micropython", "misc", "stress", "thread", "io" };
    static final String[] BOARDS = { "RPI_PICO", "RPI_PICO_W", "RPI_PICO2", "RPI_PICO2-RISCV", "PYBV11", "PYBD_SF6",
        "ESP32_GENERIC", "ESP32_GENERIC_S3", "ESP32_GENERIC_C3", "ESP8266_GENERIC", "NUCLEO_WB55", "NUCLEO_H743ZI",
        "ARDUINO_NANO_RP2040", "MIMXRT1020_EVK", "SEEED_XIAO_SAMD21", "LOLIN_C3_MINI", "UNIX", "WEBASSEMBLY" };

    private final int tests;
    private final int benchmarks;
    private final long seed;

    /**
     * @param tests RUN-TESTS files per variant
     * @param benchmarks RUN-PERFBENCH benchmarks per variant (on every other variant)
     */
    NightlyCampaigns(int tests, int benchmarks, long seed) {
        this.tests = tests;
        this.benchmarks = benchmarks;
        this.seed = seed;
    }

    static String testName(int index) {
        return DIRECTORIES[index % DIRECTORIES.length] + "/case_" + String.format("%04d", index) + ".py";
    }

    /** The variants of testbed number {@code testbed}: 16 boards on the first, 14 on the second, ... */
    static List<String> variants(int testbed) {
        return List.of(BOARDS).subList(0, Math.max(4, 16 - 2 * testbed));
    }

    /** The results one night of {@code testbed} holds. */
    int resultsPerNight(int testbed) {
        int variants = variants(testbed).size();
        return variants * tests + (variants + 1) / 2 * benchmarks;
    }

    ParsedRun night(int testbed, LocalDate day) {
        SplittableRandom random = new SplittableRandom(seed ^ (day.toEpochDay() * 1_000_003L) ^ testbed * 7919L);
        OffsetDateTime start = day.atTime(2, 0).atOffset(ZoneOffset.UTC).plusMinutes(17L * testbed);
        List<String> variants = variants(testbed);
        List<ParsedTestRun> testRuns = new ArrayList<>();
        long endMs = 0;
        for (int v = 0; v < variants.size(); v++) {
            String variant = variants.get(v);
            String tentacle = String.format("%04x-%s", (testbed * 31 + v * 7) & 0xffff, variant);
            List<ParsedResult> results = new ArrayList<>(tests);
            long groupMs = 0;
            for (int t = 0; t < tests; t++) {
                Verdict verdict = verdict(random, testbed, v, t, day);
                long duration = 40 + (t * 37L + v * 11L) % 900 + random.nextInt(60);
                groupMs += duration;
                String message = verdict == Verdict.FAIL ? "output differs from expected (line " + (1 + t % 40) + ")"
                        : verdict == Verdict.SKIP ? "SKIP: needs " + (t % 2 == 0 ? "float" : "threads") : null;
                results.add(new ParsedResult(testName(t), verdict, message, tentacle, duration, List.of(), null, null, null));
            }
            testRuns.add(new ParsedTestRun("RUN-TESTS_STANDARD", variant, "RUN-TESTS_STANDARD@" + variant,
                    List.of(tentacle), start, start.plusNanos(groupMs * 1_000_000), null, false, results));
            endMs = Math.max(endMs, groupMs);
            if (v % 2 == 0 && benchmarks > 0) {
                List<ParsedResult> bench = new ArrayList<>(benchmarks);
                for (int b = 0; b < benchmarks; b++) {
                    double drift = 1 + 0.0004 * (day.getDayOfYear() % 200) * (b % 3 - 1);
                    double score = (100 + 37 * b + 5 * v) * drift * (1 + random.nextGaussian() * 0.01);
                    double time = 1e6 / score * 100;
                    bench.add(new ParsedResult("perf_bench/bm_" + String.format("%02d", b) + ".py", Verdict.PASS, null,
                            tentacle, (long) (time / 1000 * 3), List.of(), new Benchmark(time, 0.4, score, 0.4), null, null));
                }
                testRuns.add(new ParsedTestRun("RUN-PERFBENCH", variant, "RUN-PERFBENCH@" + variant, List.of(tentacle),
                        start, start.plusMinutes(3), null, false, bench));
            }
        }
        RunInfo run = new RunInfo("testbed-" + (char) ('a' + testbed), "instance-1", "nightly",
                "https://github.com/micropython/micropython.git@master", "https://github.com/micropython/micropython.git@master",
                "mpunit --config micropython.testbed=testbed.json", null, false, start, start.plusNanos(endMs * 1_000_000), null);
        return new ParsedRun("mpunit", run, testRuns, List.of(), ParsedRun.sha256((run + "|" + day).getBytes()));
    }

    /**
     * Mostly pass; a regression on one variant lasting two to six weeks; about one series in 300
     * flaky; skips fixed per test and variant (a feature the board lacks).
     */
    private static Verdict verdict(SplittableRandom random, int testbed, int variant, int test, LocalDate day) {
        int series = test * 131 + variant * 17 + testbed;
        if (series % 23 == 0) {
            return Verdict.SKIP;
        }
        if (series % 307 == 0) {
            return random.nextInt(3) == 0 ? Verdict.FAIL : Verdict.PASS;
        }
        long epochWeek = day.toEpochDay() / 7;
        int regressionStart = (int) ((series * 2654435761L >>> 7) % 52);
        int length = 2 + series % 5;
        if (series % 97 == 0 && Math.floorMod(epochWeek, 52) >= regressionStart
                && Math.floorMod(epochWeek, 52) < regressionStart + length) {
            return Verdict.FAIL;
        }
        return Verdict.PASS;
    }
}
