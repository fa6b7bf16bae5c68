package dev.mpunit.hardware.emulated;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.board.Pacing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An emulated BBC micro:bit: QEMU's {@code microbit} machine running a MicroPython firmware hex,
 * its UART on a pty. Every instance is its own QEMU process with its own pty, so several run at
 * once; a hard reset restarts QEMU. Debian packages both: {@value #PACKAGES}.
 *
 * <pre>{@code
 * try (Board board = QemuMicrobit.open(QemuMicrobit.Config.defaults())) { ... }
 * }</pre>
 */
public final class QemuMicrobit extends EmulatorBoard {

    /** What to install on Debian and Ubuntu. */
    public static final String PACKAGES = "apt-get install qemu-system-arm firmware-microbit-micropython";

    /** The firmware that package {@code firmware-microbit-micropython} installs (MicroPython 1.9.2). */
    public static final Path DEFAULT_FIRMWARE = Path.of("/usr/share/firmware-microbit-micropython/firmware.hex");

    /**
     * The emulated nRF51's UART loses bytes that come faster than the firmware reads them: 32 bytes
     * every 4 ms was measured to be safe. Its firmware predates raw-paste mode and answers the old
     * way, which the raw REPL copes with; a soft reset keeps QEMU running.
     */
    public static final BoardTraits TRAITS = new BoardTraits(Pacing.of(32, Duration.ofMillis(4)), true, false,
            Duration.ofSeconds(5));

    /**
     * Which QEMU and which firmware.
     *
     * @param qemu the QEMU command, a name on PATH or a path ({@code micropython.qemu})
     * @param firmware the MicroPython hex to run; another file is how another firmware is "flashed"
     *     ({@code micropython.qemu-microbit.firmware})
     */
    public record Config(String qemu, Path firmware) {
        public Config {
            Objects.requireNonNull(qemu, "qemu");
            Objects.requireNonNull(firmware, "firmware");
        }

        /** {@code qemu-system-arm} from PATH and {@link #DEFAULT_FIRMWARE}. */
        public static Config defaults() {
            return new Config("qemu-system-arm", DEFAULT_FIRMWARE);
        }

        public Config withQemu(String qemu) {
            return new Config(qemu, firmware);
        }

        public Config withFirmware(Path firmware) {
            return new Config(qemu, firmware);
        }
    }

    private QemuMicrobit(Board process) {
        super(process);
    }

    /**
     * Checks that QEMU and the firmware are there; QEMU itself starts at {@link #connect()}.
     *
     * @throws TargetException naming the packages to install and the keys to set when either is missing
     */
    public static QemuMicrobit open(Config config) throws TargetException {
        Path qemu = Executables.find(config.qemu()).orElseThrow(() -> new TargetException(
                "QEMU not found (tried \"" + config.qemu() + "\"): " + PACKAGES
                        + ", or set micropython.qemu to the path of qemu-system-arm"));
        Path firmware = config.firmware().toAbsolutePath().normalize();
        if (!Files.isRegularFile(firmware)) {
            throw new TargetException("micro:bit MicroPython firmware not found at " + firmware + ": " + PACKAGES
                    + ", or set micropython.qemu-microbit.firmware to a MicroPython .hex for the micro:bit v1");
        }
        List<String> command = List.of(qemu.toString(), "-M", "microbit", "-device", "loader,file=" + firmware,
                "-nographic", "-monitor", "none", "-serial", "pty");
        return new QemuMicrobit(DeviceBoards.execPty(command, TRAITS));
    }

    @Override
    public String toString() {
        return "QEMU micro:bit " + port();
    }
}
