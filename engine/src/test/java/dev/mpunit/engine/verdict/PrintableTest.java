package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void textIsUtf8WithoutControlCharactersButNewlineAndTab() {
        assertThat(Printable.isText("héllo\tworld\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Printable.isText(new byte[] {'a', 0x1b, '[', '2', 'J'})).isFalse();
        assertThat(Printable.isText(new byte[] {'a', '\r', '\n'})).isFalse();
        assertThat(Printable.isText(new byte[] {'x', (byte) 0xff})).isFalse();
        assertThat(Printable.isText("\u009b".getBytes(StandardCharsets.UTF_8))).as("C1 CSI").isFalse();
    }

    @Test
    void linesKeepTextAndEscapeTheRestAsPythonWould() {
        assertThat(Printable.lines("a\\b \"q\"\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\\b \"q\"\n");
        assertThat(Printable.lines(new byte[] {'a', 0x1b, '\\', '\n', 'h', (byte) 0xc3, (byte) 0xa9, (byte) 0xff, '\t'}))
                .isEqualTo("a\\x1b\\\\\nhé\\xff\\t");
    }

    @Test
    void quotedShowsEveryByteThatIsNotTextAndCuts() {
        assertThat(Printable.quoted(new byte[] {'x', (byte) 0xfe, '\n'}, 100)).isEqualTo("x\\xfe\\n");
        assertThat(Printable.quoted(new byte[] {(byte) 0xe2, (byte) 0x82}, 100)).as("a cut-off sequence")
                .isEqualTo("\\xe2\\x82");
        assertThat(Printable.quoted("\"é\r".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("\\\"é\\r");
        assertThat(Printable.quoted("abcdef".getBytes(StandardCharsets.UTF_8), 3)).isEqualTo("abc…");
    }

    @Test
    void messagesLoseTheirTerminalControlOnly() {
        assertThat(Printable.message("plain \\x1b\nnext\tline")).isEqualTo("plain \\x1b\nnext\tline");
        assertThat(Printable.message("a\u001b[2Jb\u0007\r")).isEqualTo("a\\x1b[2Jb\\x07\\r");
    }
}
