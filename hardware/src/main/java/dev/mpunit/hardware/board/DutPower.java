package dev.mpunit.hardware.board;

import java.io.IOException;

/**
 * The power of a board under test behind a switchable hub port, and where its serial port is once
 * it is back: what a {@link DeviceBoards#powered powered board} needs for a hard reset.
 */
public interface DutPower {

    /** Switches the board off; its serial port goes away. */
    void off() throws IOException;

    /**
     * Switches the board on, waits its power-on delay and finds its serial port again (it may come
     * back under another path).
     *
     * @return the serial port's path
     * @throws IOException naming the board and what to check when it does not come back
     */
    String on() throws IOException;
}
