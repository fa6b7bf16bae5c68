package dev.mpunit.engine;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.hardware.serial.DeviceString;

/**
 * One entry of {@code micropython.target}: which variant it is, what kind of target runs it and
 * how many boards share its files. {@code qemu-microbit*3} is three emulated micro:bits of the
 * variant {@code qemu-microbit}; a device string ({@code a0}, {@code port:/dev/ttyUSB0},
 * {@code execpty:…}) is one board, named by that string.
 *
 * @param variant the variant name in the descriptor tree
 * @param kind the kind of target
 * @param boards how many boards (emulators) to start; 0 for local targets, which use
 *     {@code micropython.workers} instances
 */
record TargetSpec(String variant, Kind kind, int boards) {

    enum Kind { WEBASSEMBLY, UNIX, QEMU_MICROBIT, WEBASSEMBLY_PTY, DEVICE }

    static final String WEBASSEMBLY = "webassembly";
    static final String UNIX = "unix";
    static final String QEMU_MICROBIT = "qemu-microbit";
    static final String WEBASSEMBLY_PTY = "webassembly-pty";

    private static final Pattern LOOKS_LIKE_A_PORT = Pattern.compile("port:.+|/.+|[auc]\\d+|COM\\d+|\\\\\\\\.+");
    static final int MAX_BOARDS = 64;
    private static final Pattern COUNTED = Pattern.compile("(.+?)\\s*\\*\\s*(\\d+)");

    TargetSpec {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether the target is a board behind a serial line (emulated or real) rather than a local port. */
    boolean board() {
        return kind == Kind.QEMU_MICROBIT || kind == Kind.WEBASSEMBLY_PTY || kind == Kind.DEVICE;
    }

    /**
     * Reads one entry; a variant name from a unique id reads the same way (one board).
     *
     * @throws IllegalArgumentException naming the entry and the accepted forms
     */
    static TargetSpec parse(String text) {
        String entry = text.trim();
        int boards = 1;
        Matcher counted = COUNTED.matcher(entry);
        // An exec: command may hold a '*' of its own.
        boolean hasCount = counted.matches() && !entry.startsWith("exec");
        if (hasCount) {
            entry = counted.group(1);
            boards = counted.group(2).length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(counted.group(2));
            if (boards < 1 || boards > MAX_BOARDS) {
                throw new IllegalArgumentException(text + ": the number of boards after '*' must be 1 to " + MAX_BOARDS);
            }
        }
        switch (entry) {
            case WEBASSEMBLY, UNIX -> {
                if (hasCount) {
                    throw new IllegalArgumentException(text + ": local targets take no '*N'; set "
                            + EngineConfiguration.WORKERS + " for more instances");
                }
                return new TargetSpec(entry, entry.equals(UNIX) ? Kind.UNIX : Kind.WEBASSEMBLY, 0);
            }
            case QEMU_MICROBIT -> {
                return new TargetSpec(entry, Kind.QEMU_MICROBIT, boards);
            }
            case WEBASSEMBLY_PTY -> {
                return new TargetSpec(entry, Kind.WEBASSEMBLY_PTY, boards);
            }
            default -> {
                if (boards != 1) {
                    throw new IllegalArgumentException(text + ": a device is one board; '*N' is for emulators ("
                            + QEMU_MICROBIT + "*3)");
                }
                String unknown = text + " is not a known target: use " + WEBASSEMBLY + ", " + UNIX + ", "
                        + QEMU_MICROBIT + "[*N], " + WEBASSEMBLY_PTY + "[*N] or a device string ("
                        + DeviceString.FORMS + ")";
                DeviceString device;
                try {
                    device = DeviceString.parse(entry);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(unknown + ": " + e.getMessage(), e);
                }
                // A bare word is far more often a misspelt target than a serial port named like one.
                if (device instanceof DeviceString.Port && !LOOKS_LIKE_A_PORT.matcher(entry).matches()) {
                    throw new IllegalArgumentException(unknown);
                }
                return new TargetSpec(entry, Kind.DEVICE, 1);
            }
        }
    }
}
