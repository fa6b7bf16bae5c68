package dev.mpunit.hardware.emulated;

import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.serial.SerialLink;
import java.io.IOException;

/**
 * An emulator as a {@link Board}: the process board that {@code DeviceBoards.execPty} makes does
 * the starting, restarting and stopping; a subclass only checks that the emulator is installed and
 * gives the board its public type, so that callers see a {@code QemuMicrobit}, not a command line.
 * Connecting starts the emulator (again, when the last link was closed); a hard reset stops it and
 * starts a fresh one.
 */
abstract class EmulatorBoard implements Board {

    private final Board process;

    EmulatorBoard(Board process) {
        this.process = process;
    }

    @Override
    public final String port() {
        return process.port();
    }

    @Override
    public final BoardTraits traits() {
        return process.traits();
    }

    @Override
    public final SerialLink connect() throws IOException {
        return process.connect();
    }

    @Override
    public final boolean canHardReset() {
        return process.canHardReset();
    }

    @Override
    public final void hardReset() throws IOException {
        process.hardReset();
    }

    @Override
    public final void close() {
        process.close();
    }
}
