package dev.mpunit.hardware.tentacle;

import dev.mpunit.hardware.Reaper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a programmer as a subprocess: bounded time (its process tree killed after it), bounded output. */
final class ToolRun {

    /** The output kept: the last this many characters. */
    static final int KEEP = 16 * 1024;

    private ToolRun() {}

    /** The executable {@code name} on {@code PATH}, or {@code name} itself when it is a path to a file. */
    static Optional<Path> find(String name, Map<String, String> environment) {
        if (name.contains("/") || name.contains(File.separator)) {
            Path path = Path.of(name);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static FlashResult run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = Reaper.start(builder);
        process.getOutputStream().close();
        Tail tail = new Tail();
        Thread reader = new Thread(() -> tail.drain(process.getInputStream()), "programmer-output");
        reader.setDaemon(true);
        reader.start();
        boolean ended;
        try {
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
        if (!ended) {
            killTree(process);
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        String output = tail.text();
        if (!ended) {
            return new FlashResult(false, -1, output + (output.isEmpty() || output.endsWith("\n") ? "" : "\n")
                    + "[mpunit: killed " + Path.of(command.get(0)).getFileName() + " and its children after "
                    + HubPorts.millis(timeout) + "]\n", duration);
        }
        int exitCode = process.exitValue();
        return new FlashResult(exitCode == 0, exitCode, output, duration);
    }

    private static void killTree(Process process) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the last {@link #KEEP} characters and counts what it dropped. */
    private static final class Tail {
        private final StringBuilder text = new StringBuilder();
        private long dropped;

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    append(new String(buffer, 0, count, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process was killed; keep what came
            }
        }

        synchronized void append(String more) {
            text.append(more);
            if (text.length() > KEEP) {
                int cut = text.length() - KEEP;
                dropped += cut;
                text.delete(0, cut);
            }
        }

        synchronized String text() {
            return dropped == 0 ? text.toString() : "[mpunit: " + dropped + " characters left out]\n" + text;
        }
    }
}
