package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.EventConditions.uniqueId;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** The engine on boards behind a serial line: the emulated micro:bit, and ports that are not there. */
class BoardEngineTest {

    static final Path BOARD = MicroPythonTestEngineTest.FIXTURES.resolve("board");

    @TempDir
    static Path cache;

    static EngineTestKit.Builder engine(String target) {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", cache.toString())
                .configurationParameter("micropython.root", BOARD.toString())
                .configurationParameter("micropython.target", target)
                .configurationParameter("micropython.timeout", "3")
                .selectors(selectDirectory(BOARD.toFile()));
    }

    static UniqueId fileId(String variant, String relativePath) {
        return UniqueId.forEngine("micropython").append("group", "RUN-TESTS_STANDARD")
                .append("variant", variant).append("file", relativePath);
    }

    /** QEMU and the micro:bit firmware, or a skip that says which packages are missing (a failure in CI). */
    static void assumeQemuMicrobit() {
        boolean available = Files.isExecutable(Path.of("/usr/bin/qemu-system-arm"))
                && Files.isRegularFile(Path.of("/usr/share/firmware-microbit-micropython/firmware.hex"));
        String requirement = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        String reason = "the emulated micro:bit needs: apt-get install qemu-system-arm firmware-microbit-micropython";
        if (!available && requirement != null && !requirement.isBlank()) {
            fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)");
        }
        assumeTrue(available, reason);
    }

    @Test
    void emulatedMicrobitGivesRunTestsVerdicts() {
        assumeQemuMicrobit();
        EngineExecutionResults results = engine("qemu-microbit").execute();

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(fileId("qemu-microbit", "basics/pass.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("qemu-microbit", "basics/fail.py")), finishedWithFailure(
                        message(m -> m.contains("0.3333333333333333")))))
                .haveExactly(1, event(uniqueId(fileId("qemu-microbit", "basics/skip.py")),
                        abortedWithReason(message(m -> m.contains("SKIP")))))
                .haveExactly(1, event(uniqueId(fileId("qemu-microbit", "basics/too_large.py")),
                        abortedWithReason(message(m -> m.contains("too large")))))
                .haveExactly(1, event(uniqueId(fileId("qemu-microbit", "basics/never_ends.py")),
                        finishedWithFailure(message(m -> m.contains("TIMEOUT")))));
        Map<String, String> ports = reportEntries(results, "micropython.port");
        assertThat(ports.get("pass.py")).contains("qemu-system-arm");
    }

    @Test
    void webassemblyReplUnderAPtyGivesTheVerdictsOfItsFirmware() {
        WebAssemblyAvailable.assumeNode();
        EngineExecutionResults results = engine("webassembly-pty").execute();

        // Double-precision floats and a large heap: what fails or is too large on the micro:bit passes here.
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(uniqueId(fileId("webassembly-pty", "basics/pass.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("webassembly-pty", "basics/fail.py")), finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("webassembly-pty", "basics/too_large.py")),
                        finishedSuccessfully()))
                .haveExactly(1, event(uniqueId(fileId("webassembly-pty", "basics/skip.py")),
                        abortedWithReason(message(m -> m.contains("SKIP")))))
                .haveExactly(1, event(uniqueId(fileId("webassembly-pty", "basics/never_ends.py")),
                        finishedWithFailure(message(m -> m.contains("TIMEOUT")))));
    }

    @Test
    void portThatDoesNotExistFailsEveryTestNamingItWithinSeconds() {
        long start = System.nanoTime();
        EngineExecutionResults results = engine("/dev/ttyNOPE0").execute();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        results.testEvents().assertStatistics(stats -> stats.failed(5).succeeded(0));
        results.testEvents().failed().stream().forEach(event -> assertThat(
                event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow().getMessage())
                .contains("/dev/ttyNOPE0"));
    }

    @Test
    void lineAnsweringGarbageFailsEveryTestNamingItWithinSeconds() {
        long start = System.nanoTime();
        // A "board" that answers every byte with noise and never a raw REPL banner.
        EngineExecutionResults results = engine("exec:python3 -u "
                + MicroPythonTestEngineTest.FIXTURES.resolve("garbage_board.py")).execute();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        results.testEvents().assertStatistics(stats -> stats.failed(5).succeeded(0));
        results.testEvents().failed().stream().forEach(event -> assertThat(
                event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow().getMessage())
                .contains("does not answer").contains("#@!"));
    }

    /** One report entry per test file, by file name. */
    private static Map<String, String> reportEntries(EngineExecutionResults results, String key) {
        List<Event> published = results.allEvents().stream()
                .filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED).toList();
        return published.stream()
                .filter(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().containsKey(key))
                .collect(Collectors.toMap(event -> Path.of(event.getTestDescriptor().getSource().orElseThrow()
                                .toString().replaceAll(".*file = ([^,]*),.*", "$1")).getFileName().toString(),
                        event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key),
                        (first, second) -> first));
    }
}
