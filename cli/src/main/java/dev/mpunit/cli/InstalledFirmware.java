package dev.mpunit.cli;

import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * What {@code firmware} reports once running: its record beside it ({@code firmware.json} for
     * {@code firmware.uf2}, {@code RPI_PICO2.json} for {@code RPI_PICO2.uf2}: {@code "build"} and
     * optionally {@code "version"}), else the variant's name as {@code sys.implementation._build}.
     *
     * @throws IllegalArgumentException when the record is there but names no build
     */
    static FirmwareCheck.Expected expected(Path firmware, String variant) {
        String name = firmware.getFileName().toString();
        Path record = firmware.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json");
        if (!Files.isRegularFile(record)) {
            return new FirmwareCheck.Expected("", variant);
        }
        try {
            return FirmwareCheck.Expected.fromJson(Files.readString(record));
        } catch (IOException e) {
            throw new IllegalArgumentException("the firmware record " + record + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(record + ": " + e.getMessage() + ": give the build it reports as"
                    + " sys.implementation._build, or remove the file to compare with the variant's name", e);
        }
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
