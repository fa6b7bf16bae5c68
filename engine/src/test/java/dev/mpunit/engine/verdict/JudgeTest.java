package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpunit.engine.verdict.Verdict.Kind;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JudgeTest {

    private static final Expectation.Source NEVER = () -> {
        throw new AssertionError("the expected output must not be asked for");
    };

    private static Expectation.Source exp(String text) {
        return () -> Expectation.of(b(text), "basics/x.py.exp");
    }

    private static Verdict judge(String relPath, String output, Expectation.Source source) throws IOException {
        return Judge.judge(relPath, b(output), source, "linux", Duration.ofSeconds(30));
    }

    @Test
    void equalOutputPasses() throws IOException {
        Verdict v = judge("basics/x.py", "1\n2\n", exp("1\n2\n"));
        assertThat(v.kind()).isEqualTo(Kind.PASS);
        assertThat(v.reason()).isEmpty();
        assertThat(v.testcaseCount()).isEqualTo(2);
        assertThat(v.firstDifferingLine()).isZero();
        assertThat(v.unittestSummary()).isEmpty();
    }

    @Test
    void differenceIsNamedByLine() throws IOException {
        Verdict v = judge("basics/x.py", "1\n2\nthree\n4\n", exp("1\n2\n3\n4\n"));
        assertThat(v.kind()).isEqualTo(Kind.FAIL);
        assertThat(v.reason()).isEmpty();
        assertThat(v.firstDifferingLine()).isEqualTo(3);
        assertThat(v.message()).isEqualTo("output differs from basics/x.py.exp at line 3: expected \"3\\n\" but was \"three\\n\"");
        assertThat(v.testcaseCount()).isEqualTo(4);
        assertThat(new String(v.expected())).isEqualTo("1\n2\n3\n4\n");
    }

    @Test
    void missingAndExtraLinesAndNewlines() throws IOException {
        assertThat(judge("basics/x.py", "1\n", exp("1\n2\n")).message())
                .isEqualTo("output differs from basics/x.py.exp at line 2: expected \"2\\n\" but was end of output");
        assertThat(judge("basics/x.py", "1\n2\n", exp("1\n")).message())
                .isEqualTo("output differs from basics/x.py.exp at line 2: expected end of output but was \"2\\n\"");
        assertThat(judge("basics/x.py", "1", exp("1\n")).message())
                .isEqualTo("output differs from basics/x.py.exp at line 1: expected \"1\\n\" but was \"1\"");
    }

    @Test
    void crashAndTimeoutAreSaidPlainly() throws IOException {
        Verdict crash = judge("basics/x.py", "1\nTraceback...\nCRASH", exp("1\n2\n"));
        assertThat(crash.message()).startsWith("MicroPython crashed (CRASH); output differs from basics/x.py.exp at line 2");
        Verdict timeout = judge("basics/x.py", "1\nTIMEOUT", exp("1\n2\n"));
        assertThat(timeout.message()).startsWith("timed out after 30 s (TIMEOUT); output differs");
        assertThat(Judge.judge("basics/x.py", b("TIMEOUT"), exp("1\n"), "linux").message()).startsWith("timed out (TIMEOUT); ");
        assertThat(judge("basics/x.py", "could not enter raw repl\nCRASH", exp("1\n")).message()).startsWith("raw REPL failed; ");
    }

    @Test
    void skipMarkers() throws IOException {
        Verdict skip = judge("basics/x.py", "SKIP\n", NEVER);
        assertThat(skip.kind()).isEqualTo(Kind.SKIP);
        assertThat(skip.reason()).isEmpty();
        assertThat(skip.testcaseCount()).isZero();
        Verdict large = judge("basics/x.py", "SKIP-TOO-LARGE\n", NEVER);
        assertThat(large.kind()).isEqualTo(Kind.SKIP);
        assertThat(large.reason()).isEqualTo("too large");
        // only the exact bytes count
        assertThat(judge("basics/x.py", "SKIP\nmore\n", exp("SKIP\nmore\n")).kind()).isEqualTo(Kind.PASS);
    }

    @Test
    void missingUnittestFailsOnlyThisTest() throws IOException {
        Verdict v = judge("extmod/x.py", "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
                + "ImportError: no module named 'unittest'\nCRASH", NEVER);
        assertThat(v.kind()).isEqualTo(Kind.FAIL);
        assertThat(v.message()).isEqualTo("error: test extmod/x.py requires unittest"
                + " (eg run `mpremote mip install unittest` to install it)");
    }

    @Test
    void unittestSummaryDecidesWithoutExpectedOutput() throws IOException {
        Verdict pass = judge("extmod/u.py", UnittestSummaryTest.SKIPPED_OK, NEVER);
        assertThat(pass.kind()).isEqualTo(Kind.PASS);
        assertThat(pass.message()).isEqualTo("(unittest: 2 ran, 1 skipped)");
        assertThat(pass.testcaseCount()).isEqualTo(1);
        assertThat(pass.expected()).isNull();
        assertThat(pass.unittestSummary()).isPresent();

        Verdict fail = judge("extmod/u.py", UnittestSummaryTest.MIXED, NEVER);
        assertThat(fail.kind()).isEqualTo(Kind.FAIL);
        assertThat(fail.message()).isEqualTo("unittest FAILED (failures=2, errors=1) (unittest: 6 ran, 2 failures, 1 errors): "
                + "TestY.test_fail FAIL, TestY.test_err ERROR, TestZ.test_sub FAIL");
        assertThat(fail.testcaseCount()).isEqualTo(6);
    }

    @Test
    void flakyFailuresAreIgnored() throws IOException {
        Verdict v = judge("thread/thread_gc1.py", "wrong\n", exp("right\n"));
        assertThat(v.kind()).isEqualTo(Kind.IGNORED);
        assertThat(v.reason()).isEqualTo("flaky: GC race condition");
        assertThat(v.message()).startsWith("known flaky, failure ignored: output differs");
        assertThat(judge("thread/thread_gc1.py", "right\n", exp("right\n")).kind()).isEqualTo(Kind.PASS);
        // host-specific entries
        assertThat(Judge.judge("thread/stress_heap.py", b("x\n"), exp("y\n"), "linux").kind()).isEqualTo(Kind.FAIL);
        assertThat(Judge.judge("thread/stress_heap.py", b("x\n"), exp("y\n"), "darwin").kind()).isEqualTo(Kind.IGNORED);
        // unittest failures too
        assertThat(judge("extmod/time_time_ns.py", UnittestSummaryTest.MIXED, NEVER).kind()).isEqualTo(Kind.IGNORED);
    }

    @Test
    void aCPythonProblemFailsTheTest() throws IOException {
        Verdict v = judge("basics/x.py", "1\n", () -> Expectation.failed("CPython timed out after 30 s computing the expected output", "CPython"));
        assertThat(v.kind()).isEqualTo(Kind.FAIL);
        assertThat(v.message()).isEqualTo("CPython timed out after 30 s computing the expected output");
        assertThat(v.expected()).isNull();
        assertThatThrownBy(() -> judge("basics/x.py", "1\n", () -> {
            throw new CPythonNotFoundException("`python3`", null);
        })).isInstanceOf(CPythonNotFoundException.class);
    }

    @Test
    void cpythonCrashIsAnOrdinaryExpectation() throws IOException {
        Verdict v = judge("basics/x.py", "1\n", () -> Expectation.of(b("CPYTHON3 CRASH:\nboom\n"), "CPython (which crashed)"));
        assertThat(v.message()).startsWith("output differs from CPython (which crashed) at line 1:");
        assertThat(v.testcaseCount()).isEqualTo(2);
    }

    @Test
    void testcaseCountUsesPythonSplitlines() throws IOException {
        assertThat(judge("basics/x.py", "a\rb\r\nc", exp("a\rb\r\nc")).testcaseCount()).isEqualTo(3);
        assertThat(judge("basics/x.py", "", exp("")).testcaseCount()).isZero();
    }

    @Test
    void ruleSkipsAndResultsWords() {
        Verdict v = Verdict.skippedBeforeRun("target has no float (float_prec=0)");
        assertThat(v.kind()).isEqualTo(Kind.SKIP);
        assertThat(v.reason()).isEmpty();
        assertThat(v.message()).isEqualTo("target has no float (float_prec=0)");
        assertThat(Kind.IGNORED.resultsWord()).isEqualTo("ignored");
    }

    @Test
    void noteForUnittestsThatNeverRun() {
        assertThat(Judge.misfiredUnittestNote("extmod/x.py", b("# test\nimport unittest\n")))
                .contains("NOTE: extmod/x.py may be a unittest that doesn't run unittest.main()");
        assertThat(Judge.misfiredUnittestNote("extmod/x.py", b("import sys, unittest\n"))).isPresent();
        assertThat(Judge.misfiredUnittestNote("extmod/x.py", b("  import unittest\nprint(1)\n"))).isEmpty();
    }
}
