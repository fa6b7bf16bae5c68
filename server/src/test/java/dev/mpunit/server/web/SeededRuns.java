package dev.mpunit.server.web;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.mpunit.server.ingest.Benchmark;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import dev.mpunit.server.ingest.RunInfo;
import dev.mpunit.server.ingest.UploadedFile;
import dev.mpunit.server.ingest.Verdict;

/**
 * The runs the browser tests and the docs' screenshots show: two testbeds' nightly runs over twelve
 * days, three board variants, a test that flips between pass and fail, one that fails on one board
 * only, benchmarks whose scores drift, an unfinished run, a campaign (both testbeds' runs of one night
 * pushed with one id), and a test whose name and output carry {@code <script>alert(1)</script>}. Everything is a function of the night, so the pages show the
 * same every time.
 */
final class SeededRuns {

    static final String TESTBED = "ch_wetzikon_1";
    static final String OTHER_TESTBED = "au_damien_1";
    static final String STANDARD = "RUN-TESTS_STANDARD";
    static final String PERFBENCH = "RUN-PERFBENCH";
    static final String REF_TESTS = "https://github.com/micropython/micropython.git@master";
    static final String SCRIPT = "<script>alert(1)</script>";
    /** A test named like an attack; the pages must show the name as these characters. */
    static final String SCRIPT_TEST = "basics/" + SCRIPT + ".py";
    static final String FLAKY_TEST = "thread/thread_gc1.py";
    /** Fails on ESP32_GENERIC every night from the fifth on: the failures matrix shows it on that board only. */
    static final String BOARD_FAILURE = "extmod/machine_uart_irq.py";
    static final List<String> VARIANTS = List.of("RPI_PICO2", "RPI_PICO2-RISCV", "ESP32_GENERIC");
    static final List<String> BENCHMARKS = List.of("bm_chaos.py", "bm_fannkuch.py", "misc_pystone.py");
    static final int NIGHTS = 12;
    /** Both testbeds' runs of this night are one campaign: the flaky test fails on every board that night. */
    static final int CAMPAIGN_NIGHT = NIGHTS - 2;
    static final String CAMPAIGN = "nightly-2026-12-04";
    static final OffsetDateTime FIRST_NIGHT = OffsetDateTime.of(2026, 11, 24, 2, 0, 0, 0, ZoneOffset.UTC);

    private static final List<String> PASSING = List.of("basics/list1.py", "basics/set_ops.py", "basics/string_format.py",
            "extmod/json_dumps.py", "extmod/vfs_fat_ramdisk.py", "micropython/heapalloc.py", "float/math_fun.py",
            "stress/recursion.py");

    private SeededRuns() {
    }

    /** Every run, oldest first: the first testbed's nights, then the other testbed's last few. */
    static List<ParsedRun> all() {
        List<ParsedRun> runs = new ArrayList<>();
        for (int night = 0; night < NIGHTS; night++) {
            runs.add(night(TESTBED, night, VARIANTS));
        }
        for (int night = NIGHTS - 4; night < NIGHTS; night++) {
            runs.add(night(OTHER_TESTBED, night, List.of("RPI_PICO2")));
        }
        return runs;
    }

    /** The first testbed's last night: the run the run, results and files pages show. */
    static int lastNight() {
        return NIGHTS - 1;
    }

