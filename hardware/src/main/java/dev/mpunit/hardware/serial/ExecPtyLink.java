package dev.mpunit.hardware.serial;

import dev.mpunit.hardware.Reaper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The serial line of a board that is a process serving it on a pty ({@code execpty:<command>},
 * as pyboard.py's ProcessPtyToTerminal): QEMU with {@code -serial pty} prints
 * {@code char device redirected to /dev/pts/N}, and that pty is opened as a serial port. The
 * process's output is drained for as long as it runs and its tail kept for messages. Closing the
 * link stops the process and its descendants.
 */
public final class ExecPtyLink implements SerialLink {

    /** How long a command may take to print its pty when the caller does not say. */
    public static final Duration DEFAULT_PTY_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern PTY = Pattern.compile("/dev/pts/\\d+");
    private static final Duration EXIT_WAIT = Duration.ofMillis(500);

    private final String name;
    private final String pty;
    private final LinkedProcess process;
    private final SerialPortLink port;

    private ExecPtyLink(String name, String pty, Process process, ExitGuard guard, OutputTail output,
            SerialPortLink port) {
        this.name = name;
        this.pty = pty;
        // No waiting for the output to end: it does not while the process runs, so a message would
        // wait out the whole limit; what was printed by then is shown.
        this.process = new LinkedProcess(name, process, guard, output, EXIT_WAIT, Duration.ZERO);
        this.port = port;
    }

    /** Starts {@code command} and opens the pty it prints, waiting {@link #DEFAULT_PTY_TIMEOUT} for it. */
    public static ExecPtyLink start(List<String> command) throws IOException {
        return start(command, DEFAULT_PTY_TIMEOUT);
    }

    /**
     * Starts {@code command}, waits up to {@code ptyTimeout} for a {@code /dev/pts/N} in its output
     * (stdout and stderr) and opens that pty.
     *
     * @throws IOException showing the command and what it printed when it cannot start, ends, or
     *     prints no pty in time; the process is stopped then
     */
    public static ExecPtyLink start(List<String> command, Duration ptyTimeout) throws IOException {
        return start("execpty:" + String.join(" ", command), command, ptyTimeout);
    }

    /**
     * Like {@link #start(List, Duration)}, with the name that messages show instead of the command
     * (which may carry a whole script).
     */
    public static ExecPtyLink start(String name, List<String> command, Duration ptyTimeout) throws IOException {
        Process process;
        try {
            process = Reaper.start(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            throw new IOException("cannot start " + name + ": " + e.getMessage()
                    + "; check that the command exists and is executable", e);
        }
        ExitGuard guard = ExitGuard.of(process);
        OutputTail output = OutputTail.start(process.getInputStream(), "mpunit-execpty-" + process.pid());
        String pty;
        try {
            pty = output.awaitMatch(PTY, ptyTimeout);
        } catch (InterruptedException e) {
            ProcessTree.stop(process);
            guard.release();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name + " to print its pty");
        }
        if (pty == null) {
            // The output may have ended with the process a moment before the process is reaped.
            Integer exitCode = ProcessTree.exitCode(process, EXIT_WAIT);
            ProcessTree.stop(process);
            guard.release();
            String printed = output.text();
            throw new IOException(name + (exitCode == null
                    ? " printed no /dev/pts/N within " + ptyTimeout.toMillis() + " ms"
                    : " exited with code " + exitCode + " before it printed a /dev/pts/N")
                    + (printed.isEmpty() ? "; it printed nothing" : "; it printed:\n" + printed));
        }
        try {
            return new ExecPtyLink(name + " (" + pty + ")", pty, process, guard, output, SerialPortLink.open(pty));
        } catch (IOException e) {
            ProcessTree.stop(process);
            guard.release();
            throw new IOException(name + " printed " + pty + " but it does not open: " + e.getMessage(), e);
        }
    }

    /** The pty the process printed, such as {@code /dev/pts/3}. */
    public String pty() {
        return pty;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            port.write(bytes);
        } catch (LinkLostException e) {
            throw lost(e);
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        int n;
        try {
            n = port.read(buffer, timeout);
        } catch (LinkLostException e) {
            throw lost(e);
        }
        // Some pty owners leave the slave readable but silent when they end; the process tells.
        if (n == 0 && !process.isAlive()) {
            throw lost(null);
        }
        return n;
    }

    private LinkLostException lost(LinkLostException cause) {
        return process.lost(cause, (exitCode, printed) -> name + " is gone: "
                + (exitCode == null ? "the process still runs" : "the process exited with code " + exitCode)
                + (printed.isEmpty() ? "" : "; its output ends with:\n" + printed));
    }

    @Override
    public void close() {
        process.close(port::close);
    }

    @Override
    public String toString() {
        return name;
    }
}
