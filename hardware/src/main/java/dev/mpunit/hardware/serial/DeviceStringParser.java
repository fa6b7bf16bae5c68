package dev.mpunit.hardware.serial;

import dev.mpunit.hardware.serial.DeviceString.Exec;
import dev.mpunit.hardware.serial.DeviceString.ExecPty;
import dev.mpunit.hardware.serial.DeviceString.Port;
import dev.mpunit.hardware.serial.DeviceString.UsbLocation;
import dev.mpunit.hardware.serial.DeviceString.UsbSerial;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@link DeviceString#parse}: run-tests.py's shortcuts, our prefixes, anything else a path. */
final class DeviceStringParser {
    private static final Pattern SHORTCUT = Pattern.compile("([auc])(\\d+)");
    private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    // A scheme is more than one letter, so that C:\... stays a Windows path.
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*", Pattern.DOTALL);

    private DeviceStringParser() {}

    static DeviceString parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (trimmed.startsWith("port:")) {
            return new Port(trimmed.substring("port:".length()));
        }
        if (trimmed.startsWith("exec:")) {
            return new Exec(trimmed.substring("exec:".length()).strip());
        }
        if (trimmed.startsWith("execpty:")) {
            return new ExecPty(trimmed.substring("execpty:".length()).strip());
        }
        if (trimmed.startsWith("usb-serial:")) {
            return new UsbSerial(trimmed.substring("usb-serial:".length()).strip());
        }
        if (trimmed.startsWith("usb-location:")) {
            return new UsbLocation(trimmed.substring("usb-location:".length()).strip());
        }
        Matcher shortcut = SHORTCUT.matcher(trimmed);
        if (shortcut.matches()) {
            String prefix = switch (shortcut.group(1)) {
                case "a" -> "/dev/ttyACM";
                case "u" -> "/dev/ttyUSB";
                default -> "COM";
            };
            return new Port(prefix + shortcut.group(2));
        }
        if (trimmed.equals("unix") || trimmed.equals("webassembly")) {
            throw new IllegalArgumentException("\"" + trimmed + "\" is a local target, not a device:"
                    + " set micropython.target=" + trimmed + " instead");
        }
        if (IPV4.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("boards over telnet are not supported");
        }
        Matcher scheme = SCHEME.matcher(trimmed);
        if (scheme.matches()) {
            throw new IllegalArgumentException("unknown prefix \"" + scheme.group(1) + ":\"");
        }
        return new Port(trimmed);
    }
}
