package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;

/**
 * USB health on a testbed of one {@code fake} tentacle, watched as if it were on USB
 * ({@code micropython.usb-health=on}), its kernel log played by a script ({@code micropython.usb-health.command}):
 * no hardware, no kernel.
 */
class UsbHealthEngineTest {

    /**
     * Ordinary kernel lines, far more than a pipe holds (64 KiB): once the script has written them the
     * watch has read past what came before, and so has acted on it (it reads and acts line by line).
     */
    private static final String PAST_THE_PIPE = "i=0; while [ $i -lt 3000 ]; do echo '[ 8822.000000] usb 1-4.1: new"
            + " full-speed USB device number 9 using xhci_hcd, a line to fill the pipe'; i=$((i+1)); done";

    @TempDir
    Path folder;

    private Path tests() {
        return folder.resolve("tests");
    }

    private Path inventory() throws IOException {
        Path inventory = folder.resolve("testbed.json");
        Files.writeString(inventory, """
                {"testbed": "fakes", "tentacles": [
                  {"serial": "emulated-fake", "board": "MICROBIT", "dut": {"emulator": "fake"}}]}
                """);
        return inventory;
    }

    private EngineTestKit.Builder engine(String usbHealth, String command) throws IOException {
        return EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.cache", folder.resolve("cache").toString())
                .configurationParameter("micropython.testbed", inventory().toString())
                .configurationParameter("micropython.progress", "off")
                .configurationParameter("micropython.usb-health", usbHealth)
                .configurationParameter("micropython.usb-health.command", command)
                .selectors(selectDirectory(tests().toFile()));
    }

    private static Map<String, String> runEntry(EngineExecutionResults results) {
        List<Map<String, String>> onEngine = results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getSegments().size() == 1)
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
        assertThat(onEngine).hasSizeLessThanOrEqualTo(1);
        return onEngine.isEmpty() ? Map.of() : onEngine.get(0);
    }

    @Test
    void aCriticalMessageStopsTheHandingOutAndEveryTestEndsWithAVerdict() throws IOException {
        Path go = folder.resolve("go");
        Path seen = folder.resolve("seen");
        // The first file (the largest: handed out first) says it runs, and ends only once the watch
        // has acted on the critical line.
        FakeTargetEngineTest.fakeFile(tests(), "basics/a_first.py", "1\n", "touch " + go, "await " + seen,
                "print 1");
        for (String name : List.of("b", "c", "d")) {
            FakeTargetEngineTest.fakeFile(tests(), "basics/" + name + ".py", "2\n", "print 2");
        }
        Path log = folder.resolve("kernel-log.sh");
        Files.writeString(log, """
                echo '[ 8813.462881] usb 1-4.2.3: device descriptor read/64, error -71'
                while [ ! -e '%s' ]; do sleep 0.01; done
                echo '[ 8821.100002] usb 1-4-port2: cannot reset port 2 (err = -71)'
                %s
                touch '%s'
                exec sleep 600
                """.formatted(go, PAST_THE_PIPE, seen));

        EngineExecutionResults results = engine("on", "sh " + log).execute();

        String stopped = "the kernel reports the testbed's USB unreliable: usb 1-4-port2: cannot reset port 2"
                + " (err = -71); remedy: turn USB autosuspend off (kernel parameter usbcore.autosuspend=-1), keep"
                + " the tentacle hubs and USB-serial bridges powered on with the udev rules of"
                + " docs/testbed-host.md, and check the cables and the hubs' power supply";
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).skipped(3));
        Map<String, String> skipped = results.testEvents().skipped().stream().collect(Collectors.toMap(
                event -> event.getTestDescriptor().getDisplayName(),
                event -> event.getRequiredPayload(String.class)));
        assertThat(skipped).containsOnlyKeys("basics/b.py", "basics/c.py", "basics/d.py")
                .allSatisfy((file, reason) -> assertThat(reason)
                        .isEqualTo(Verdicts.CANCELLED_REASON_PREFIX + " (" + stopped + ")"));
        assertThat(runEntry(results)).containsExactly(
                Map.entry(ReportEntryKeys.USB_HEALTH, "critical"),
                Map.entry(ReportEntryKeys.USB_HEALTH_REASON, stopped),
                Map.entry(ReportEntryKeys.USB_HEALTH_MESSAGES,
                        "warning\t8813.462881\t1-4.2.3\tusb 1-4.2.3: device descriptor read/64, error -71\n"
                                + "critical\t8821.100002\t1-4.2\tusb 1-4-port2: cannot reset port 2 (err = -71)"));
        Event engineFinished = results.allEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getSegments().size() == 1)
                .findFirst().orElseThrow();
        assertThat(engineFinished.getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void warningsAreReportedAndTheRunGoesOn() throws IOException {
        Path done = folder.resolve("done");
        FakeTargetEngineTest.fakeFile(tests(), "basics/a_first.py", "1\n", "await " + done, "print 1");
        FakeTargetEngineTest.fakeFile(tests(), "basics/b.py", "2\n", "print 2");
        Path log = folder.resolve("kernel-log.sh");
        Files.writeString(log, """
                echo 'Dec 06 22:38:50 host kernel: usb 3-1.1.4-port1: attempt power cycle'
                %s
                touch '%s'
                exec sleep 600
                """.formatted(PAST_THE_PIPE, done));

        EngineExecutionResults results = engine("on", "sh " + log).execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).skipped(0));
        assertThat(runEntry(results)).containsEntry(ReportEntryKeys.USB_HEALTH, "warning")
                .containsEntry(ReportEntryKeys.USB_HEALTH_MESSAGES,
                        "warning\tDec 06 22:38:50\t3-1.1.4.1\tusb 3-1.1.4-port1: attempt power cycle");
    }

    @Test
    void anEmulatedTestbedIsNotWatchedUnlessAsked() throws IOException {
        FakeTargetEngineTest.fakeFile(tests(), "basics/a.py", "1\n", "print 1");

        EngineExecutionResults results = engine("auto", "echo '[ 1.0] usb usb1-port4: over-current condition'")
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(runEntry(results)).isEmpty();
    }

    @Test
    void aBadSettingIsRefusedSayingWhatIsAccepted() throws IOException {
        FakeTargetEngineTest.fakeFile(tests(), "basics/a.py", "1\n", "print 1");

        EngineExecutionResults results = engine("sometimes", "true").execute();

        assertThat(results.allEvents().stream().map(Object::toString).collect(Collectors.joining("\n")))
                .contains("micropython.usb-health=sometimes is not auto, on or off");
    }
}
