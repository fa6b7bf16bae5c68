package dev.mpunit.hardware.serial;

import java.util.List;
import java.util.Objects;

/**
 * Where a board is, written the way run-tests.py's {@code -t} option takes it, plus two forms that
 * find a USB board whatever path the system gave it this time.
 *
 * <pre>
 * port:/dev/ttyACM0     the serial port at that path (any path works without the prefix too)
 * /dev/ttyUSB0          the same: anything without a known prefix is a serial port path
 * a0, u0, c3            /dev/ttyACM0, /dev/ttyUSB0, COM3
 * exec:&lt;command&gt;        a process whose stdin and stdout are the board's serial line
 * execpty:&lt;command&gt;     a process that prints the /dev/pts/N it serves on (QEMU -serial pty)
 * usb-serial:&lt;number&gt;   the serial port of the USB device with that serial number
 * usb-location:&lt;loc&gt;    the serial port at that USB bus location, such as 1-1.2
 * </pre>
 *
 * Commands are split into words like a shell splits simple quoting, but no shell runs them.
 */
public sealed interface DeviceString {

    /** The accepted forms, for messages. */
    String FORMS = "port:<path>, <path>, a<n> (/dev/ttyACM<n>), u<n> (/dev/ttyUSB<n>), c<n> (COM<n>),"
            + " exec:<command>, execpty:<command>, usb-serial:<serial number>, usb-location:<usb location>";

    /** The canonical text of this device string, which {@link #parse} reads back as the same value. */
    String text();

    /** A serial port by its path: /dev/ttyACM0, COM3, /dev/serial/by-id/... */
    record Port(String path) implements DeviceString {
        public Port {
            requireText(path, "port path");
        }

        @Override
        public String text() {
            return "port:" + path;
        }
    }

    /** The serial port of the USB device with this serial number (as {@code lsusb -v} shows iSerial). */
    record UsbSerial(String serialNumber) implements DeviceString {
        public UsbSerial {
            requireText(serialNumber, "USB serial number");
        }

        @Override
        public String text() {
            return "usb-serial:" + serialNumber;
        }
    }

    /** The serial port at this USB location (bus-port.port, as jSerialComm reports it). */
    record UsbLocation(String location) implements DeviceString {
        public UsbLocation {
            requireText(location, "USB location");
        }

        @Override
        public String text() {
            return "usb-location:" + location;
        }
    }

    /** A process whose stdin and stdout are the serial line. */
    record Exec(String command) implements DeviceString {
        public Exec {
            requireText(command, "command");
            CommandLine.split(command);
        }

        /** The command split into words. */
        public List<String> arguments() {
            return CommandLine.split(command);
        }

        @Override
        public String text() {
            return "exec:" + command;
        }
    }

    /** A process that prints the {@code /dev/pts/N} it serves the serial line on. */
    record ExecPty(String command) implements DeviceString {
        public ExecPty {
            requireText(command, "command");
            CommandLine.split(command);
        }

        /** The command split into words. */
        public List<String> arguments() {
            return CommandLine.split(command);
        }

        @Override
        public String text() {
            return "execpty:" + command;
        }
    }

    /**
     * Reads a device string.
     *
     * @throws IllegalArgumentException naming the string and the accepted forms when it is none of them
     */
    static DeviceString parse(String text) {
        Objects.requireNonNull(text, "device string");
        try {
            return DeviceStringParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a device string: \"" + text + "\" (" + e.getMessage()
                    + "); accepted forms: " + FORMS, e);
        }
    }

    /** Shared by the records' constructors. */
    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + what + " given");
        }
    }
}
