package dev.mpunit.hardware.serial;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a process and everything it started: politely first, so that QEMU and node clean up, then forcibly. */
final class ProcessTree {

    /** How long a process may take to end after it was asked to. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private ProcessTree() {}

    static void stop(Process process) {
        // Descendants first: once the parent is gone they are re-parented and no longer found through it.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The exit code, after waiting a moment for a process whose output just ended; null while it runs. */
    static Integer exitCode(Process process, Duration wait) {
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
