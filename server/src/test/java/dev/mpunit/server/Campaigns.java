package dev.mpunit.server;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.mpunit.server.ingest.Benchmark;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import dev.mpunit.server.ingest.RunInfo;
import dev.mpunit.server.ingest.UploadedFile;
import dev.mpunit.server.ingest.Verdict;

/**
 * Generated nightly campaigns of one testbed, as parsed runs: the groups RUN-TESTS_STANDARD,
 * RUN-MULTITESTS (two tentacles each) and RUN-PERFBENCH (benchmark figures), on board variants with
 * their tentacles; tests skipped where a board lacks threads, expected failures, a board-only failure
 * that starts on night {@value #BOARD_FAILURE_FROM}, series that flip at random, one series that
 * flips every night ({@link #FLAKY_TEST}), a benchmark that regresses, and an {@code .out} and
 * {@code .exp} file for every failure. Everything is a function of the testbed, the shape and the
 * night: the same night is the same run every time (so pushing it again is a duplicate).
 *
 * <p>Sizes: {@code standardTests × variants} results plus the multi-tests and benchmarks on each
 * variant; {@code testbed("a").variants(BOARD_VARIANTS).standardTests(1500)} is a release
 * campaign of about 25,000 results, {@code standardTests(830)} a nightly one of about 14,000.
 */
public final class Campaigns {

    public static final String STANDARD = "RUN-TESTS_STANDARD";
    public static final String MULTITESTS = "RUN-MULTITESTS";
    public static final String PERFBENCH = "RUN-PERFBENCH";
    public static final String REF_TESTS = "https://github.com/micropython/micropython.git@master";
    public static final String FIRMWARE = "https://github.com/micropython/micropython.git@v1.28.0-";
    /** Passes on even nights and fails on odd ones, on the first variant: flips every night. */
    public static final String FLAKY_TEST = "thread/thread_gc1.py";
    /** Fails on the last variant from night {@value #BOARD_FAILURE_FROM} on, passes everywhere else. */
    public static final String BOARD_FAILURE = "extmod/machine_uart_irq.py";
    public static final int BOARD_FAILURE_FROM = 3;
    /** Loses 15 % of its score from night {@value #REGRESSION_FROM} on, on every variant. */
    public static final String REGRESSING_BENCHMARK = "perf_bench/bm_chaos.py";
    public static final int REGRESSION_FROM = 4;
    /** A failure on the first variant whose output holds markup: the pages must show it as text. */
    public static final String MARKUP_OUTPUT_TEST = "basics/string_format_markup.py";
    public static final String MARKUP = "<script>alert(1)</script>";
    public static final OffsetDateTime FIRST_NIGHT = OffsetDateTime.of(2026, 1, 1, 2, 0, 0, 0, ZoneOffset.UTC);

    /** Sixteen boards, as a testbed of tentacles has them. */
    public static final List<String> BOARD_VARIANTS = List.of("RPI_PICO", "RPI_PICO_W", "RPI_PICO2", "RPI_PICO2-RISCV",
            "ESP32_GENERIC", "ESP32_GENERIC_S3", "ESP32_GENERIC_C3", "ESP8266_GENERIC", "PYBV11", "PYBV11-THREAD",
            "NUCLEO_WB55", "ARDUINO_NANO_RP2040_CONNECT", "LOLIN_C3_MINI", "SEEED_XIAO_SAMD21", "ADAFRUIT_ITSYBITSY_M4",
            "MIMXRT1020_EVK");

