package dev.mpunit.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * Runs a script the way run-perfbench.py runs a benchmark: its text handed to the interpreter as
     * input rather than named as a file. The unix port reads the text on stdin (so {@code sys.path}
     * keeps {@code ''} and gains no script directory, and the script is {@code <stdin>} in
     * tracebacks); webassembly runs it in a node process of its own (as a run-perfbench.py wrapper
     * must), not in a warm shared one; boards run it as {@link #execute} does.
     */
    default Execution executeAsInput(Script script) throws TargetException {
        return execute(script);
    }

    /**
     * Runs a test compiled to {@code .mpy} ({@code mpy}, from mpy-cross), as run-tests.py's
     * {@code --via-mpy} does on a board: a script holding the bytes mounts a filesystem of its own
     * and imports the test from it. The script is written beside the test (its directory is the
     * working directory) and deleted after. The unix port runs the {@code .mpy} as a module instead.
     */
    default Execution executeCompiled(Script script, byte[] mpy) throws TargetException {
        Path file = script.file().toAbsolutePath().normalize();
        Path importer = file.resolveSibling(".mpunit-mpy-" + Long.toHexString(System.nanoTime()) + "-"
                + Thread.currentThread().getId() + ".py");
        try {
            Files.write(importer, CompiledTest.importer(mpy));
        } catch (IOException e) {
            throw new TargetException("cannot write " + importer + " beside the test: " + e.getMessage(), e);
        }
        try {
            return execute(new Script(importer, script.timeout(), script.special(), script.options()));
        } finally {
            try {
                Files.deleteIfExists(importer);
            } catch (IOException e) {
                // Left beside the test; the next run writes another name.
            }
        }
    }

    @Override
    void close();
}
