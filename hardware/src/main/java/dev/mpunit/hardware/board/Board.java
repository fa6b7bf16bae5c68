package dev.mpunit.hardware.board;

import java.io.IOException;

import dev.mpunit.hardware.serial.SerialLink;

/**
 * Where a board is and how to start it over: a serial port, an emulator process, later a
 * tentacle's DUT behind a switchable hub port. A {@link BoardTarget} talks to it through the
 * links it hands out and asks it for a hard reset when soft means no longer help.
 */
public interface Board extends AutoCloseable {

    /** The serial port or the command, for messages and the {@code micropython.port} report entry. */
    String port();

    /** What the board's firmware and transport can take. */
    BoardTraits traits();

    /**
     * Opens a link to the board, starting it first when it is a process that is not running.
     * The caller closes the link before it asks for another one.
     *
     * @throws IOException naming the port and what to do when it cannot be opened
     */
    SerialLink connect() throws IOException;

    /** Whether {@link #hardReset()} can do anything: an emulator can, a bare serial port cannot. */
    boolean canHardReset();

    /**
     * Power-cycles the board (restarts an emulator, switches a hub port off and on); the links
     * opened before are dead afterwards, {@link #connect()} opens a new one.
     *
     * @throws IOException when the board could not be restarted
     * @throws UnsupportedOperationException when {@link #canHardReset()} is false
     */
    void hardReset() throws IOException;

    /** Closes the link and stops what the board started (an emulator process). Never throws. */
    @Override
    void close();
}
