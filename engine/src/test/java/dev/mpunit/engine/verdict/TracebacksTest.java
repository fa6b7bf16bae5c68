package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpunit.engine.verdict.Tracebacks.Frame;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TracebacksTest {

    @Test
    void readsFramesInnermostLast() {
        String tb = """
                Traceback (most recent call last):
                  File "unittest/__init__.py", line 399, in run_one
                  File "<stdin>", line 7, in test_fail
                  File "unittest/__init__.py", line 97, in assertEqual
                AssertionError: 1 vs (expected) 2
                """;
        assertThat(Tracebacks.frames(tb)).containsExactly(
                new Frame("unittest/__init__.py", 399, "run_one"),
                new Frame("<stdin>", 7, "test_fail"),
                new Frame("unittest/__init__.py", 97, "assertEqual"));
    }

    @Test
    void syntaxErrorsHaveNoFunction() {
        assertThat(Tracebacks.frames("Traceback (most recent call last):\r\n  File \"<stdin>\", line 2\r\nSyntaxError: invalid syntax"))
                .containsExactly(new Frame("<stdin>", 2, null));
    }

    @Test
    void lastTracebackIgnoresEarlierOnes() {
        String out = "Traceback (most recent call last):\n  File \"a.py\", line 1, in f\nE\n"
                + "more\nTraceback (most recent call last):\n  File \"/t/basics/x.py\", line 5, in <module>\nE2\nCRASH";
        assertThat(Tracebacks.lastTraceback(out)).containsExactly(new Frame("/t/basics/x.py", 5, "<module>"));
        assertThat(Tracebacks.lastTraceback("no traceback")).isEmpty();
    }

    @Test
    void framesResolveToFiles() {
        Path test = Path.of("/t/tests/basics/x.py");
        assertThat(new Frame("<stdin>", 3, null).resolve(test)).contains(test);
        assertThat(new Frame("<stdin>", 3, null).isMainScript(test)).isTrue();
        assertThat(new Frame("/t/tests/basics/x.py", 3, null).isMainScript(test)).isTrue();
        assertThat(new Frame("basics/x.py", 3, null).isMainScript(test)).isTrue();
        assertThat(new Frame("helper.py", 3, null).resolve(test)).contains(Path.of("/t/tests/basics/helper.py"));
        assertThat(new Frame("helper.py", 3, null).isMainScript(test)).isFalse();
        assertThat(new Frame("<string>", 1, null).resolve(test)).isEmpty();
    }
}