    private static final List<String> FOLDERS = List.of("basics", "extmod", "float", "micropython", "misc", "stress",
            "thread", "unicode", "import", "io", "inlineasm", "cmdline");
    private static final List<String> STEMS = List.of("list", "dict", "set_ops", "string_format", "bytes", "class",
            "closure", "generator", "int_big", "slice", "try_except", "with", "async", "struct", "json", "re", "heap",
            "gc", "machine_pin", "vfs", "select", "socket", "thread_lock", "array", "memoryview", "namedtuple",
            "builtin_range", "fun_args", "lexer", "scope");
    private static final List<String> BENCHMARKS = List.of("bm_chaos", "bm_fannkuch", "bm_fft", "bm_float", "bm_hexiom",
            "bm_nqueens", "bm_pidigits", "bm_wordcount", "core_import_mpy_multi", "core_locals", "core_qstr", "core_str",
            "core_yield_from", "misc_aes", "misc_mandel", "misc_pystone", "misc_raytrace", "viper_call0", "viper_call1a",
            "viper_call2a");
    private static final List<String> MULTI = List.of("multi_net/tcp_accept_recv.py", "multi_net/tcp_client_rst.py",
            "multi_net/udp_data.py", "multi_net/uasyncio_tcp_client_rst.py", "multi_bluetooth/ble_characteristic.py",
            "multi_bluetooth/ble_gap_connect.py", "multi_bluetooth/ble_irq_calls.py", "multi_espnow/10_simple_data.py");

    private final String testbed;
    private final List<String> variants;
    private final int standardTests;
    private final int multiTests;
    private final int benchmarks;
    private final OffsetDateTime firstNight;

    private Campaigns(String testbed, List<String> variants, int standardTests, int multiTests, int benchmarks,
            OffsetDateTime firstNight) {
        if (standardTests < 4) {
            throw new IllegalArgumentException("at least 4 standard tests: the named ones");
        }
        this.testbed = testbed;
        this.variants = List.copyOf(variants);
        this.standardTests = standardTests;
        this.multiTests = Math.min(multiTests, MULTI.size());
        this.benchmarks = benchmarks;
        this.firstNight = firstNight;
    }

    /** Three variants, 60 standard tests, 4 multi-tests, 6 benchmarks, from {@link #FIRST_NIGHT} on. */
    public static Campaigns testbed(String testbed) {
        return new Campaigns(testbed, BOARD_VARIANTS.subList(0, 3), 60, 4, 6, FIRST_NIGHT);
    }

    public Campaigns variants(List<String> variants) {
        return new Campaigns(testbed, variants, standardTests, multiTests, benchmarks, firstNight);
    }

    public Campaigns standardTests(int count) {
        return new Campaigns(testbed, variants, count, multiTests, benchmarks, firstNight);
    }

    public Campaigns multiTests(int count) {
        return new Campaigns(testbed, variants, standardTests, count, benchmarks, firstNight);
    }

    public Campaigns benchmarks(int count) {
        return new Campaigns(testbed, variants, standardTests, multiTests, count, firstNight);
    }

    public Campaigns firstNight(OffsetDateTime night) {
        return new Campaigns(testbed, variants, standardTests, multiTests, benchmarks, night);
    }

    public String testbed() {
        return testbed;
    }

    public List<String> variants() {
        return variants;
    }

    /** How many results each night holds. */
    public int resultsPerNight() {
        return (standardTests + multiTests + benchmarks) * variants.size();
    }

    /** Nights {@code 0 .. count-1}, oldest first. */
    public Stream<ParsedRun> nights(int count) {
        return IntStream.range(0, count).mapToObj(this::night);
    }

    /** When night {@code night} starts: a day after the one before, the testbed's own minute past two. */
    public OffsetDateTime start(int night) {
        return firstNight.plusDays(night).plusMinutes(Math.floorMod(testbed.hashCode(), 50));
    }

    /** The standard group's test names, in order. */
    public List<String> standardNames() {
        List<String> names = new ArrayList<>();
        names.add(FLAKY_TEST);
        names.add(BOARD_FAILURE);
        names.add(MARKUP_OUTPUT_TEST);
        for (int i = 0; names.size() < standardTests; i++) {
            String folder = FOLDERS.get(i % FOLDERS.size());
            String stem = STEMS.get(i / FOLDERS.size() % STEMS.size());
            int round = i / (FOLDERS.size() * STEMS.size());
            names.add(folder + "/" + stem + (round == 0 ? "" : Integer.toString(round)) + ".py");
        }
        return names;
    }

