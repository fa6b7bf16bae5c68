package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.emulated.QemuMicrobit;
import dev.mpunit.hardware.serial.SerialLink;
import dev.mpunit.hardware.serial.SerialPortLink;

/**
 * The simulated testbed behaves as a tentacle does: discovery finds it, the infra answers relay
 * commands, hub power starts and stops the board, boot mode lets the programmer write another
 * firmware, and the firmware check tells the two apart. One QEMU boot at a time.
 */
@Timeout(90)
class SimulatedUsbTest {

    static final String VERSION = "MicroPython v1.9.2-34-gd64154c73";
    static final String OTHER_VERSION = "MicroPython v1.9.2-35-gd64154c73";

    @TempDir
    Path folder;

    static void assumeQemuAndPython() {
        List<String> missing = new java.util.ArrayList<>();
        if (!Files.isRegularFile(QemuMicrobit.DEFAULT_FIRMWARE)) {
            missing.add(QemuMicrobit.DEFAULT_FIRMWARE.toString());
        }
        for (String tool : List.of("qemu-system-arm", "python3")) {
            boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String reason = "a simulated testbed needs " + String.join(", ", missing) + ": " + QemuMicrobit.PACKAGES
                    + " python3";
            String required = System.getenv("MPUNIT_REQUIRE_EMULATORS");
            if (required != null && !required.isEmpty()) {
                fail(reason + " (MPUNIT_REQUIRE_EMULATORS is set)");
            }
            Assumptions.abort(reason);
        }
    }

    @Test
    void powerStartsTheBoardAndBootModeLetsTheProgrammerWriteAnotherFirmware() throws Exception {
        assumeQemuAndPython();
        Path tentacle = Files.createDirectories(folder.resolve("E46340474B4C2731"));
        Files.copy(QemuMicrobit.DEFAULT_FIRMWARE, tentacle.resolve("flash.hex"));
        Path other = folder.resolve("other.hex");
        SimulatedUsb.firmwareWithVersion(QemuMicrobit.DEFAULT_FIRMWARE, VERSION, OTHER_VERSION, other);

        try (SimulatedUsb usb = SimulatedUsb.open(folder, "qemu-system-arm", "python3")) {
            Discovery discovery = Tentacles.discover(usb.tree(), Set.of("e46340474b4c2731"));
            assertThat(discovery.matched()).singleElement().satisfies(found -> {
                assertThat(found.hubLocation()).isEqualTo("1-1");
                assertThat(found.dutPresent()).isFalse();
            });
            DiscoveredTentacle found = discovery.matched().get(0);

            assertThat(usb.disableFile("E46340474B4C2731", 3)).hasContent("1");
            usb.power("1-1", 3, true);
            // Switched through the kernel's file, as a real hub's port is.
            assertThat(usb.disableFile("E46340474B4C2731", 3)).hasContent("0");
            assertThat(folder.resolve("sys/bus/usb/devices/1-1:1.0/1-1-port3/disable")).hasContent("0");
            String port = new DutPort(usb::serialPorts).find("1-1.3", Duration.ZERO, Duration.ofSeconds(3));
            assertThat(installed(port).version()).contains(VERSION);

            String infraPort = new DutPort(usb::serialPorts).find("1-1.1", Duration.ZERO, Duration.ofSeconds(1));
            try (SerialLink infraLink = SerialPortLink.open(infraPort)) {
                Infra infra = new Infra("tentacle 2731", new RawRepl(infraLink, Pacing.of(256, Duration.ZERO), false));
                UsbDevice bootLoader = infra.enterBootMode(HubPorts.of(usb), found, Duration.ofMillis(100),
                        Duration.ofSeconds(3));
                assertThat(bootLoader.product()).isEqualTo("boot loader (simulated)");
                FlashResult flashed = Programmer.of("command", usb.programmer("E46340474B4C2731"))
                        .flash(other, Programmer.Dut.of(bootLoader, ""), Duration.ofSeconds(10));
                assertThat(flashed.success()).as(flashed.output()).isTrue();
            }
            usb.power("1-1", 3, false);
            usb.power("1-1", 3, true);
            port = new DutPort(usb::serialPorts).find("1-1.3", Duration.ZERO, Duration.ofSeconds(3));
            assertThat(installed(port).version()).contains(OTHER_VERSION);

            assertThat(Files.readAllLines(tentacle.resolve("events.log"))).filteredOn(line -> !line.startsWith("qemu"))
                    .containsExactly("power 3 on", "relay 1 closed", "power 3 off", "power 3 on", "boot loader",
                            "relay 1 open", "power 3 off", "power 3 on");
            // The kernel log says each device that came and went, as the kernel would; none of it is USB trouble.
            List<String> kernel = Files.readAllLines(SimulatedUsb.kernelLog(folder));
            assertThat(kernel).map(line -> line.substring(line.indexOf(']') + 2)).containsExactly(
                    "usb 1-1.3: new full-speed USB device number 1 using xhci_hcd",
                    "usb 1-1.3: USB disconnect, device number 1",
                    "usb 1-1.3: new full-speed USB device number 2 using xhci_hcd",
                    "usb 1-1.3: USB disconnect, device number 2",
                    "usb 1-1.3: new full-speed USB device number 3 using xhci_hcd");
            assertThat(kernel).allSatisfy(line -> assertThat(line).matches("\\[ *\\d+\\.\\d{6}\\] .*")
                    .satisfies(l -> assertThat(KernelLog.classify(l)).isEmpty()));
        }
    }

