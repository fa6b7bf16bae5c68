package dev.mpunit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.serial.SerialPortInfo;
import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.tentacle.Discovery;
import dev.mpunit.hardware.tentacle.TentacleException;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.tentacle.UsbDevice;
import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * A testbed's tentacles against what is on USB now: real tentacles by their infra Pico's serial
 * (the hardware module's discovery), boards by their own USB serial or location, ports by their
 * path; emulated tentacles need nothing plugged in. A real tentacle's infra and board are shown with
 * their serial ports when the USB host lists them (not in a recording).
 */
record TestbedOnUsb(Discovery discovery, List<UsbDevice> devices, List<Presence> tentacles) {

    /** Where a tentacle is now. */
    enum State {
        CONNECTED("connected"), NOT_FOUND("not found"), EMULATED("emulated"), COMMAND("started by a command");

        final String word;

        State(String word) {
            this.word = word;
        }
    }

    /**
     * One inventory entry and where it is. {@code where}: the hub, DUT or port found, the emulator kind,
     * the command, or why it was not found. {@code found}: the real tentacle discovery found, if any.
     */
    record Presence(TentacleSpec spec, State state, String where, Optional<DiscoveredTentacle> found) {
    }

    /** Only USB is read: a testbed of emulators alone reads nothing. */
    static TestbedOnUsb of(Optional<Testbed> testbed, UsbTree tree) {
        return of(testbed, tree, List.of());
    }

    /** With the serial ports of the USB host ({@link dev.mpunit.hardware.tentacle.UsbHost#serialPorts}). */
    static TestbedOnUsb of(Optional<Testbed> testbed, UsbTree tree, List<SerialPortInfo> ports) {
        Set<String> serials = new LinkedHashSet<>();
        testbed.ifPresent(t -> t.tentacles().stream().filter(s -> s.dut() instanceof DutAccess.UsbLocation)
                .forEach(s -> serials.add(s.serial())));
        Discovery discovery = Tentacles.discover(tree, serials);
        List<UsbDevice> devices;
        try {
            devices = tree.devices();
        } catch (TentacleException e) {
            devices = List.of(); // the discovery says why
        }
        List<UsbDevice> seen = devices;
        List<Presence> presences = testbed.map(t -> t.tentacles().stream()
                .map(spec -> presence(spec, discovery, seen, ports)).toList()).orElse(List.of());
        return new TestbedOnUsb(discovery, devices, presences);
    }

    /** Whether the inventory has an entry that only USB can find. */
    boolean needsUsb() {
        return tentacles.stream().anyMatch(p -> p.state() == State.CONNECTED || p.state() == State.NOT_FOUND);
    }

    /** "no tentacle found on USB; why", or empty when one was found. */
    Optional<String> noneFound() {
        return discovery.noneFound().map(why -> "no tentacle found on USB; "
                + why.replaceFirst("^no tentacles found: ", ""));
    }

    private static Presence presence(TentacleSpec spec, Discovery discovery, List<UsbDevice> devices,
            List<SerialPortInfo> ports) {
        DutAccess dut = spec.dut();
        if (dut instanceof DutAccess.Emulator emulator) {
            return new Presence(spec, State.EMULATED, emulator.kind()
                    + emulator.firmware().map(firmware -> " on " + firmware).orElse(""), Optional.empty());
        }
        if (dut instanceof DutAccess.UsbLocation location) {
            for (DiscoveredTentacle found : discovery.matched()) {
                if (found.serial().equalsIgnoreCase(spec.serial())) {
                    String board = found.hubLocation() + "." + location.hubPort();
                    Optional<UsbDevice> device = devices.stream().filter(d -> d.location().equals(board)).findFirst();
                    return new Presence(spec, State.CONNECTED, "hub " + found.hubLocation() + ", "
                            + portAt(ports, found.infraLocation()).map(path -> "infra on " + path + ", ").orElse("")
                            + device.map(d -> "DUT " + d.usbId() + " at " + board
                                    + portAt(ports, board).map(path -> " on " + path).orElse(""))
                                    .orElse("no DUT at " + board + " (its port unpowered?)"), Optional.of(found));
                }
            }
            return new Presence(spec, State.NOT_FOUND, "no tentacle hub with infra Pico " + spec.serial(),
                    Optional.empty());
        }
        if (dut instanceof DutAccess.UsbSerial usb) {
            return bySerial(spec, usb.serial(), devices);
        }
        DeviceString device = ((DutAccess.Device) dut).device();
        if (device instanceof DeviceString.Port port) {
            return Files.exists(Path.of(port.path()))
                    ? new Presence(spec, State.CONNECTED, "port " + port.path(), Optional.empty())
                    : new Presence(spec, State.NOT_FOUND, "no port " + port.path(), Optional.empty());
        }
        if (device instanceof DeviceString.UsbSerial usb) {
            return bySerial(spec, usb.serialNumber(), devices);
        }
        if (device instanceof DeviceString.UsbLocation usb) {
            return devices.stream().filter(d -> d.location().equals(usb.location())).findFirst()
                    .map(d -> new Presence(spec, State.CONNECTED, d.usbId() + " at " + usb.location(), Optional.empty()))
                    .orElse(new Presence(spec, State.NOT_FOUND, "nothing at USB location " + usb.location(),
                            Optional.empty()));
        }
        return new Presence(spec, State.COMMAND, device.text(), Optional.empty());
    }

    /** The serial port at a USB location, also as an interface of it ({@code 1-2.3:1.0}). */
    private static Optional<String> portAt(List<SerialPortInfo> ports, String location) {
        return ports.stream().filter(port -> port.location().equals(location)
                || port.location().startsWith(location + ":")).map(SerialPortInfo::path).sorted().findFirst();
    }

    private static Presence bySerial(TentacleSpec spec, String serial, List<UsbDevice> devices) {
        return devices.stream().filter(d -> d.serial().equalsIgnoreCase(serial)).findFirst()
                .map(d -> new Presence(spec, State.CONNECTED, d.usbId() + " at " + d.location(), Optional.empty()))
                .orElse(new Presence(spec, State.NOT_FOUND, "no USB device with serial " + serial, Optional.empty()));
    }
}