    /** The benchmark names, {@link #REGRESSING_BENCHMARK} first. */
    public List<String> benchmarkNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < benchmarks; i++) {
            String stem = BENCHMARKS.get(i % BENCHMARKS.size());
            int round = i / BENCHMARKS.size();
            names.add("perf_bench/" + stem + (round == 0 ? "" : "_" + round) + ".py");
        }
        return names;
    }

    /** A standard test's verdict on a variant on a night: the rules the class describes. */
    public Verdict verdict(String name, String variant, int night) {
        int v = variants.indexOf(variant);
        if (name.equals(FLAKY_TEST)) {
            return v == 0 && night % 2 == 1 ? Verdict.FAIL : Verdict.PASS;
        }
        if (name.equals(BOARD_FAILURE)) {
            return v == variants.size() - 1 && night >= BOARD_FAILURE_FROM ? Verdict.FAIL : Verdict.PASS;
        }
        if (name.equals(MARKUP_OUTPUT_TEST)) {
            return v == 0 ? Verdict.FAIL : Verdict.PASS;
        }
        long series = mix(name.hashCode(), variant.hashCode());
        if (name.startsWith("thread/") && v % 4 == 3) {
            return Verdict.SKIP;
        }
        int kind = (int) Math.floorMod(series, 1000);
        if (kind < 8) {
            return Verdict.XFAIL;
        }
        if (kind < 12) {
            return night >= Math.floorMod(series >> 12, 10) ? Verdict.FAIL : Verdict.PASS;
        }
        if (kind < 16) {
            return new SplittableRandom(mix(series, night)).nextInt(100) < 35 ? Verdict.FAIL : Verdict.PASS;
        }
        if (kind < 20) {
            return Verdict.IGNORED;
        }
        return Verdict.PASS;
    }

    /** The campaign of one night. */
    public ParsedRun night(int night) {
        OffsetDateTime start = start(night);
        OffsetDateTime clock = start;
        List<ParsedTestRun> testRuns = new ArrayList<>();
        List<UploadedFile> files = new ArrayList<>();
        List<String> standard = standardNames();
        for (String variant : variants) {
            String tentacle = tentacle(variant);
            String folder = STANDARD + "@" + variant;
            List<ParsedResult> results = new ArrayList<>();
            long spent = 0;
            for (String name : standard) {
                Verdict verdict = verdict(name, variant, night);
                Long duration = verdict == Verdict.SKIP ? null : duration(name, variant, night);
                spent += duration == null ? 0 : duration;
                String output = null;
                String expected = null;
                String message = switch (verdict) {
                    case FAIL -> "output differs from the expected at line 3 on " + variant;
                    case SKIP -> "thread: not supported on " + variant;
                    case XFAIL -> "expected to fail on " + variant + " (xfail list)";
                    default -> null;
                };
                if (verdict == Verdict.FAIL) {
                    String base = folder + "/" + name.replace('/', '_');
                    output = base + ".out";
                    expected = base + ".exp";
                    files.add(text(output, name.equals(MARKUP_OUTPUT_TEST)
                            ? "True\n" + MARKUP + "\n<b>bold</b> & done\n"
                            : "True\n[1, 2, 3]\nTraceback (most recent call last):\n  File \"<stdin>\", line 12\n"
                                    + "OSError: [Errno 110] ETIMEDOUT\n"));
                    files.add(text(expected, "True\n[1, 2, 3]\nOK\n"));
                }
                results.add(new ParsedResult(name, verdict, message, tentacle, duration, List.of(), null, output, expected));
            }
            OffsetDateTime end = clock.plusNanos(spent * 1_000_000);
            testRuns.add(new ParsedTestRun(STANDARD, variant, folder, List.of(tentacle), clock, end, null, false, results));
            files.add(text(folder + "/testresults.txt", standard.size() + " tests performed on " + variant + "\n"));
            clock = end;
            if (multiTests > 0) {
                List<ParsedResult> multi = new ArrayList<>();
                for (String name : MULTI.subList(0, multiTests)) {
                    Verdict verdict = name.contains("bluetooth") && variant.startsWith("ESP8266") ? Verdict.SKIP : Verdict.PASS;
                    multi.add(new ParsedResult(name, verdict, verdict == Verdict.SKIP ? "no bluetooth on " + variant : null,
                            tentacle, verdict == Verdict.SKIP ? null : duration(name, variant, night) * 3, List.of(), null,
                            null, null));
                }
                OffsetDateTime multiEnd = clock.plusMinutes(2);
                testRuns.add(new ParsedTestRun(MULTITESTS, variant, MULTITESTS + "@" + variant,
                        List.of(tentacle, "0c30-RPI_PICO_W"), clock, multiEnd, null, false, multi));
                clock = multiEnd;
            }
            if (benchmarks > 0) {
                List<ParsedResult> bench = new ArrayList<>();
                for (String name : benchmarkNames()) {
                    Benchmark figures = figures(name, variant, night);
                    bench.add(new ParsedResult(name, Verdict.PASS,
                            String.format(Locale.ROOT, "%.2f %.4f %.2f %.4f", figures.timeUs(), figures.timeSd(),
                                    figures.score(), figures.scoreSd()),
                            tentacle, (long) (figures.timeUs() * 8 / 1000), List.of(), figures, null, null));
                }
                OffsetDateTime benchEnd = clock.plusMinutes(3);
                testRuns.add(new ParsedTestRun(PERFBENCH, variant, PERFBENCH + "@" + variant, List.of(tentacle), clock,
                        benchEnd, null, false, bench));
                clock = benchEnd;
            }
        }
        files.add(text("context.json", "{\"testbed\": \"" + testbed + "\", \"trigger\": \"" + trigger(night) + "\"}\n"));
        files.add(text("summary_report.md", "# " + testbed + ", night " + night + "\n"));
        RunInfo info = new RunInfo(testbed, testbed + "-1", trigger(night), FIRMWARE + (100 + night) + "-g"
                + Integer.toHexString(0xa1b2c3 + night), REF_TESTS, "./mpunit tests --select-group=" + STANDARD,
                null, false, start, clock, null);
        String identity = testbed + "|" + night + "|" + variants + "|" + standardTests + "|" + multiTests + "|" + benchmarks;
        return new ParsedRun("mpunit", info, testRuns, files, ParsedRun.sha256(identity.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every seventh night is started by hand, the others by the nightly timer. */
    public static String trigger(int night) {
        return night % 7 == 6 ? "manual" : "nightly";
    }

    /** A tentacle's name: its serial's first hex digits and the board variant on it. */
    public static String tentacle(String variant) {
        return String.format(Locale.ROOT, "%04x", Math.floorMod(variant.hashCode(), 0x10000)) + "-" + variant;
    }

    /** A benchmark's figures: its variant's base score, a slight wobble, and the regression where it applies. */
    public Benchmark figures(String name, String variant, int night) {
        long series = mix(name.hashCode(), variant.hashCode());
        double base = 200 + Math.floorMod(series, 800);
        double wobble = 1 + 0.02 * Math.sin(night * 1.7 + Math.floorMod(series, 7));
        double regression = name.equals(REGRESSING_BENCHMARK) && night >= REGRESSION_FROM ? 0.85 : 1;
        double score = base * wobble * regression;
        return new Benchmark(1e8 / score, 0.5 + Math.floorMod(series >> 8, 20) / 10.0, score,
                0.4 + Math.floorMod(series >> 16, 20) / 10.0);
    }

    private static long duration(String name, String variant, int night) {
        long series = mix(name.hashCode(), variant.hashCode());
        long base = 15 + Math.floorMod(series, 2500);
        return base + new SplittableRandom(mix(series, night)).nextLong(base / 10 + 1);
    }

    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private static UploadedFile text(String path, String content) {
        return new UploadedFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
