package dev.mpunit.hardware.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The serial ports of this machine, and the one that belongs to a USB device named by its serial
 * number or its place on the bus: paths such as /dev/ttyACM0 change with the order boards were
 * plugged in, these do not.
 */
public final class SerialPorts {

    private SerialPorts() {}

    /** The ports jSerialComm sees now. */
    public static List<SerialPortInfo> list() {
        return Arrays.stream(SerialPort.getCommPorts()).map(SerialPorts::info).toList();
    }

    /**
     * The path of the one port whose USB serial number is {@code serialNumber}.
     *
     * @throws IOException listing the ports found when none or several match
     */
    public static String bySerialNumber(String serialNumber) throws IOException {
        return bySerialNumber(serialNumber, list(), DeviceSetting.TARGET);
    }

    /** As {@link #bySerialNumber(String)}, telling to correct {@code setting} when no port matches. */
    public static String bySerialNumber(String serialNumber, DeviceSetting setting) throws IOException {
        return bySerialNumber(serialNumber, list(), setting);
    }

    /**
     * The path of the one port at USB location {@code location}; {@code 1-1.2} also matches a port
     * that reports {@code 1-1.2:1.0}, the interface of that device.
     *
     * @throws IOException listing the ports found when none or several match
     */
    public static String byLocation(String location) throws IOException {
        return byLocation(location, list(), DeviceSetting.TARGET);
    }

    /** As {@link #byLocation(String)}, telling to correct {@code setting} when no port matches. */
    public static String byLocation(String location, DeviceSetting setting) throws IOException {
        return byLocation(location, list(), setting);
    }

    static String bySerialNumber(String serialNumber, List<SerialPortInfo> ports) throws IOException {
        return bySerialNumber(serialNumber, ports, DeviceSetting.TARGET);
    }

    static String bySerialNumber(String serialNumber, List<SerialPortInfo> ports, DeviceSetting setting)
            throws IOException {
        return select(ports, port -> port.serialNumber().equalsIgnoreCase(serialNumber.strip()),
                "USB serial number " + serialNumber, setting);
    }

    static String byLocation(String location, List<SerialPortInfo> ports) throws IOException {
        return byLocation(location, ports, DeviceSetting.TARGET);
    }

    static String byLocation(String location, List<SerialPortInfo> ports, DeviceSetting setting) throws IOException {
        String wanted = location.strip();
        return select(ports, port -> port.location().equals(wanted) || port.location().startsWith(wanted + ":"),
                "USB location " + location, setting);
    }

    private static String select(List<SerialPortInfo> ports, Predicate<SerialPortInfo> matches, String what,
            DeviceSetting setting) throws IOException {
        List<SerialPortInfo> found = ports.stream().filter(matches).toList();
        if (found.size() == 1) {
            return found.get(0).path();
        }
        if (found.isEmpty()) {
            throw new IOException("no serial port with " + what + "; " + listing(ports)
                    + "; plug the board in, or correct " + setting.setting());
        }
        // A board with two USB serial interfaces shows one serial number on both.
        throw new IOException(found.size() + " serial ports have " + what + ": " + listing(found)
                + "; choose one with " + setting.byPath());
    }

    /** The ports as messages list them. */
    static String listing(List<SerialPortInfo> ports) {
        if (ports.isEmpty()) {
            return "no serial ports found at all";
        }
        return "ports found: " + ports.stream().map(SerialPortInfo::describe).collect(Collectors.joining(", "));
    }

    private static SerialPortInfo info(SerialPort port) {
        String serial = port.getSerialNumber();
        String location = port.getPortLocation();
        boolean usb = port.getVendorID() >= 0;
        return new SerialPortInfo(port.getSystemPortPath(), port.getVendorID(), port.getProductID(),
                serial == null || serial.equals("Unknown") ? "" : serial,
                // jSerialComm gives non-USB ports a made-up location such as 0-0.0.
                usb && location != null ? location : "", port.getPortDescription());
    }
}
