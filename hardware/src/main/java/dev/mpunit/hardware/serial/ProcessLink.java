package dev.mpunit.hardware.serial;

import dev.mpunit.hardware.Reaper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * The serial line of a board that is a process: its stdin and stdout ({@code exec:<command>}, as
 * pyboard.py's ProcessToSerial). The process's stderr is drained and its tail kept for messages.
 * Closing the link stops the process and its descendants.
 */
public final class ProcessLink implements SerialLink {

    private static final Duration EXIT_WAIT = Duration.ofSeconds(1);

    private final String name;
    private final OutputStream stdin;
    private final InputPump stdout;
    private final LinkedProcess process;

    private ProcessLink(String name, Process process) {
        this.name = name;
        this.stdin = process.getOutputStream();
        this.stdout = InputPump.start(process.getInputStream(), "mpunit-stdout-" + process.pid());
        OutputTail stderr = OutputTail.start(process.getErrorStream(), "mpunit-stderr-" + process.pid());
        this.process = new LinkedProcess(name, process, ExitGuard.of(process), stderr, EXIT_WAIT, EXIT_WAIT);
    }

    /**
     * Starts {@code command}; the link is named {@code exec:} and the command.
     *
     * @throws IOException naming the command when it cannot be started (not found, not executable)
     */
    public static ProcessLink start(List<String> command) throws IOException {
        String name = "exec:" + String.join(" ", command);
        try {
            return new ProcessLink(name, Reaper.start(new ProcessBuilder(command)));
        } catch (IOException e) {
            throw new IOException("cannot start " + name + ": " + e.getMessage()
                    + "; check that the command exists and is executable", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw lost("cannot write to it (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        int n;
        try {
            n = stdout.read(buffer, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from " + name);
        }
        if (n < 0) {
            throw lost("its output ended", null);
        }
        return n;
    }

    private LinkLostException lost(String what, Throwable cause) {
        return process.lost(cause, (exitCode, tail) -> name + ": " + what + ", the process "
                + (exitCode == null ? "still running" : "exited with code " + exitCode)
                + (tail.isEmpty() ? "" : "; stderr ends with:\n" + tail));
    }

    @Override
    public void close() {
        process.close(() -> {});
    }

    @Override
    public String toString() {
        return name;
    }
}
