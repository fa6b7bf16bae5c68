package dev.mpunit.hardware.local;

import dev.mpunit.hardware.Reaper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command the way run-tests.py's {@code subprocess.check_output(..., stderr=STDOUT,
 * timeout=...)} does: stdout and stderr into one pipe (so the bytes keep their write order), a
 * timeout after which the process is killed and what it printed so far is kept.
 */
final class Processes {

    /** How long to wait for the last bytes in the pipe after the process was killed or exited. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private Processes() {}

    /**
     * @param output stdout and stderr merged, as far as the process got
     * @param exitCode the exit code, or -1 after a timeout
     * @param timedOut whether the process was killed at the timeout
     * @param duration wall time from start to exit or kill
     */
    record Finished(byte[] output, int exitCode, boolean timedOut, Duration duration) {}

    /**
     * Runs {@code command} in {@code workingDirectory} with {@code environment} added to this
     * process's environment. Its stdin is closed at once (end of file), as nothing feeds it.
     *
     * @throws IOException when the command cannot be started (not found, not executable)
     */
    static Finished run(List<String> command, Path workingDirectory, Map<String, String> environment,
            Duration timeout) throws IOException, InterruptedException {
        return run(command, workingDirectory, environment, timeout, null);
    }

    /**
     * The same, with the file {@code input} as the process's stdin ({@code null}: closed at once).
     */
    static Finished run(List<String> command, Path workingDirectory, Map<String, String> environment,
            Duration timeout, Path input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = Reaper.startAwaited(builder);
        try {
            process.getOutputStream().close();
            Collector collector = Collector.start(process.getInputStream());
            boolean exited;
            try {
                exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                killTree(process);
                throw e;
            }
            if (!exited) {
                killTree(process);
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            collector.awaitEnd(DRAIN);
            return new Finished(collector.bytes(), exited ? process.exitValue() : -1, !exited, duration);
        } finally {
            Reaper.awaited(process);
        }
    }

    /**
     * Kills a process and everything it started. Descendants are listed first: once the parent
     * is gone they are re-parented and no longer found through it.
     */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The threads that read processes' output: reused, since the unix port starts a process for every
     * test (a new thread for each cost about 0.2 ms of CPU). Daemons, so a pipe held open for ever by a
     * process that escaped a kill never keeps the JVM alive.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mpunit-output");
        thread.setDaemon(true);
        return thread;
    });

    /** Reads a stream to its end on a thread of its own, so that what arrived so far can be taken at any time. */
    static final class Collector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Future<?> reading;

        private Collector() {
        }

        static Collector start(InputStream in) {
            Collector collector = new Collector();
            collector.reading = READERS.submit(() -> collector.pump(in));
            return collector;
        }

        private void pump(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The pipe broke because the process was killed: what was read is all there is.
            }
        }

        /**
         * Waits until the stream ended. A grandchild that escaped the kill could hold the pipe
         * open for ever, hence the limit.
         */
        void awaitEnd(Duration limit) throws InterruptedException {
            try {
                reading.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // A failed read ended the stream; a held pipe keeps what arrived so far.
            }
        }

        byte[] bytes() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }
    }
}
