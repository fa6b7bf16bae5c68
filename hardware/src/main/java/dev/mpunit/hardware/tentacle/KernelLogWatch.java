package dev.mpunit.hardware.tentacle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.mpunit.hardware.Reaper;

/**
 * Follows the kernel log while a testbed run lasts: a command that prints new kernel log lines as
 * they come ({@code journalctl -k -f}, {@code dmesg --follow-new}, or whatever a configuration names)
 * runs in its own process; a reader thread classifies each line ({@link KernelLog}) and tells the
 * listener at once, on that thread, so that whoever stops work on a critical message has stopped it
 * before the next line is read.
 */
public final class KernelLogWatch implements AutoCloseable {

    /** The commands tried, in order, when none is configured: the journal first (it keeps device paths), then dmesg. */
    static final List<String> JOURNAL = List.of("journalctl", "-k", "-f", "-o", "short-monotonic", "-n", "0", "--no-pager");
    static final List<String> DMESG = List.of("dmesg", "--follow-new");
    /** Says what to do when neither can be read. */
    public static final String RIGHTS_HINT = "add the user to the systemd-journal (or adm) group for journalctl -k,"
            + " or allow dmesg (sysctl kernel.dmesg_restrict=0); see docs/testbed-host.md";

    /** How the kernel log is read on this machine, or why it cannot be. */
    public sealed interface Source {
        /** A command that prints new kernel log lines until it is stopped. */
        record Command(List<String> command) implements Source {
            public Command {
                command = List.copyOf(command);
                if (command.isEmpty()) {
                    throw new IllegalArgumentException("no kernel log command");
                }
            }

            /** As a shell would show it. */
            public String text() {
                return String.join(" ", command);
            }
        }

        /** Neither the journal nor dmesg is readable: why, and what to do. */
        record Unreadable(String why) implements Source {
        }
    }

    private final Process process;
    private final Thread reader;
    private final List<String> command;
    private volatile boolean closing;

    private KernelLogWatch(List<String> command, Process process, Consumer<KernelUsbMessage> heard,
            Consumer<String> ended) {
        this.command = command;
        this.process = process;
        this.reader = new Thread(() -> read(heard, ended), "mpunit-kernel-log");
        this.reader.setDaemon(true);
    }

    /**
     * The kernel log of this machine: the journal's kernel messages when this user reads them
     * ({@code journalctl -k} shows them), else dmesg when it may be read, else why neither.
     */
    public static Source ofThisMachine() {
        Optional<String> journal = probe(List.of("journalctl", "-k", "-n", "1", "--no-pager"), true);
        if (journal.isEmpty()) {
            return new Source.Command(JOURNAL);
        }
        Optional<String> dmesg = probe(List.of("dmesg"), false);
        if (dmesg.isEmpty()) {
            return new Source.Command(DMESG);
        }
        return new Source.Unreadable("the kernel log is not readable here: journalctl -k " + journal.get()
                + "; dmesg " + dmesg.get() + "; " + RIGHTS_HINT);
    }

    /** Why the command cannot read the kernel log; empty when it can. */
    private static Optional<String> probe(List<String> command, boolean journal) {
        try {
            Process process = Reaper.start(new ProcessBuilder(command).redirectErrorStream(true));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("did not answer within 10 s");
            }
            if (process.exitValue() != 0) {
                return Optional.of("failed (exit " + process.exitValue() + ": " + firstLine(output) + ")");
            }
            // Without the rights, journalctl answers with the user's own messages and a hint, and exits 0.
            if (journal && (output.contains("not seeing messages") || output.contains("No journal files"))) {
                return Optional.of("shows no system messages to this user");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot be started (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("was interrupted");
        }
    }

    private static String firstLine(String output) {
        String stripped = output.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end);
    }

    /**
     * Starts following the log.
     *
     * @param heard told of each USB message that {@link KernelLog} classifies, on the reader's thread
     * @param ended told once, with why, when the command ends before {@link #close()}: nothing is watched after
     * @throws IOException when the command cannot be started
     */
    public static KernelLogWatch start(Source.Command source, Consumer<KernelUsbMessage> heard, Consumer<String> ended)
            throws IOException {
        Process process = Reaper.start(new ProcessBuilder(source.command()).redirectErrorStream(true));
        process.getOutputStream().close();
        KernelLogWatch watch = new KernelLogWatch(source.command(), process, heard, ended);
        watch.reader.start();
        return watch;
    }

    private void read(Consumer<KernelUsbMessage> heard, Consumer<String> ended) {
        List<String> last = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                KernelLog.classify(line).ifPresent(heard);
                if (last.size() == 3) {
                    last.remove(0);
                }
                last.add(line);
            }
        } catch (IOException e) {
            if (!closing) {
                last.add(e.toString());
            }
        }
        if (closing) {
            return;
        }
        String exit;
        try {
            exit = process.waitFor(2, TimeUnit.SECONDS) ? "exit " + process.exitValue() : "its output closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "interrupted";
        }
        if (!closing) {
            ended.accept("the kernel log command (" + String.join(" ", command) + ") ended (" + exit + ")"
                    + (last.isEmpty() ? "" : ": " + String.join(" / ", last)) + "; USB errors after this are not seen");
        }
    }

    /** Stops the command and its children; nothing more is told after it returns. */
    @Override
    public void close() {
        closing = true;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
