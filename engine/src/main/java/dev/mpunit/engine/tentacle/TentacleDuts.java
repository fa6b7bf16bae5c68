package dev.mpunit.engine.tentacle;

import java.util.Optional;
import java.util.Set;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.tentacle.Discovery;
import dev.mpunit.hardware.tentacle.Programmer;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.tentacle.UsbDevice;
import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * Where a real tentacle's board under test is on USB: found under the tentacle's own hub (named by its
 * infra Pico's serial) at the port the inventory gives. Asked when the tentacle's worker opens it,
 * never at discovery; {@code mpunit flash} asks too, on the live tree or a recording.
 */
public final class TentacleDuts {

    private TentacleDuts() {
    }

    /** The board as its programmer addresses it, on this machine's USB tree. */
    static Programmer.Dut programmerDut(TentacleSpec tentacle) throws TargetException {
        return programmerDut(tentacle, Tentacles.live());
    }

    /**
     * The board as its programmer addresses it: the serial port of a device string, the USB serial
     * number, or the device under the tentacle's hub (bus, address and location, for picotool and
     * dfu-util) on {@code tree}.
     */
    public static Programmer.Dut programmerDut(TentacleSpec tentacle, UsbTree tree) throws TargetException {
        DutAccess dut = tentacle.dut();
        if (dut instanceof DutAccess.Device device) {
            String port = device.device() instanceof DeviceString.Port path ? path.path() : "";
            return new Programmer.Dut("", 0, 0, "", port);
        }
        if (dut instanceof DutAccess.UsbSerial usb) {
            return new Programmer.Dut("", 0, 0, usb.serial(), "");
        }
        if (dut instanceof DutAccess.UsbLocation usb) {
            String location = location(tentacle, usb, tree);
            UsbDevice device = Tentacles.deviceAt(tree, location).orElseThrow(() -> new TargetException("tentacle "
                    + tentacle.label() + ": no board at USB location " + location + " to flash: is it powered?"));
            return Programmer.Dut.of(device, "");
        }
        throw new TargetException("tentacle " + tentacle.label() + ": an emulator is not flashed by a programmer");
    }

    /**
     * Where the board's REPL is, as a device string: the inventory's own, the board's USB serial
     * number, or the USB location under the tentacle's hub on {@code tree}; empty for an emulator.
     */
    public static Optional<DeviceString> repl(TentacleSpec tentacle, UsbTree tree) throws TargetException {
        DutAccess dut = tentacle.dut();
        if (dut instanceof DutAccess.Device device) {
            return Optional.of(device.device());
        }
        if (dut instanceof DutAccess.UsbSerial usb) {
            return Optional.of(new DeviceString.UsbSerial(usb.serial()));
        }
        if (dut instanceof DutAccess.UsbLocation usb) {
            return Optional.of(new DeviceString.UsbLocation(location(tentacle, usb, tree)));
        }
        return Optional.empty();
    }

    static String location(TentacleSpec tentacle, DutAccess.UsbLocation dut, UsbTree tree) throws TargetException {
        Discovery discovery = Tentacles.discover(tree, Set.of(tentacle.serial()));
        for (DiscoveredTentacle found : discovery.matched()) {
            if (found.serial().equalsIgnoreCase(tentacle.serial())) {
                return found.hubLocation() + "." + dut.hubPort();
            }
        }
        // Asked for this one serial, the discovery calls every other tentacle "not in the inventory": name them instead.
        String why = discovery.noneFound().orElse("the tentacles on USB are " + String.join(", ", discovery.found()
                .stream().map(found -> found.serial() + " on " + found.hubLocation()).toList()));
        throw new TargetException("tentacle " + tentacle.label() + " (serial " + tentacle.serial()
                + ") was not found on USB: " + why);
    }
}
