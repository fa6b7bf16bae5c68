package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;
import static dev.mpunit.engine.verdict.TestBytes.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpunit.engine.verdict.RunTestsOutput.Ending;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RunTestsOutputTest {

    @Test
    void targetOutputLosesPtyAndWindowsLineEndings() {
        assertThat(s(RunTestsOutput.normaliseTarget(b("a\r\r\nb\r\nc\n")))).isEqualTo("a\nb\nc\n");
    }

    @Test
    void loneCarriageReturnsAreContent() {
        assertThat(s(RunTestsOutput.normaliseTarget(b("a\rb\r")))).isEqualTo("a\rb\r");
    }

    @Test
    void replacementsRunInUpstreamsOrder() {
        // "\r\r\r\n": \r\r\n -> \n first leaves "\r\n", which then becomes "\n".
        assertThat(s(RunTestsOutput.normaliseTarget(b("\r\r\r\n")))).isEqualTo("\n");
        // "\r\r\r\r\n": pass one leaves "\r\r\n" (one \r\r\n replaced), pass two leaves "\r\n".
        assertThat(s(RunTestsOutput.normaliseTarget(b("\r\r\r\r\n")))).isEqualTo("\r\n");
    }

    @Test
    void expectedOutputOnlyLosesCrLf() {
        assertThat(s(RunTestsOutput.normaliseExpected(b("a\r\r\nb\r\n")))).isEqualTo("a\r\nb\n");
    }

    @Test
    void markersAreAppendedWithoutNewlineThenNormalised() {
        assertThat(s(RunTestsOutput.asRunTests(b("x\r\n"), Ending.COMPLETED))).isEqualTo("x\n");
        assertThat(s(RunTestsOutput.asRunTests(b("x\r\n"), Ending.CRASHED))).isEqualTo("x\nCRASH");
        assertThat(s(RunTestsOutput.asRunTests(b("partial"), Ending.TIMED_OUT))).isEqualTo("partialTIMEOUT");
        assertThat(s(RunTestsOutput.asRunTests(b(""), Ending.CRASHED))).isEqualTo("CRASH");
    }

    @Test
    void crashedOutputIsNotRewritten() {
        Supplier<byte[]> exp = failingExp();
        byte[] out = b("mem: total=1\nCRASH");
        assertThat(RunTestsOutput.afterRun("micropython/meminfo.py", out, true, false, exp)).isSameAs(out);
    }

    @Test
    void skipMarkersAndBareCrashAreNotRewritten() {
        for (String o : new String[] {"SKIP\n", "SKIP-TOO-LARGE\n", "CRASH"}) {
            assertThat(s(RunTestsOutput.afterRun("micropython/meminfo.py", b(o), false, true, failingExp()))).isEqualTo(o);
        }
    }

    @Test
    void specialTestPrintingSkipAmongOtherOutputIsSkipped() {
        assertThat(s(RunTestsOutput.afterRun("cmdline/repl_x.py", b("banner\nSKIP\nmore"), false, true, failingExp())))
                .isEqualTo("SKIP\n");
        // not for ordinary tests
        assertThat(s(RunTestsOutput.afterRun("basics/x.py", b("banner\nSKIP\nmore"), false, false, failingExp())))
                .isEqualTo("banner\nSKIP\nmore");
    }

    @Test
    void regexTestsAndSpecialTestsAreRewrittenAgainstTheirExp() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<byte[]> exp = () -> {
            asked.incrementAndGet();
            return b("value \\\\d\\+\n");
        };
        assertThat(s(RunTestsOutput.afterRun("micropython/meminfo.py", b("value 42\n"), false, false, exp)))
                .isEqualTo("value \\\\d\\+\n");
        assertThat(s(RunTestsOutput.afterRun("cmdline/cmd_x.py", b("value 7\n"), false, true, exp)))
                .isEqualTo("value \\\\d\\+\n");
        assertThat(asked).hasValue(2);
    }

    @Test
    void ordinaryTestsAreLeftAloneAndTheExpIsNotRead() {
        byte[] out = b("value 42\n");
        assertThat(RunTestsOutput.afterRun("basics/list1.py", out, false, false, failingExp())).isSameAs(out);
    }

    private static Supplier<byte[]> failingExp() {
        return () -> {
            throw new AssertionError("the .exp must not be read");
        };
    }
}
