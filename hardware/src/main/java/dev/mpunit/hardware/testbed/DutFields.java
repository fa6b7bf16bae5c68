package dev.mpunit.hardware.testbed;

import dev.mpunit.hardware.NearestName;
import dev.mpunit.hardware.serial.DeviceString;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads a tentacle's {@code dut} object: exactly one way to reach the board under test. */
final class DutFields {

    static final String USB_LOCATION = "usb_location";
    static final String USB_SERIAL = "usb_serial";
    static final String DEVICE = "device";
    static final String EMULATOR = "emulator";
    static final String FIRMWARE = "firmware";

    static final List<String> KINDS = List.of(USB_LOCATION, USB_SERIAL, DEVICE, EMULATOR);
    static final List<String> FIELDS = List.of(USB_LOCATION, USB_SERIAL, DEVICE, EMULATOR, FIRMWARE);

    static final String HOW = "give exactly one of usb_location (\"3\": the DUT port of a real tentacle's hub),"
            + " usb_serial (the board's own USB serial number), device (a run-tests.py device string such as"
            + " \"/dev/ttyACM0\") or emulator (\"qemu-microbit\", \"webassembly-pty\")";

    private DutFields() {
    }

    /** Reads the {@code dut} field of a tentacle; empty (with the problem reported) when it is unusable. */
    static Optional<DutAccess> read(ObjectFields tentacle, Path folder, List<String> emulators) {
        if (!tentacle.has("dut")) {
            tentacle.problem("dut", "missing; say how the board under test is reached: " + HOW
                    + ", such as \"dut\": {\"usb_location\": \"3\"}");
            return Optional.empty();
        }
        return tentacle.object("dut", HOW).flatMap(dut -> oneWay(dut, folder, emulators));
    }

    private static Optional<DutAccess> oneWay(ObjectFields dut, Path folder, List<String> emulators) {
        dut.onlyKnown(FIELDS);
        List<String> given = KINDS.stream().filter(dut::has).toList();
        if (given.isEmpty()) {
            dut.problem("", "names no way to reach the board; " + HOW);
            return Optional.empty();
        }
        if (given.size() > 1) {
            dut.problem("", "gives " + String.join(" and ", given) + "; a board is reached one way: " + HOW);
            return Optional.empty();
        }
        String kind = given.get(0);
        if (dut.has(FIRMWARE) && !kind.equals(EMULATOR)) {
            dut.problem(FIRMWARE, "only an emulator takes a firmware file here; a " + kind
                    + " board is flashed by its programmer: remove 'firmware'");
        }
        return switch (kind) {
            case USB_LOCATION -> usbLocation(dut);
            case USB_SERIAL -> dut.string(USB_SERIAL, "the board's own USB serial number (lsusb -v shows it as"
                    + " iSerial)").map(DutAccess.UsbSerial::new);
            case DEVICE -> device(dut);
            default -> emulator(dut, folder, emulators);
        };
    }

    private static Optional<DutAccess> usbLocation(ObjectFields dut) {
        String expected = "expected the port of the tentacle's hub the board is on: \"3\" on every tentacle"
                + " (port 1 is the infra Pico, 2 its boot line), or \"3.2\" behind a further hub";
        Optional<String> port = dut.intOrString(USB_LOCATION, expected);
        if (port.isPresent() && !DutAccess.UsbLocation.isPortPath(port.get())) {
            dut.problem(USB_LOCATION, "found \"" + Found.shorten(port.get()) + "\"; " + expected);
            return Optional.empty();
        }
        return port.map(DutAccess.UsbLocation::new);
    }

    private static Optional<DutAccess> device(ObjectFields dut) {
        Optional<String> text = dut.string(DEVICE, "a run-tests.py device string such as \"/dev/ttyACM0\","
                + " \"port:/dev/ttyUSB0\", \"a0\" or \"execpty:<command>\"");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            DeviceString.parse(text.get());
        } catch (IllegalArgumentException e) {
            dut.problem(DEVICE, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new DutAccess.Device(text.get()));
    }

    private static Optional<DutAccess> emulator(ObjectFields dut, Path folder, List<String> emulators) {
        String accepted = "accepted: " + String.join(", ", emulators);
        Optional<String> kind = dut.string(EMULATOR, accepted);
        if (kind.isPresent() && !emulators.contains(kind.get())) {
            dut.problem(EMULATOR, "unknown emulator kind \"" + Found.shorten(kind.get()) + "\""
                    + NearestName.among(kind.get(), emulators).map(near -> " (did you mean \"" + near + "\"?)")
                            .orElse("") + "; " + accepted);
            return Optional.empty();
        }
        Optional<Path> firmware = Optional.empty();
        boolean firmwareUsable = true;
        if (dut.has(FIRMWARE)) {
            firmware = dut.string(FIRMWARE, "the path of the firmware file the emulator runs")
                    .flatMap(text -> firmwareFile(dut, text, folder));
            firmwareUsable = firmware.isPresent();
        }
        if (kind.isEmpty() || !firmwareUsable) {
            return Optional.empty();
        }
        return Optional.of(new DutAccess.Emulator(kind.get(), firmware));
    }

    private static Optional<Path> firmwareFile(ObjectFields dut, String text, Path folder) {
        Path file;
        try {
            file = folder.resolve(text).normalize();
        } catch (InvalidPathException e) {
            dut.problem(FIRMWARE, "\"" + text + "\" is not a path (" + e.getReason() + "): fix the path");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            String what = Files.isDirectory(file) ? "is a folder, not a firmware file" : "does not exist";
            dut.problem(FIRMWARE, "firmware " + file + " " + what + " (a relative path starts from the"
                    + " inventory's folder " + folder + "): build the firmware, fix the path, or leave 'firmware'"
                    + " out to run the emulator's own");
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
