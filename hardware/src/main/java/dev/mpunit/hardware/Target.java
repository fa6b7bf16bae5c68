package dev.mpunit.hardware;

/**
 * A MicroPython that runs test scripts: a local build, an emulated board or the board of a tentacle.
 *
 * <p>One target runs one script at a time; a caller that wants parallelism opens several targets.
 * A target recovers on its own after a crash or a timeout: the next {@link #execute} starts clean.
 */
public interface Target extends AutoCloseable {

    /** The target's name as the descriptor tree shows it: {@code webassembly}, {@code unix}. */
    String variant();

    /** Where the target lives, for reports: a command line, a serial port. */
    String port();

    /**
     * Runs one script the way run-tests.py runs it on this kind of target and returns what the
     * target printed, stdout and stderr merged in the order they were written.
     *
     * @throws TargetException when the target cannot run anything at all (not installed, cannot
     *     start); a script that crashes or hangs is an {@link Execution} with that ending instead
     */
    Execution execute(Script script) throws TargetException;

    @Override
    void close();
}
