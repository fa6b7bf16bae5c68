package dev.mpunit.hardware.serial;

import java.io.IOException;
import java.time.Duration;

/**
 * A byte stream to a board: a serial port, the pty of an emulator, the stdio of a process.
 * One thread uses a link at a time; {@link #close()} may come from another thread to unblock it.
 */
public interface SerialLink extends AutoCloseable {

    /** The port path or command, as messages and reports name it. */
    String name();

    /**
     * Writes every byte, blocking until the transport took them.
     *
     * @throws LinkLostException when the other end is gone (process ended, port removed)
     */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads what has arrived, waiting up to {@code timeout} for the first byte.
     *
     * @return how many bytes were read into {@code buffer}; 0 when nothing arrived in time
     * @throws LinkLostException when the other end is gone (EOF, process ended, port removed)
     */
    int read(byte[] buffer, Duration timeout) throws IOException;

    /** Closes the port or stops the process; never throws, may be called more than once. */
    @Override
    void close();
}
