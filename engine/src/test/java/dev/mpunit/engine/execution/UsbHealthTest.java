package dev.mpunit.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.engine.configuration.UsbHealthSettings;
import dev.mpunit.hardware.testbed.Testbed;

/** When a run watches the kernel log, and what its entry says when the log could not be followed to the end. */
class UsbHealthTest {

    private final BlockingQueue<String> said = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stopped = new LinkedBlockingQueue<>();

    private static Testbed testbed(String dut) throws Exception {
        return Testbed.parse("{\"testbed\": \"t\", \"tentacles\": [{\"serial\": \"E46340474B4C2731\","
                + " \"board\": \"RPI_PICO2\", \"dut\": " + dut + "}]}", "t.json");
    }

    @Test
    void tentaclesOnUsbAreWatchedEmulatedOnesAndRunsWithoutATestbedAreNot() throws Exception {
        assertThat(UsbHealth.onUsb(testbed("{\"usb_location\": \"3\"}"))).isTrue();
        assertThat(UsbHealth.onUsb(testbed("{\"usb_serial\": \"0001\"}"))).isTrue();
        assertThat(UsbHealth.onUsb(testbed("{\"device\": \"/dev/ttyACM0\"}"))).isTrue();
        assertThat(UsbHealth.onUsb(testbed("{\"device\": \"execpty:qemu-system-arm -serial pty\"}"))).isFalse();
        assertThat(UsbHealth.onUsb(testbed("{\"emulator\": \"qemu-microbit\"}"))).isFalse();

        try (UsbHealth none = UsbHealth.start(Optional.empty(), new UsbHealthSettings(UsbHealthSettings.Mode.ON,
                Optional.of("echo '[ 1.0] usb usb1-port4: over-current condition'")), stopped::add, said::add)) {
            assertThat(none.entry()).isEmpty();
        }
        try (UsbHealth off = UsbHealth.start(Optional.of(testbed("{\"usb_location\": \"3\"}")),
                new UsbHealthSettings(UsbHealthSettings.Mode.OFF, Optional.of("true")), stopped::add, said::add)) {
            assertThat(off.entry()).isEmpty();
        }
        assertThat(said).isEmpty();
    }

    @Test
    void aLogCommandThatEndsLeavesTheRunUnwatchedSaidOnceAndTheRunGoesOn() throws Exception {
        UsbHealth health = UsbHealth.start(Optional.of(testbed("{\"usb_location\": \"3\"}")),
                new UsbHealthSettings(UsbHealthSettings.Mode.AUTO,
                        Optional.of("echo '[ 5.5] usb 1-4.2.3: device descriptor read/64, error -71'; exit 3")),
                stopped::add, said::add);

        String line = said.poll(20, TimeUnit.SECONDS);
        health.close();

        assertThat(line).isEqualTo("USB health is not watched any more: the kernel log command (sh -c echo '[ 5.5]"
                + " usb 1-4.2.3: device descriptor read/64, error -71'; exit 3) ended (exit 3): [ 5.5] usb 1-4.2.3:"
                + " device descriptor read/64, error -71; USB errors after this are not seen");
        Map<String, String> entry = health.entry().orElseThrow().getKeyValuePairs();
        assertThat(entry).containsEntry(ReportEntryKeys.USB_HEALTH, "unwatched")
                .containsEntry(ReportEntryKeys.USB_HEALTH_MESSAGES,
                        "warning\t5.5\t1-4.2.3\tusb 1-4.2.3: device descriptor read/64, error -71");
        assertThat(entry.get(ReportEntryKeys.USB_HEALTH_REASON)).startsWith("the kernel log command (sh -c echo")
                .endsWith("USB errors after this are not seen; 1 USB warning(s) seen before");
        assertThat(stopped).isEmpty();
        assertThat(said).isEmpty();
    }

    @Test
    void aQuietLogIsOk() throws Exception {
        UsbHealth health = UsbHealth.start(Optional.of(testbed("{\"usb_location\": \"3\"}")),
                new UsbHealthSettings(UsbHealthSettings.Mode.AUTO, Optional.of("exec sleep 600")), stopped::add,
                said::add);
        health.close();

        assertThat(health.entry().orElseThrow().getKeyValuePairs())
                .isEqualTo(Map.of(ReportEntryKeys.USB_HEALTH, "ok"));
        assertThat(List.copyOf(said)).isEmpty();
    }

    /**
     * As Octoprobe: what the kernel says about a board under test itself is expected of a board that
     * reboots, enters its boot loader or is power-cycled, and never stops the run; its hub's port, a
     * hub and the rest keep their severity.
     */
    @Test
    void aBoardsOwnMessagesAreWarningsItsHubsPortIsNot() throws Exception {
        String atTheBoard = "echo '[ 7.1] usb 1-4.2.3: Not enough bandwidth for new device state.'\n";
        // Lines are acted on in order: once the stop came, the lines before it were taken.
        Map<String, String> elsewhere = watch(atTheBoard
                + "echo '[ 7.2] usb 1-4.5.3: Not enough bandwidth for new device state.'\n");
        Map<String, String> itsPort = watch(atTheBoard + "echo '[ 7.3] usb 1-4.2-port3: cannot reset port 3 (err = -71)'\n");

        assertThat(elsewhere).containsEntry(ReportEntryKeys.USB_HEALTH, "critical").containsEntry(
                ReportEntryKeys.USB_HEALTH_MESSAGES, String.join("\n",
                        "warning\t7.1\t1-4.2.3\tusb 1-4.2.3: Not enough bandwidth for new device state.",
                        "critical\t7.2\t1-4.5.3\tusb 1-4.5.3: Not enough bandwidth for new device state."));
        assertThat(elsewhere.get(ReportEntryKeys.USB_HEALTH_REASON)).startsWith("the kernel reports the testbed's USB"
                + " unreliable: usb 1-4.5.3: Not enough bandwidth for new device state.; remedy: ");
        assertThat(itsPort).containsEntry(ReportEntryKeys.USB_HEALTH, "critical").containsEntry(
                ReportEntryKeys.USB_HEALTH_MESSAGES, String.join("\n",
                        "warning\t7.1\t1-4.2.3\tusb 1-4.2.3: Not enough bandwidth for new device state.",
                        "critical\t7.3\t1-4.2.3\tusb 1-4.2-port3: cannot reset port 3 (err = -71)"));
    }

    /** The entry of a watch of these lines, on a testbed whose one board is at 1-4.2.3, once they stopped the run. */
    private Map<String, String> watch(String lines) throws Exception {
        UsbHealth health = UsbHealth.start(Optional.of(testbed("{\"usb_location\": \"3\"}")),
                new UsbHealthSettings(UsbHealthSettings.Mode.AUTO, Optional.of(lines + "exec sleep 600")),
                Optional.empty(), location -> location.equals("1-4.2.3") ? Optional.of("tentacle 2731")
                        : Optional.empty(), stopped::add, said::add);
        assertThat(stopped.poll(20, TimeUnit.SECONDS)).isNotNull();
        health.close();
        said.clear();
        return health.entry().orElseThrow().getKeyValuePairs();
    }
}
