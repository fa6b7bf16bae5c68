package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectedOutputTest {

    @TempDir
    Path dir;

    private Path file(String rel, String content) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    @Test
    void emitterSpecificExpWins() throws IOException {
        Path t = file("basics/x.py", "print(1)\n");
        assertThat(ExpectedOutput.expFile(t, "native")).isEmpty();
        Path generic = file("basics/x.py.exp", "1\n");
        assertThat(ExpectedOutput.expFile(t, "native")).contains(generic);
        Path nat = file("basics/x.py.native.exp", "one\n");
        assertThat(ExpectedOutput.expFile(t, "native")).contains(nat);
        assertThat(ExpectedOutput.expFile(t, "bytecode")).contains(generic);
    }

    @Test
    void expFilesAreReadAndNormalised() throws IOException {
        Path t = file("basics/x.py", "print(1)\n");
        file("basics/x.py.exp", "1\r\n2\r\r\n");
        file("basics/x.py.native.exp", "n\n");
        Expectation e = ExpectedOutput.source(t, "basics/x.py", "bytecode", null).load();
        assertThat(s(e.bytes())).isEqualTo("1\n2\r\n");
        assertThat(e.origin()).isEqualTo("basics/x.py.exp");
        assertThat(e.problem()).isNull();
        assertThat(ExpectedOutput.source(t, "basics/x.py", "native", null).load().origin()).isEqualTo("basics/x.py.native.exp");
    }

    @Test
    void withoutExpCPythonIsAsked() throws IOException {
        assumeTrue(hasPython3());
        Path t = file("basics/y.py", "print('from cpython')\n");
        CPython py = new CPython(List.of("python3"), Duration.ofSeconds(30), null);
        Expectation e = ExpectedOutput.source(t, "basics/y.py", "bytecode", py).load();
        assertThat(s(e.bytes())).isEqualTo("from cpython\n");
        assertThat(e.origin()).isEqualTo("CPython");

        Path hang = file("basics/hang.py", "import time\ntime.sleep(60)\n");
        Expectation timedOut = ExpectedOutput.source(hang, "basics/hang.py", "bytecode",
                new CPython(List.of("python3"), Duration.ofMillis(800), null)).load();
        assertThat(timedOut.bytes()).isNull();
        assertThat(timedOut.problem()).isEqualTo("CPython timed out after 800 ms computing the expected output");
    }

    @Test
    void withoutExpAndWithoutCPython() throws IOException {
        Path t = file("basics/z.py", "print(1)\n");
        assertThatThrownBy(() -> ExpectedOutput.source(t, "basics/z.py", "bytecode", null).load())
                .isInstanceOf(CPythonNotFoundException.class).hasMessageStartingWith(CPythonNotFoundException.MESSAGE);
    }

    @Test
    void regexExpBytesAreRawAndRequired() throws IOException {
        Path t = file("micropython/meminfo.py", "x\n");
        assertThatThrownBy(() -> ExpectedOutput.regexExpBytes(t, "bytecode")).isInstanceOf(java.nio.file.NoSuchFileException.class);
        file("micropython/meminfo.py.exp", "a\r\n");
        assertThat(s(ExpectedOutput.regexExpBytes(t, "bytecode"))).isEqualTo("a\r\n");
    }

    private static boolean hasPython3() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
