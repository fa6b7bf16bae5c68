package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A test that reads its standard input sees end-of-input at once, as CPython does with run-tests.py
 * (issue 11, item 15): were the input left open, it would wait out its timeout and fail TIMEOUT.
 */
class EmptyInputTest {

    @TempDir
    Path temp;

    @Test
    void readingStdinOnTheWebassemblyTargetEndsAtOnceLikeCPython() throws Exception {
        WebAssemblyAvailable.assumeNode();
        Path tree = GeneratedTree.basics(temp, 0);
        // No .exp: CPython (stdin closed) gives the expected output, '' twice.
        Files.writeString(tree.resolve("basics/stdin_read.py"),
                "import sys\nprint(repr(sys.stdin.read()))\nprint(repr(sys.stdin.readline()))\n");

        Events tests = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.timeout", "20")
                .selectors(selectDirectory(tree.toFile()))
                .execute().testEvents();

        assertThat(tests.started().count()).isEqualTo(1);
        assertThat(tests.succeeded().count()).as(tests.list().toString()).isEqualTo(1);
    }
}
