package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * Issue 11, item 14: the emulated micro:bit running a test is killed while the test runs. The
 * target restarts it and the test runs again and passes; that must not look like a plain pass:
 * the report entry, {@code context_test.json} and the summary say what happened.
 */
class EmulatorIncidentEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/incident").toAbsolutePath();
    static final String RUN = "RUN-TESTS_STANDARD@qemu-microbit";

    @TempDir
    Path temp;

    @Test
    void aKilledEmulatorAndTheRerunItCausedAreOnRecord() throws Exception {
        assumeQemuMicrobit();
        Path results = temp.resolve("results");
        Killer killer = new Killer();
        EngineRun.execute(EngineRun.request(TREE)
                .configurationParameter("micropython.target", "qemu-microbit")
                .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                .build(), new ResultsFolderListener(), killer);

        assertThat(killer.killed.get(30, TimeUnit.SECONDS)).as("the emulator running the test was killed").isTrue();
        Map<String, String> entries = killer.entries.get("basics/slow.py");
        assertThat(entries).containsEntry("micropython.verdict", "pass");
        assertThat(entries.get("micropython.incidents")).as("the report entry")
                .contains("the board was restarted");

        Map<String, Object> context = JsonReader.object(Files.readString(results.resolve(RUN).resolve("context_test.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((List<Object>) context.get("results")).get(0);
        assertThat(result).containsEntry("name", "basics/slow.py").containsEntry("result", "pass");
        assertThat((List<?>) result.get("incidents")).as("context_test.json").isNotEmpty()
                .anySatisfy(incident -> assertThat(incident).asString().contains("the board was restarted"));

        assertThat(results.resolve("summary_report.md")).content().contains("Incidents", "basics/slow.py on qemu-microbit",
                "the board was restarted");
        assertThat(results.resolve("summary_report.html")).content().contains("Incidents", "the board was restarted");
    }

    static void assumeQemuMicrobit() {
        boolean available = Files.isExecutable(Path.of("/usr/bin/qemu-system-arm"))
                && Files.isRegularFile(Path.of("/usr/share/firmware-microbit-micropython/firmware.hex"));
        String reason = "the emulated micro:bit needs: apt-get install qemu-system-arm firmware-microbit-micropython";
        String requirement = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && requirement != null && !requirement.isBlank()) {
            fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)");
        }
        assumeTrue(available, reason);
    }

    /**
     * Once the test file has started (its board is open by then), kills the QEMU this JVM runs,
     * once, while the test sleeps; keeps the report entries.
     */
    static final class Killer implements TestExecutionListener {
        final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        final CompletableFuture<Boolean> killed = new CompletableFuture<>();

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.getUniqueIdObject().getLastSegment().getType().equals("file") && !killed.isDone()) {
                Thread thread = new Thread(this::killTheEmulator, "emulator-killer");
                thread.setDaemon(true);
                thread.start();
            }
        }

        private void killTheEmulator() {
            try {
                // Well inside the test's 6 s sleep; earlier (its transfer) would be recorded as well.
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                killed.complete(false);
                return;
            }
            Optional<ProcessHandle> qemu = ProcessHandle.current().descendants()
                    .filter(process -> process.info().command().map(command -> command.contains("qemu-system-arm"))
                            .orElse(false))
                    .findFirst();
            killed.complete(qemu.map(ProcessHandle::destroyForcibly).orElse(false));
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entries.put(ResultsFolderListener.testName(test), entry.getKeyValuePairs());
        }
    }
}
