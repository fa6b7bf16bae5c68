package dev.mpunit.engine.tentacle;

import java.util.Set;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.tentacle.Discovery;
import dev.mpunit.hardware.tentacle.Programmer;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.tentacle.UsbDevice;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * Where a real tentacle's board under test is on USB: found under the tentacle's own hub (named by its
 * infra Pico's serial) at the port the inventory gives. Asked when the tentacle's worker opens it,
 * never at discovery.
 */
final class TentacleDuts {

    private TentacleDuts() {
    }

    /**
     * The board as its programmer addresses it: the serial port of a device string, the USB serial
     * number, or the device under the tentacle's hub (bus, address and location, for picotool and
     * dfu-util).
     */
    static Programmer.Dut programmerDut(TentacleSpec tentacle) throws TargetException {
        DutAccess dut = tentacle.dut();
        if (dut instanceof DutAccess.Device device) {
            String port = device.device() instanceof DeviceString.Port path ? path.path() : "";
            return new Programmer.Dut("", 0, 0, "", port);
        }
        if (dut instanceof DutAccess.UsbSerial usb) {
            return new Programmer.Dut("", 0, 0, usb.serial(), "");
        }
        if (dut instanceof DutAccess.UsbLocation usb) {
            String location = location(tentacle, usb);
            UsbDevice device = Tentacles.deviceAt(location).orElseThrow(() -> new TargetException("tentacle "
                    + tentacle.label() + ": no board at USB location " + location + " to flash: is it powered?"));
            return Programmer.Dut.of(device, "");
        }
        throw new TargetException("tentacle " + tentacle.label() + ": an emulator is not flashed by a programmer");
    }

    static String location(TentacleSpec tentacle, DutAccess.UsbLocation dut) throws TargetException {
        Discovery discovery = Tentacles.discover(Set.of(tentacle.serial()));
        for (DiscoveredTentacle found : discovery.matched()) {
            if (found.serial().equals(tentacle.serial())) {
                return found.hubLocation() + "." + dut.hubPort();
            }
        }
        String why = discovery.noneFound().orElse(String.join("; ", discovery.messages()));
        throw new TargetException("tentacle " + tentacle.label() + " (serial " + tentacle.serial()
                + ") was not found on USB: " + why);
    }
}
