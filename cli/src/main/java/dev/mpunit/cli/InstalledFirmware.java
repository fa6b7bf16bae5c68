package dev.mpunit.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.serial.SerialLink;
import dev.mpunit.hardware.serial.SerialPortLink;
import dev.mpunit.hardware.tentacle.FirmwareCheck;
import dev.mpunit.hardware.tentacle.TentacleException;

/** What a board runs now, against the firmware about to be flashed: {@code mpunit flash} skips a board that runs it. */
final class InstalledFirmware {

    private InstalledFirmware() {
    }

    /** What {@code firmware} reports once running ({@link FirmwareCheck.Expected#beside}). */
    static FirmwareCheck.Expected expected(Path firmware, String variant) {
        return FirmwareCheck.Expected.beside(firmware, variant);
    }

    /** The board behind a tentacle's REPL device string, as a run opens it (messages name the inventory to correct). */
    static Board board(String tentacle, Path inventory, DeviceString repl) {
        return DeviceBoards.of(repl, SerialPortLink.DEFAULT_BAUD_RATE, BoardTraits.serialPort(),
                DeviceSetting.inventory(tentacle, inventory.toString()));
    }

    /**
     * Enters the board's raw REPL, reads its {@code sys.version} and {@code _build} and compares; the
     * board is closed again, so that the programmer has its port.
     *
     * @throws IOException when the board cannot be reached or does not answer
     */
    static FirmwareCheck.Verdict check(Board board, FirmwareCheck.Expected expected) throws IOException {
        try (board; SerialLink link = board.connect()) {
            RawRepl raw = new RawRepl(link, board.traits().pacing(), board.traits().rawPaste());
            raw.enter(board.traits().bootTime());
            return FirmwareCheck.check(raw, expected);
        } catch (TentacleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
