package dev.mpunit.hardware.serial;

/**
 * Stops a board's process when the JVM ends before the link is closed (an IDE's stop button, a
 * SIGTERM to the build): QEMU serving a pty never notices its parent going and would run on.
 */
final class ExitGuard {

    private final Thread hook;

    private ExitGuard(Thread hook) {
        this.hook = hook;
    }

    static ExitGuard of(Process process) {
        Thread hook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "mpunit-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        return new ExitGuard(hook);
    }

    /** The process was stopped the ordinary way: nothing left to do at exit. */
    void release() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs, on a process that is gone.
        }
    }
}
