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

    /**
     * Runs a script again in the most careful way the target has, when its last run of it could
     * have been damaged on the way rather than failed on its own: a board sent the code faster
     * than its safe pacing (or at it, on a loaded machine), or one that lost its link midway. The
     * caller asks after a failing verdict, and a careful run that differs stands (the target then
     * stays careful).
     *
     * @return the careful run, or empty when there is no more careful way (local targets, a
     *     timeout, an unpaced board)
     * @throws BoardLostException when the board is gone: the script goes to another board
     */
    default java.util.Optional<Execution> rerunCarefully(Script script) throws TargetException {
        return java.util.Optional.empty();
    }

    /**
     * This target as an instance of a two-board test (run-multitests.py): a script started
     * without waiting for it, talked to while it runs.
     *
     * @return empty when the target cannot be talked to while a script runs (the webassembly
     *     MicroPython in node runs a whole file and reads no input)
     */
    default java.util.Optional<Interactive> interactive() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
