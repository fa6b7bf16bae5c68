package dev.mpunit.hardware;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A target that can run a script while its caller talks to it, as run-multitests.py's instances:
 * start the script without waiting for it, read what it prints line by line, write lines to its
 * input while it runs, stop it. Offered by {@link Target#interactive()} when the target can.
 *
 * <p>Nothing here waits for the script: {@link Running#poll()} returns at once with what has
 * arrived, so the caller keeps every deadline (run-multitests.py's pty reads can block for ever).
 */
public interface Interactive {

    /** How the instance is reached, which decides how run-multitests.py prepares its script. */
    enum Kind {
        /** A process per script ({@code micropython -c}, {@code python3 -c}) in the test's directory. */
        PROCESS,
        /** A board's raw REPL: soft reset, then the script without following it; it can reboot. */
        BOARD
    }

    /** The instance's name as run-multitests.py prints it: {@code micropython}, {@code python3}, {@code ttyACM0}. */
    String name();

    Kind kind();

    /**
     * Starts {@code code} and returns once the target took it (a board acknowledged it, a process
     * started). A script still running from an earlier start is stopped first.
     *
     * @param directory the working directory of a {@link Kind#PROCESS} instance; boards ignore it
     * @param environment variables a {@link Kind#PROCESS} instance gets on top of this process's
     *     environment; boards ignore them
     * @throws TargetException when the script could not be started (no executable, the board did
     *     not take the code)
     */
    Running start(byte[] code, Path directory, Map<String, String> environment) throws TargetException;

    /** One script started by {@link #start}. Used by one thread. */
    interface Running {

        /**
         * What the script printed since the last call, at most one line; empty when no complete
         * line has arrived. Never waits.
         *
         * @throws IOException when the instance can no longer be read (a board's link is gone)
         */
        Optional<Output> poll() throws IOException;

        /** Whether the script has ended and everything it printed was polled. */
        boolean finished();

        /** Writes {@code bytes} to the script's input (a process's stdin, the board's line). */
        void write(byte[] bytes) throws IOException;

        /** Asks the script to stop (SIGTERM; {@code \r\x03} to a board); does not wait for it. */
        void stop() throws IOException;
    }

    /**
     * One reading of a running script, as run-multitests.py's {@code readline()} gives it.
     *
     * @param line a line without its line ending (bytes as they came; the caller decodes and strips),
     *     empty when this reading carries only an error
     * @param error a board's error text (what it sent after its output ended: a traceback, often
     *     empty), with its inner line endings; empty for processes, whose stderr is in their lines
     */
    record Output(Optional<byte[]> line, Optional<byte[]> error) {

        public Output {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(error, "error");
        }

        public static Output line(byte[] line) {
            return new Output(Optional.of(line), Optional.empty());
        }
    }
}
