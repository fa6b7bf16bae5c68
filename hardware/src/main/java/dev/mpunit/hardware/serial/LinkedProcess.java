package dev.mpunit.hardware.serial;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process behind a link: stopped once, when the link closes, and asked why the link was lost,
 * so that a lost board explains itself: closed here, or the process's exit code and last output.
 */
final class LinkedProcess {

    /** Words the message from the exit code (null while the process runs) and its last output (may be empty). */
    @FunctionalInterface
    interface Explanation {
        String message(Integer exitCode, String output);
    }

    private final String name;
    private final Process process;
    private final ExitGuard guard;
    private final OutputTail output;
    private final Duration exitWait;
    private final Duration outputWait;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param exitWait how long a process that looks lost may take to exit, so that its code is known
     * @param outputWait how long its output may take to end after that, so that the message has its last bytes
     */
    LinkedProcess(String name, Process process, ExitGuard guard, OutputTail output, Duration exitWait,
            Duration outputWait) {
        this.name = name;
        this.process = process;
        this.guard = guard;
        this.output = output;
        this.exitWait = exitWait;
        this.outputWait = outputWait;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    LinkLostException lost(Throwable cause, Explanation explanation) {
        if (closed.get()) {
            return new LinkLostException(name + " was closed", cause);
        }
        Integer exitCode = ProcessTree.exitCode(process, exitWait);
        try {
            output.awaitEnd(outputWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new LinkLostException(explanation.message(exitCode, output.text()), cause, exitCode);
    }

    /**
     * The first time only: runs {@code first} (closing what the link opened on the process), then
     * stops the process and its descendants; a link lost afterwards was closed here.
     */
    void close(Runnable first) {
        if (closed.compareAndSet(false, true)) {
            first.run();
            ProcessTree.stop(process);
            guard.release();
        }
    }
}
