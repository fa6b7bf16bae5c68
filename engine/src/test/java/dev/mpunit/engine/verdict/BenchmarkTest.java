package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/**
 * run-perfbench.py's rules for one benchmark. The expected figures are what run-perfbench.py's own
 * {@code compute_stats} and format string print for the same runs (worked out with CPython 3.11).
 */
class BenchmarkTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theScriptIsThePrefixTheBenchmarkBenchrunAndTheCallWithNothingBetween() {
        byte[] script = Benchmark.script(ascii("bm_params = {\n    (1, 1): 2,\n}\n"), ascii("def bm_run(N, M):\n    pass\n"),
                100, 50);
        assertThat(new String(script, StandardCharsets.US_ASCII)).isEqualTo("import sys\nsys.path.remove('')\n\n"
                + "bm_params = {\n    (1, 1): 2,\n}\n" + "def bm_run(N, M):\n    pass\n" + "bm_run(100, 50)\n");
    }

    @Test
    void theFirstKeyInSourceOrderGivesTheHeapNeededNotTheSmallest() {
        assertThat(Benchmark.firstKeyM(ascii("x\nbm_params = {\n    (100, 50): 1,\n    (10, 5): 2,\n}\n")))
                .isEqualTo(OptionalInt.of(50));
    }

    @Test
    void aTableRunPerfbenchCannotReadHasNoFirstKey() {
        // The key on the same line as the brace, two spaces after the comma, no table at all.
        assertThat(Benchmark.firstKeyM(ascii("bm_params = {(10, 5): 1}\n"))).isEmpty();
        assertThat(Benchmark.firstKeyM(ascii("bm_params = {\n    (10,  5): 1}\n"))).isEmpty();
        assertThat(Benchmark.firstKeyM(ascii("def bm_setup(p):\n    pass\n"))).isEmpty();
        assertThat(Benchmark.noParamsMessage("perf_bench/x.py"))
                .isEqualTo("Test file 'perf_bench/x.py' doesn't contain valid 'bm_params'");
    }

    @Test
    void aRunPrintsTimeNormAndAResultThatMayHoldSpaces() {
        assertThat(Benchmark.read(ascii("  1461 50 (True, True)\r\n"))).isEqualTo(new Benchmark.Reading(1461, 50, "(True, True)"));
        assertThat(Benchmark.read(ascii("7 1 a  b\tc\n"))).isEqualTo(new Benchmark.Reading(7, 1, "a  b\tc"));
    }

    @Test
    void skipsAreReadAsTheBenchmarkSaysThem() {
        assertThat(Benchmark.read(ascii("SKIP\n"))).isEqualTo(new Benchmark.Reading(-1, -1, "SKIP"));
        assertThat(Benchmark.read(ascii("-1 -1 SKIP: no matching params\n")))
                .isEqualTo(new Benchmark.Reading(-1, -1, "SKIP: no matching params"));
        assertThat(Benchmark.read(ascii("-1 -1 SKIP: no matching params\n")).failed()).isTrue();
    }

    @Test
    void anythingElseIsACrashQuotedAsPythonsReprShowsIt() {
        String traceback = "Traceback (most recent call last):\n  File \"<stdin>\", line 3\nZeroDivisionError: it's";
        assertThat(Benchmark.read(ascii(traceback + "\n")).result())
                .isEqualTo("CRASH: 'Traceback (most recent call last):\\n  File \"<stdin>\", line 3\\nZeroDivisionError: it\\'s'");
        assertThat(Benchmark.read(ascii("12 x 1")).result()).isEqualTo("CRASH: '12 x 1'");
        // run-perfbench.py dies on these two (fewer than three words); here they are crashes of the benchmark.
        assertThat(Benchmark.read(ascii("")).result()).isEqualTo("CRASH: ''");
        assertThat(Benchmark.read(ascii("12 3")).result()).isEqualTo("CRASH: '12 3'");
        assertThat(Benchmark.read(new byte[] {'a', (byte) 0xff, '\t', '"', '\''}).result()).isEqualTo("CRASH: 'a\\xff\\t\"\\''");
    }

    @Test
    void theLineIsRunPerfbenchsToTheLastDigit() {
        assertThat(line(List.of(1000L, 1200L, 1100L, 900L), 10)).isEqualTo("1050.00 10.6479 9633.84 10.7654");
        assertThat(line(List.of(1461L, 1470L, 1452L), 50)).isEqualTo("1461.00 0.5030 34224.00 0.5030");
        assertThat(line(List.of(3L, 3L, 4L), 7)).isEqualTo("3.33 14.1421 2138888.89 12.8565");
        assertThat(line(List.of(123457L, 123458L), 1)).isEqualTo("123457.50 0.0004 8.10 0.0004");
        assertThat(line(List.of(4285657L, 6015228L, 8892594L, 486627L, 7811852L, 4178411L, 869954L, 2631529L), 14839))
                .isEqualTo("4396481.50 65.0329 8279.84 116.2551");
        assertThat(line(List.of(3636123L, 6847639L, 4688937L, 3054723L, 6533674L, 2677715L, 1206815L, 2328131L), 80993))
                .isEqualTo("3871719.62 48.5295 27804.35 60.1245");
    }

    @Test
    void figuresAreRoundedAsPythonRoundsTheBinaryValueNotAsJavasFormatDoes() {
        assertThat(Benchmark.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(Benchmark.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(Benchmark.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(String.format("%.2f", 2.675)).isEqualTo("2.68");
        assertThat(Benchmark.fixed(0, 4)).isEqualTo("0.0000");
    }

    @Test
    void oneRunHasNoSpread() {
        assertThat(line(List.of(1000L), 10)).isEqualTo("1000.00 0.0000 10000.00 0.0000");
    }

    private static String line(List<Long> times, long norm) {
        List<Double> scores = times.stream().map(time -> Benchmark.score(norm, time)).toList();
        return Benchmark.figures(Benchmark.Stats.ofTimes(times), Benchmark.Stats.ofScores(scores)).line();
    }
}
