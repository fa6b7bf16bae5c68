package dev.mpunit.hardware.testbed;

import dev.mpunit.hardware.serial.DeviceString;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** How the board under test (DUT) of a tentacle is reached. */
public sealed interface DutAccess {

    /**
     * The DUT is the device on this port of the tentacle's own USB2514 hub, found after power-on. This is the
     * real-tentacle case: the port stays the same whichever /dev/tty name the system gives the board.
     */
    record UsbLocation(String hubPort) implements DutAccess {
        /** The DUT's port on every tentacle: port 1 powers the infra Pico, port 2 is its boot line. */
        public static final String DUT_PORT = "3";

        /** A hub port, or a path through a further hub behind it ("3.2"). */
        private static final Pattern PORT_PATH = Pattern.compile("[1-9][0-9]*(\\.[1-9][0-9]*)*");

        public UsbLocation {
            Objects.requireNonNull(hubPort, "hubPort");
            if (!PORT_PATH.matcher(hubPort).matches()) {
                throw new IllegalArgumentException("not a hub port: \"" + hubPort + "\"; expected a port number"
                        + " such as \"" + DUT_PORT + "\" (or \"3.2\" behind a further hub)");
            }
        }

        /** The tentacle's usual DUT port. */
        public UsbLocation() {
            this(DUT_PORT);
        }

        static boolean isPortPath(String text) {
            return PORT_PATH.matcher(text).matches();
        }
    }

    /** The DUT's own USB serial number, for a board plugged in anywhere. */
    record UsbSerial(String serial) implements DutAccess {
        public UsbSerial {
            if (serial == null || serial.isBlank()) {
                throw new IllegalArgumentException("no USB serial number given");
            }
        }
    }

    /** A run-tests.py device string ("/dev/ttyACM0", "port:/dev/ttyUSB0", "a0", "exec:…", "execpty:…"). */
    record Device(String deviceString) implements DutAccess {
        public Device {
            DeviceString.parse(deviceString);
        }

        /** The device string read. */
        public DeviceString device() {
            return DeviceString.parse(deviceString);
        }
    }

    /**
     * An emulated board, started by mpunit; the firmware, when given, replaces the emulator's default
     * one. Which kinds exist is the engine's to say (its kinds of target that start boards); an
     * inventory read without it accepts {@link #KINDS}.
     */
    record Emulator(String kind, Optional<Path> firmware) implements DutAccess {
        public static final String QEMU_MICROBIT = "qemu-microbit";
        public static final String WEBASSEMBLY_PTY = "webassembly-pty";
        public static final List<String> KINDS = List.of(QEMU_MICROBIT, WEBASSEMBLY_PTY);

        public Emulator {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(firmware, "firmware");
            if (kind.isBlank()) {
                throw new IllegalArgumentException("no emulator kind given; accepted: " + KINDS);
            }
        }

        public Emulator(String kind) {
            this(kind, Optional.empty());
        }
    }
}
