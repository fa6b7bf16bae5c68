package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.AssertionFailedError;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * Issue 11, item 9: a real run on webassembly MicroPython of a test printing terminal control
 * ({@code ESC[2J}, BEL) and of one whose output differs from its {@code .exp} only in a byte that
 * is not UTF-8. What consoles show (report entries, failure messages) is escaped; the results
 * folder's {@code .out}/{@code .exp} hold the real bytes.
 */
class OutputBytesEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/bytes").toAbsolutePath();
    static final String RUN = "RUN-TESTS_STANDARD@webassembly";

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void consolesSeeEscapesAndFilesKeepTheBytes() throws IOException {
        Path results = temp.resolve("results");
        Seen seen = new Seen();
        EngineRun.execute(EngineRun.request(TREE)
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                .build(), new ResultsFolderListener(), seen);

        assertThat(seen.entries.keySet()).containsExactlyInAnyOrder("basics/terminal.py", "basics/nonutf8.py");
        assertThat(seen.failures.keySet()).containsExactlyInAnyOrder("basics/terminal.py", "basics/nonutf8.py");
        for (Map<String, String> entries : seen.entries.values()) {
            for (String value : entries.values()) {
                assertThat(value).doesNotContain("\u001b", "\u0007", "\ufffd");
            }
        }
        Map<String, String> terminal = seen.entries.get("basics/terminal.py");
        assertThat(terminal.get("micropython.output")).startsWith("a\\x1b[2J\\x07b\n");
        assertThat(terminal.get("micropython.reason")).contains("but was \"a\\x1b[2J\\x07b\\n\"");
        assertThat(terminal.get("micropython.expected")).isEqualTo("ab\n");
        Map<String, String> nonUtf8 = seen.entries.get("basics/nonutf8.py");
        assertThat(nonUtf8.get("micropython.reason")).endsWith("expected \"x\\xfe\\n\" but was \"x\\xff\\n\"");
        assertThat(nonUtf8.get("micropython.output")).startsWith("x\\xff\n");
        assertThat(nonUtf8.get("micropython.expected")).startsWith("x\\xfe\n");

        AssertionFailedError terminalFailure = seen.failures.get("basics/terminal.py");
        assertThat(terminalFailure.getMessage()).doesNotContain("\u001b").contains("a\\x1b[2J\\x07b");
        assertThat(terminalFailure.getActual().getStringRepresentation()).isEqualTo("a\\x1b[2J\\x07b\n");
        assertThat(terminalFailure.getExpected().getStringRepresentation()).isEqualTo("ab\n");
        AssertionFailedError nonUtf8Failure = seen.failures.get("basics/nonutf8.py");
        assertThat(nonUtf8Failure.getMessage()).doesNotContain("\ufffd");
        assertThat(nonUtf8Failure.getExpected().getStringRepresentation()).isEqualTo("x\\xfe\n");
        assertThat(nonUtf8Failure.getActual().getStringRepresentation()).isEqualTo("x\\xff\n");

        Path run = results.resolve(RUN);
        assertThat(Files.readAllBytes(run.resolve("basics_terminal.py.out")))
                .isEqualTo(new byte[] {'a', 0x1b, '[', '2', 'J', 0x07, 'b', '\n'});
        assertThat(Files.readAllBytes(run.resolve("basics_nonutf8.py.out"))).isEqualTo(new byte[] {'x', (byte) 0xff, '\n'});
        assertThat(Files.readAllBytes(run.resolve("basics_nonutf8.py.exp"))).isEqualTo(new byte[] {'x', (byte) 0xfe, '\n'});
        assertThat(Files.readString(run.resolve("_results.json")))
                .contains("expected \\\"x\\\\xfe\\\\n\\\" but was \\\"x\\\\xff\\\\n\\\"");
    }

    /** What a console launcher prints from: the report entries and the failures, per test file. */
    static final class Seen implements TestExecutionListener {
        final Map<String, Map<String, String>> entries = new HashMap<>();
        final Map<String, AssertionFailedError> failures = new HashMap<>();

        @Override
        public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entries.put(ResultsFolderListener.testName(test), entry.getKeyValuePairs());
        }

        @Override
        public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
            result.getThrowable().filter(AssertionFailedError.class::isInstance)
                    .ifPresent(t -> failures.put(ResultsFolderListener.testName(test), (AssertionFailedError) t));
        }
    }
}
