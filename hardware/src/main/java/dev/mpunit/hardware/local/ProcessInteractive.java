package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.serial.StreamPump;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A run-multitests.py subprocess instance: {@code <command> -c <script>} in the test's directory,
 * stdout and stderr merged into one pipe, stdin a pipe the caller writes to. Used for the unix
 * port ({@link UnixTarget#interactive()}) and for CPython, whose instances give the expected output
 * of a multitest without an {@code .exp} file.
 */
public final class ProcessInteractive implements Interactive {

    /** After a SIGTERM, how long a process may take to end before it and its children are killed. */
    private static final long GRACE_SECONDS = 5;

    private final List<String> command;
    private Running current;

    /** @param command the interpreter and its options before {@code -c} */
    public ProcessInteractive(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        this.command = List.copyOf(command);
    }

    /** The last part of the command's path, as run-multitests.py names its subprocess instances. */
    @Override
    public String name() {
        String program = command.get(0);
        return program.substring(program.lastIndexOf('/') + 1);
    }

    @Override
    public Kind kind() {
        return Kind.PROCESS;
    }

    @Override
    public Interactive.Running start(byte[] code, Path directory, Map<String, String> environment)
            throws TargetException {
        if (current != null) {
            current.stop();
        }
        List<String> argv = new ArrayList<>(command);
        argv.add("-c");
        // The script is an argument, as run-multitests.py passes it: no file to leave behind.
        argv.add(new String(code, StandardCharsets.UTF_8));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            current = new Running(Reaper.start(builder));
        } catch (IOException e) {
            throw new TargetException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        return current;
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    /** One process: its output cut into lines on a pump thread, so that polling never blocks. */
    private static final class Running implements Interactive.Running {

        private final Process process;
        private final ConcurrentLinkedQueue<byte[]> lines = new ConcurrentLinkedQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private volatile boolean ended;
        private boolean finished;

        Running(Process process) {
            this.process = process;
            StreamPump.start(process.getInputStream(), "mpunit-instance-" + process.pid(), this::received, this::end);
        }

        private void received(byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                if (buffer[i] == '\n') {
                    lines.add(partial.toByteArray());
                    partial.reset();
                } else {
                    partial.write(buffer[i]);
                }
            }
        }

        private void end() {
            if (partial.size() > 0) {
                lines.add(partial.toByteArray());
                partial.reset();
            }
            ended = true;
        }

        @Override
        public Optional<Output> poll() {
            // Read "ended" before looking at the queue: the pump adds the last line before it sets it.
            boolean streamEnded = ended;
            byte[] line = lines.poll();
            if (line != null) {
                return Optional.of(Output.line(line));
            }
            // As run-multitests.py: finished once nothing is left to read and the process has exited
            // (a process that closed its stdout but runs on is silent, not finished).
            finished = streamEnded && !process.isAlive();
            return Optional.empty();
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(bytes);
            in.flush();
        }

        @Override
        public void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            // A process that ignores SIGTERM (or left children) must not outlive the test for long.
            CompletableFuture.runAsync(() -> {
                if (process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive)) {
                    Processes.killTree(process);
                }
            }, CompletableFuture.delayedExecutor(GRACE_SECONDS, TimeUnit.SECONDS));
        }
    }
}
