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

    @Test
    void libusbListsDevicesOrSaysWhyNot() {
        try {
            List<UsbDevice> devices = new LibUsbTree().listWithLibUsb();
            assertThat(devices).allSatisfy(device -> assertThat(device.location()).isNotEmpty());
        } catch (TentacleException e) {
            assertThat(e.getMessage()).startsWith("cannot read USB devices: ");
        }
    }

    @Test
    void theTreeListsDevicesOrSaysWhatToDo() {
        try {
            new LibUsbTree().devices();
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
        }
    }

    @Test
    void withoutDeviceNodesTheMessageSaysToPassThemIn(@TempDir Path dir) {
        assertThatThrownBy(() -> LibUsb4j.requireDeviceNodes("Linux", dir.resolve("bus/usb")))
                .hasMessageStartingWith("cannot read USB devices: " + dir.resolve("bus/usb") + " does not exist")
                .hasMessageContaining("docker run --device /dev/bus/usb");
    }
}
