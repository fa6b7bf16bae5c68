package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live USB tree of the machine the tests run on: whatever is there, nothing crashes and nothing is vague. */
class ThisMachineTest {

    /** Linux without {@code /dev/bus/usb} (a container without devices passed in): libusb sees nothing there. */
    private static boolean withoutDeviceNodes() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && !java.nio.file.Files.isDirectory(Path.of("/dev/bus/usb"));
    }

    @Test
    void libusbListsDevicesOrSaysWhyNot() {
        List<UsbDevice> devices;
        try {
            devices = new LibUsbTree().listWithLibUsb();
        } catch (TentacleException e) {
            assertThat(e.getMessage()).startsWith("cannot read USB devices: ");
            return;
        }
        if (withoutDeviceNodes()) {
            // Nothing to list, and libusb does not say why: devices() looks for the nodes first.
            assertThat(devices).isEmpty();
        } else {
            // A machine whose libusb works has at least its root hubs.
            assertThat(devices).isNotEmpty().allSatisfy(device -> assertThat(device.location()).isNotEmpty());
        }
    }

    @Test
    void theTreeListsDevicesOrSaysWhatToDo() {
        if (withoutDeviceNodes()) {
            assertThatThrownBy(() -> new LibUsbTree().devices())
                    .hasMessageStartingWith("cannot read USB devices: /dev/bus/usb does not exist")
                    .hasMessageContaining("--device");
            return;
        }
        try {
            assertThat(new LibUsbTree().devices()).isNotEmpty()
                    .allSatisfy(device -> assertThat(device.location()).isNotEmpty());
        } catch (TentacleException e) {
            assertThat(e.getMessage()).startsWith("cannot read USB devices: ")
                    .containsAnyOf("--device", "udev rule", "usb4java", "libusb");
        }
    }

    @Test
    void discoveryReportsNoTentaclesWithTheReason() {
        Discovery discovery = Tentacles.discover(Set.of("E46340474B4C2731"));

        if (discovery.found().isEmpty()) {
            assertThat(discovery.noneFound()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("no tentacles found: ").hasSizeGreaterThan("no tentacles found: ".length() + 10));
            assertThat(discovery.messages()).first().isEqualTo(discovery.noneFound().get());
            assertThat(discovery.missing()).containsExactly("E46340474B4C2731");
        } else {
            // A machine with tentacles attached: they are named, and nothing says none were found.
            assertThat(discovery.noneFound()).isEmpty();
            assertThat(discovery.found()).allSatisfy(tentacle -> assertThat(tentacle.serial()).isNotBlank());
            assertThat(discovery.devicesSeen()).isGreaterThanOrEqualTo(discovery.found().size());
        }
    }

    @Test
    void withoutDeviceNodesTheMessageSaysToPassThemIn(@TempDir Path dir) {
        assertThatThrownBy(() -> LibUsb4j.requireDeviceNodes("Linux", dir.resolve("bus/usb")))
                .hasMessageStartingWith("cannot read USB devices: " + dir.resolve("bus/usb") + " does not exist")
                .hasMessageContaining("docker run --device /dev/bus/usb");
    }
}
