package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;
import static dev.mpunit.engine.verdict.TestBytes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegexExpectationTest {

    @Test
    void listsUpstreamsRegexTests() {
        assertThat(RegexExpectation.FILES).hasSize(9).startsWith("micropython/meminfo.py")
                .contains("basics/builtin_help.py", "thread/thread_exc2.py", "ports/esp32/partition_ota.py",
                        "ports/unix/extra_coverage.py", "net_inet/tls_text_errors.py");
        assertThat(RegexExpectation.appliesTo("micropython/meminfo.py")).isTrue();
        assertThat(RegexExpectation.appliesTo("basics/list1.py")).isFalse();
        assertThat(RegexExpectation.appliesTo("tests/micropython/meminfo.py")).isFalse();
    }

    @Test
    void convertsEscapesLikeUpstream() {
        // metacharacters literal unless escaped; a backslash before anything drops;
        // the final newline accepts carriage returns before it
        assertThat(s(RegexExpectation.convertEscapes(b("a.b(c)[d]{e}*+^$\n")))).isEqualTo("a\\.b\\(c\\)\\[d\\]\\{e\\}\\*\\+\\^\\$\r*\n");
        assertThat(s(RegexExpectation.convertEscapes(b("\\\\d\\+ \\[0-9\\]\n")))).isEqualTo("\\d+ [0-9]\r*\n");
        assertThat(s(RegexExpectation.convertEscapes(b("no newline?")))).isEqualTo("no newline?");
        assertThat(s(RegexExpectation.convertEscapes(b("\\é\n")))).isEqualTo("é\r*\n");
        assertThat(s(RegexExpectation.convertEscapes(b("\n")))).isEqualTo("\r*\n");
    }

    @Test
    void matchingLinesBecomeThePatternLine() {
        byte[] exp = b("mem: total=\\\\d\\+, peak=\\\\d\\+\nliteral (x)\n");
        byte[] out = b("mem: total=123, peak=45\nliteral (x)\n");
        assertThat(s(RegexExpectation.rewrite(exp, out))).isEqualTo(s(exp));
    }

    @Test
    void nonMatchingLinesStayAndLaterLinesStillMatchByPosition() {
        byte[] exp = b("a \\\\d\nb \\\\d\n");
        assertThat(s(RegexExpectation.rewrite(exp, b("a x\nb 2\n")))).isEqualTo("a x\nb \\\\d\n");
    }

    @Test
    void carriageReturnsBeforeTheNewlineAreAccepted() {
        byte[] exp = b("ok\n");
        assertThat(s(RegexExpectation.rewrite(exp, b("ok\r\r\n")))).isEqualTo("ok\n");
    }

    @Test
    void matchIsAnchoredAtTheStartOnly() {
        assertThat(s(RegexExpectation.rewrite(b("b\n"), b("ab\n")))).isEqualTo("ab\n");
        // A last .exp line without newline matches any line it is a prefix of, and replaces it whole.
        assertThat(s(RegexExpectation.rewrite(b("x\nab"), b("x\nabc\n")))).isEqualTo("x\nab");
    }

    @Test
    void hashesMatchAnyNumberOfWholeLines() {
        byte[] exp = b("start\n########\nend \\\\d\n");
        assertThat(s(RegexExpectation.rewrite(exp, b("start\nnoise 1\nnoise 2\nend 7\ntail\n"))))
                .isEqualTo("start\n########\nend \\\\d\ntail\n");
        // zero lines
        assertThat(s(RegexExpectation.rewrite(exp, b("start\nend 7\n")))).isEqualTo("start\n########\nend \\\\d\n");
    }

    @Test
    void hashesWithNoLaterMatchMarkFail() {
        byte[] exp = b("start\n########\nend\n");
        assertThat(s(RegexExpectation.rewrite(exp, b("start\nnoise\nmore noise\n"))))
                .isEqualTo("start\n######## FAIL\nmore noise\n");
    }

    @Test
    void outputAlwaysEndsWithNewlineAfterRewriting() {
        assertThat(s(RegexExpectation.rewrite(b("x\n"), b("y")))).isEqualTo("y\n");
        assertThat(s(RegexExpectation.rewrite(b("x\n"), b("")))).isEqualTo("\n");
        // an empty line in the output matches an empty pattern line
        assertThat(s(RegexExpectation.rewrite(b("\n"), b("")))).isEqualTo("\n");
    }

    @Test
    void extraOutputLinesAreKept() {
        assertThat(s(RegexExpectation.rewrite(b("a\n"), b("a\nb\nc")))).isEqualTo("a\nb\nc\n");
    }

    @Test
    void bytesAreMatchedAsBytes() {
        // "é" is two bytes; "." matches one byte, so two dots are needed (Python bytes regex semantics)
        byte[] exp = b("\\.\\.\n");
        assertThat(s(RegexExpectation.rewrite(exp, b("é\n")))).isEqualTo(s(exp));
        assertThat(s(RegexExpectation.rewrite(b("\\.\n"), b("é\n")))).isEqualTo("é\n");
        // \w is ASCII-only for bytes: Latin-1 0xE9 is no word character
        byte[] latin1 = {(byte) 0xe9, '\n'};
        assertThat(RegexExpectation.rewrite(b("\\\\w\n"), latin1)).isEqualTo(latin1);
        // non-ASCII literals in the pattern match their UTF-8 bytes
        assertThat(s(RegexExpectation.rewrite(b("grüße \\\\d\n"), b("grüße 5\n")))).isEqualTo("grüße \\\\d\n");
    }

    @Test
    void dotDoesNotMatchNewlineButMatchesCarriageReturn() {
        assertThat(s(RegexExpectation.rewrite(b("a\\.\\*b\n"), b("a\rx\rb\n")))).isEqualTo("a\\.\\*b\n");
    }

    @Test
    void upstreamCrashesBecomeExceptions() {
        assertThatThrownBy(() -> RegexExpectation.rewrite(b("a\n########\n"), b("a\nb\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends with ########");
        assertThatThrownBy(() -> RegexExpectation.rewrite(b("########\n########\nx\n"), b("a\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice in a row");
        assertThatThrownBy(() -> RegexExpectation.rewrite(new byte[] {(byte) 0xff, '\n'}, b("a\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> RegexExpectation.rewrite(b("\\"), b("a\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backslash");
        // "\\q" becomes \q: a bad escape in Python
        assertThatThrownBy(() -> RegexExpectation.rewrite(b("\\\\q\n"), b("a\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1").hasMessageContaining("bad escape \\q");
        // "\*" gives a bare * at the start: nothing to repeat
        assertThatThrownBy(() -> RegexExpectation.rewrite(b("ok\n\\*x\n"), b("a\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("nothing to repeat");
    }

    @Test
    void badPatternFailsEvenWhenMatchingStopsBeforeIt() {
        // upstream compiles every line first
        assertThatThrownBy(() -> RegexExpectation.rewrite(b("a\nb\n\\\\q\n"), b("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void structuralErrorsOnlyWhenReached() {
        // matching stops when the output runs out, before the trailing ######## is looked at
        assertThat(s(RegexExpectation.rewrite(b("a\nb\n########\n"), b("a\n")))).isEqualTo("a\n");
    }

    @Test
    void meminfoLikeExpectation() {
        String exp = """
                mem: total=\\\\d\\+, current=\\\\d\\+, peak=\\\\d\\+
                stack: \\\\d\\+ out of \\\\d\\+
                GC: total: \\\\d\\+, used: \\\\d\\+, free: \\\\d\\+
                GC memory layout; from \\[0-9a-f\\]\\+:
                ########
                qstr pool: n_pool=1, n_qstr=\\\\d, n_str_data_bytes=\\\\d\\+, n_total_bytes=\\\\d\\+
                """;
        String out = """
                mem: total=2940, current=912, peak=3114\r
                stack: 924 out of 80000
                GC: total: 2072832, used: 1120, free: 2071712
                GC memory layout; from 7f0a1c000000:
                00000: h=hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh
                       (2024 lines all free)
                qstr pool: n_pool=1, n_qstr=2, n_str_data_bytes=14, n_total_bytes=110
                """;
        assertThat(s(RegexExpectation.rewrite(exp.getBytes(StandardCharsets.UTF_8), out.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(exp);
    }
}