    static ParsedRun night(String testbed, int night, List<String> variants) {
        OffsetDateTime start = FIRST_NIGHT.plusDays(night).plusMinutes(testbed.equals(TESTBED) ? 0 : 30);
        // The other testbed's last night was killed half way: kept, marked unfinished, with its error.
        boolean killed = testbed.equals(OTHER_TESTBED) && night == NIGHTS - 1;
        List<ParsedTestRun> testRuns = new ArrayList<>();
        List<UploadedFile> files = new ArrayList<>();
        OffsetDateTime clock = start;
        for (String variant : variants) {
            String tentacle = tentacle(variant);
            String folder = STANDARD + "@" + variant;
            List<ParsedResult> results = new ArrayList<>();
            List<String> names = new ArrayList<>(PASSING);
            names.add(FLAKY_TEST);
            names.add(BOARD_FAILURE);
            names.add(SCRIPT_TEST);
            names.add("thread/thread_stacksize1.py");
            names.sort(null);
            for (String name : names) {
                Verdict verdict = verdict(name, variant, night);
                long duration = 180 + (name.hashCode() & 0x3ff) + 37L * night % 120 + (variant.contains("ESP32") ? 400 : 0);
                String output = null;
                String expected = null;
                String message = null;
                if (verdict == Verdict.FAIL || name.equals(SCRIPT_TEST)) {
                    output = folder + "/" + name.replace('/', '_') + ".out";
                    expected = folder + "/" + name.replace('/', '_') + ".exp";
                    files.add(text(output, outputOf(name, verdict, variant, night)));
                    files.add(text(expected, "True\n[1, 2, 3]\nOK\n"));
                    message = verdict == Verdict.FAIL ? failureOf(name, variant) : null;
                }
                if (verdict == Verdict.SKIP) {
                    message = "thread: not supported on " + variant;
                }
                List<String> incidents = name.equals(FLAKY_TEST) && verdict == Verdict.FAIL
                        ? List.of("serial: no answer for 2 s, tentacle " + tentacle + " power-cycled")
                        : List.of();
                results.add(new ParsedResult(name, verdict, message, tentacle, duration, incidents, null, output, expected));
            }
            OffsetDateTime end = clock.plusMinutes(6 + variants.indexOf(variant));
            boolean cut = killed && variant.equals(variants.get(variants.size() - 1));
            testRuns.add(new ParsedTestRun(STANDARD, variant, folder, List.of(tentacle), clock, cut ? null : end,
                    cut ? "tentacle " + tentacle + " stopped answering" : null, cut,
                    cut ? results.subList(0, results.size() / 2) : results));
            files.add(text(folder + "/testresults.txt", names.size() + " tests performed\n"));
            clock = end;
        }
        if (!killed) {
            String variant = variants.get(0);
            String folder = PERFBENCH + "@" + variant;
            List<ParsedResult> results = new ArrayList<>();
            for (String name : BENCHMARKS) {
                int i = BENCHMARKS.indexOf(name);
                // Scores drift: bm_chaos loses 1 % a night from the sixth night on, the others wobble.
                double score = (400 + 150 * i) * (1 + 0.01 * Math.sin(night + i))
                        * (name.equals("bm_chaos.py") && night >= 6 ? 1 - 0.01 * (night - 5) : 1);
                double timeUs = 1_000_000 * 100 / score;
                results.add(new ParsedResult("perf_bench/" + name, Verdict.PASS,
                        String.format(java.util.Locale.ROOT, "%.2f %.4f %.2f %.4f", timeUs, 0.8, score, 0.9),
                        tentacle(variant), (long) (timeUs / 100), List.of(), new Benchmark(timeUs, 0.8, score, 0.9), null, null));
            }
            testRuns.add(new ParsedTestRun(PERFBENCH, variant, folder, List.of(tentacle(variant)), clock,
                    clock.plusMinutes(4), null, false, results));
            clock = clock.plusMinutes(4);
        }
        String context = "{\"testbed\": \"" + testbed + "\", \"trigger\": \"nightly\", \"ref_tests\": \"" + REF_TESTS + "\"}\n";
        files.add(text("context.json", context));
        files.add(text("summary_report.md", "# " + testbed + " night " + night + "\n"));
        RunInfo info = new RunInfo(testbed, testbed.equals(TESTBED) ? "wetzikon" : "sydney", "nightly",
                "https://github.com/micropython/micropython.git@v1.28.0-" + (120 + night) + "-g" + Integer.toHexString(0xa1b2c3 + night),
                REF_TESTS, "./mpunit --select-group=RUN-TESTS_STANDARD,RUN-PERFBENCH tests",
                killed ? "the run was cancelled: tentacle 5f2c stopped answering" : null, killed, start,
                killed ? null : clock, night == CAMPAIGN_NIGHT ? CAMPAIGN : null);
        return new ParsedRun("mpunit", info, testRuns, files, ParsedRun.sha256((testbed + night).getBytes(StandardCharsets.UTF_8)));
    }

    private static Verdict verdict(String name, String variant, int night) {
        if (name.equals(FLAKY_TEST)) {
            // pass, fail, pass, pass, fail, ...: flips in every window of recent runs
            return night % 3 == 1 ? Verdict.FAIL : Verdict.PASS;
        }
        if (name.equals(BOARD_FAILURE)) {
            return variant.equals("ESP32_GENERIC") && night >= 4 ? Verdict.FAIL : Verdict.PASS;
        }
        if (name.equals(SCRIPT_TEST)) {
            return variant.equals("RPI_PICO2") && night == NIGHTS - 1 ? Verdict.FAIL : Verdict.PASS;
        }
        if (name.equals("thread/thread_stacksize1.py") && variant.equals("RPI_PICO2-RISCV")) {
            return Verdict.SKIP;
        }
        if (name.equals("stress/recursion.py") && variant.equals("ESP32_GENERIC")) {
            return Verdict.XFAIL;
        }
        return Verdict.PASS;
    }

    private static String outputOf(String name, Verdict verdict, String variant, int night) {
        if (name.equals(SCRIPT_TEST)) {
            return "True\n" + SCRIPT + "\n<b>bold</b> & <i>done</i>\n";
        }
        return "True\n[1, 2, 3]\nTraceback (most recent call last):\n  File \"<stdin>\", line 12, in <module>\n"
                + "OSError: [Errno 110] ETIMEDOUT\n";
    }

    private static String failureOf(String name, String variant) {
        if (name.equals(SCRIPT_TEST)) {
            return "output differs: " + SCRIPT;
        }
        return "output differs from " + name.replace('/', '_') + ".exp at line 3 (" + variant + ")";
    }

    private static String tentacle(String variant) {
        return switch (variant) {
            case "RPI_PICO2" -> "5f2c-RPI_PICO2";
            case "RPI_PICO2-RISCV" -> "3a21-RPI_PICO2-RISCV";
            default -> "e6a7-ESP32_GENERIC";
        };
    }

    private static UploadedFile text(String path, String content) {
        return new UploadedFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
