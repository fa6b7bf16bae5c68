package dev.mpunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.uniqueId;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * REPL tests ({@code cmdline/repl_*}) on a real unix port, typed into its prompt on a pty as
 * run-tests.py types them: one plain, one {@code # sigint:} test that interrupts a sleep with
 * Ctrl-C. The unix port is built from a MicroPython checkout, which CI does not have: the test
 * runs when {@code MPUNIT_TEST_UNIX_MICROPYTHON} names the executable
 * ({@code ports/unix/build-standard/micropython}) and says why it skips otherwise.
 */
class UnixReplEngineTest {

    static final Path TREE = MicroPythonTestEngineTest.FIXTURES.resolve("unix-repl");

    @TempDir
    Path cache;

    private Path micropython;

    @BeforeEach
    void needsAUnixPort() {
        String configured = System.getenv("MPUNIT_TEST_UNIX_MICROPYTHON");
        Assumptions.assumeTrue(configured != null && !configured.isBlank(),
                "no unix port configured: set MPUNIT_TEST_UNIX_MICROPYTHON to a micropython built in ports/unix");
        micropython = Path.of(configured);
        Assumptions.assumeTrue(Files.isExecutable(micropython),
                "MPUNIT_TEST_UNIX_MICROPYTHON=" + configured + " is not an executable file");
    }

    static UniqueId fileId(String relativePath) {
        return UniqueId.forEngine("micropython").append("group", "RUN-TESTS_STANDARD")
                .append("variant", "unix").append("file", relativePath);
    }

    @Test
    void replTestsRunOnAPtyAndPassAsUpstreamPassesThem() {
        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", cache.toString())
                .configurationParameter("micropython.root", TREE.toString())
                .configurationParameter("micropython.target", "unix")
                .configurationParameter("micropython.unix.micropython", micropython.toString())
                .selectors(selectDirectory(TREE.toFile()))
                .execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(fileId("cmdline/repl_define_and_call.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("cmdline/repl_sigint_sleep.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("basics/plain.py")), finishedSuccessfully()));
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).skipped(0));
    }
}