    /** A bad cable: the next power-on gives the kernel's enumeration errors and no board; the one after works. */
    @Test
    void aFlakyUsbMarkerMakesTheNextPowerOnFailAsABadCableDoes() throws Exception {
        assumeQemuAndPython();
        Path tentacle = Files.createDirectories(folder.resolve("aaaa0001"));
        Files.writeString(tentacle.resolve(SimulatedUsb.FLAKY_USB), "");
        try (SimulatedUsb usb = SimulatedUsb.open(folder, "qemu-system-arm", "python3")) {
            usb.power("1-1", 3, true);
            assertThat(usb.serialPorts()).noneMatch(port -> port.location().startsWith("1-1.3"));
            usb.power("1-1", 3, false);
        }
        List<KernelUsbMessage> trouble = Files.readAllLines(SimulatedUsb.kernelLog(folder)).stream()
                .flatMap(line -> KernelLog.classify(line).stream()).toList();
        assertThat(trouble).extracting(KernelUsbMessage::severity, KernelUsbMessage::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(KernelUsbMessage.Severity.WARNING,
                        "usb 1-1.3: device descriptor read/64, error -71"),
                org.assertj.core.groups.Tuple.tuple(KernelUsbMessage.Severity.CRITICAL,
                        "usb 1-1-port3: unable to enumerate USB device"));
        assertThat(tentacle.resolve(SimulatedUsb.FLAKY_USB)).doesNotExist();
        assertThat(Files.readAllLines(tentacle.resolve("events.log"))).containsExactly("power 3 on",
                "stays dark (flaky USB)", "power 3 off");
    }

    @Test
    void theProgrammerRefusesABoardNotInItsBootLoader() throws Exception {
        assumeQemuAndPython();
        Files.createDirectories(folder.resolve("aaaa0001"));
        try (SimulatedUsb usb = SimulatedUsb.open(folder, "qemu-system-arm", "python3")) {
            FlashResult result = Programmer.of("command", usb.programmer("aaaa0001")).flash(
                    QemuMicrobit.DEFAULT_FIRMWARE, new Programmer.Dut("1-1.3", 1, 0, "", ""), Duration.ofSeconds(10));
            assertThat(result.success()).isFalse();
            assertThat(result.output()).contains("no board in its boot loader at " + folder.toAbsolutePath()
                    .resolve("aaaa0001"));
        }
        assertThatThrownBy(() -> SimulatedUsb.open(folder.resolve("nope"), "qemu-system-arm", "python3"))
                .hasMessageContaining("no simulated testbed at");
    }

    private static FirmwareCheck.Installed installed(String port) throws Exception {
        try (SerialLink link = SerialPortLink.open(port)) {
            RawRepl repl = new RawRepl(link, QemuMicrobit.TRAITS.pacing(), true);
            repl.enter(Duration.ofSeconds(10));
            return FirmwareCheck.read(repl);
        }
    }
}
