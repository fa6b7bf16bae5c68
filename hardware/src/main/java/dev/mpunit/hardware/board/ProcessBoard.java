package dev.mpunit.hardware.board;

import dev.mpunit.hardware.serial.SerialLink;
import java.io.IOException;

/**
 * A board that is a process (an emulator, a REPL under a pty): its link is the process, so closing
 * the link stops it and {@link #connect()} starts a fresh one, which is a power-on. A hard reset
 * stops the running process and starts the next one at once, so that a board that cannot start
 * says so there.
 */
final class ProcessBoard extends NamedBoard {

    /** Starts the process and opens its serial line. */
    @FunctionalInterface
    interface Launcher {
        SerialLink start() throws IOException;
    }

    private final Launcher launcher;
    /** The link handed out last; stopped on hard reset and close. */
    private SerialLink current;
    /** A process started by a hard reset and not handed out yet. */
    private SerialLink started;

    ProcessBoard(String port, BoardTraits traits, Launcher launcher) {
        super(port, traits);
        this.launcher = launcher;
    }

    @Override
    public synchronized SerialLink connect() throws IOException {
        stopCurrent();
        if (started != null) {
            current = started;
            started = null;
        } else {
            current = launcher.start();
        }
        return current;
    }

    @Override
    public boolean canHardReset() {
        return true;
    }

    @Override
    public synchronized void hardReset() throws IOException {
        stopAll();
        started = launcher.start();
    }

    private void stopCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** Both the process handed out and one a hard reset started that nobody took yet. */
    private void stopAll() {
        stopCurrent();
        if (started != null) {
            started.close();
            started = null;
        }
    }

    @Override
    public synchronized void close() {
        stopAll();
    }
}
