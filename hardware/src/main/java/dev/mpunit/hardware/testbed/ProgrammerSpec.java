package dev.mpunit.hardware.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a tentacle's board is flashed: a programmer tool with extra arguments, or ({@code command}) a whole
 * command line of its own. Arguments may contain {@value #FIRMWARE_PLACEHOLDER}, replaced by the firmware file.
 */
public record ProgrammerSpec(String kind, List<String> args, Duration timeout) {

    /** The programmer kinds an inventory accepts. */
    public static final List<String> KINDS =
            List.of("picotool", "esptool", "dfu-util", "bossac", "teensy_loader_cli", "mpremote", "command");

    /** The kind whose {@code args} are the complete command line. */
    public static final String COMMAND = "command";

    public static final String FIRMWARE_PLACEHOLDER = "{firmware}";

    /** Flashing a large ESP32 image over a USB-UART bridge takes most of a minute; give it room. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public ProgrammerSpec {
        Objects.requireNonNull(kind, "kind");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown programmer kind \"" + kind + "\"; accepted: " + KINDS);
        }
        args = List.copyOf(args);
        if (kind.equals(COMMAND) && args.isEmpty()) {
            throw new IllegalArgumentException("programmer kind \"command\" needs the command line in args");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("programmer timeout must be positive, got " + timeout);
        }
    }

    /** The arguments with {@value #FIRMWARE_PLACEHOLDER} replaced by the firmware's path. */
    public List<String> argsFor(Path firmware) {
        String path = firmware.toString();
        return args.stream().map(arg -> arg.replace(FIRMWARE_PLACEHOLDER, path)).toList();
    }
}
