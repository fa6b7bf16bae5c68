package dev.mpunit.engine.execution;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.platform.engine.CancellationToken;

import dev.mpunit.contract.Verdicts;
import dev.mpunit.hardware.Reaper;

/**
 * A run that the JVM's end interrupts (Ctrl-C, SIGTERM, an IDE's stop button, System.exit) ends
 * within seconds and still reports every test: a shutdown hook, registered while the run lasts,
 * cancels the run through JUnit's cancellation token (so nothing more is handed out and what did
 * not run is reported skipped), kills the processes the run started (so the tests they ran end
 * now), waits until the engine has reported everything, and then until the launcher has passed
 * the end of the run to its listeners (the console prints its tree at that end, the results folder
 * gets its last files). Both waits are bounded: an interruption never hangs.
 */
final class Interruption implements AutoCloseable {

    /** How long the run may take to report its end once its processes are killed. */
    private static final Duration RUN_END = Duration.ofSeconds(10);
    /** How long the launcher may take to pass the end to its listeners after that. */
    private static final Duration LAUNCHER_END = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    /**
     * Why a test that was cut short, or never run, did not end the ordinary way: the results folder
     * counts reasons of this start to mark the run unfinished.
     */
    static final String NOT_RUN = Verdicts.CANCELLED_REASON_PREFIX + " (interrupted: Ctrl-C, SIGTERM or the JVM's exit)";

    private final CancellationToken launcherToken;
    private final Thread launcher;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final CountDownLatch requestedLatch = new CountDownLatch(1);
    private final Thread hook;
    private final PrintStream console;
    private volatile boolean requested;

    private Interruption(CancellationToken launcherToken, PrintStream console) {
        this.launcherToken = launcherToken;
        this.launcher = Thread.currentThread();
        this.console = console;
        this.hook = new Thread(this::onShutdown, "mpunit-interruption");
    }

    /** Watches for the JVM's end from the thread that executes the run (the launcher's) until {@link #close()}. */
    static Interruption watch(CancellationToken launcherToken) {
        Interruption interruption = new Interruption(launcherToken, System.err);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** Whether the JVM is ending: what fails from now on failed because its processes were killed. */
    boolean requested() {
        return requested;
    }

    /** Waits at most {@code limit} for an interruption; whether there is one. */
    boolean awaitRequested(Duration limit) {
        try {
            return requestedLatch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return requested;
        }
    }

    /** Whether the run was cancelled: by the launcher (fail-fast) or by this interruption. */
    boolean cancelled() {
        return requested || launcherToken.isCancellationRequested();
    }

    /** The engine has reported the end of every test and of itself. */
    void reported() {
        reported.countDown();
    }

    @Override
    public void close() {
        reported();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is ending already: the hook is running and ends by itself.
        }
    }

    private void onShutdown() {
        requested = true;
        requestedLatch.countDown();
        console.println("mpunit: interrupted: stopping the run; what did not end is reported as not run");
        console.flush();
        launcherToken.cancel();
        Reaper.stopAll();
        try {
            if (!reported.await(RUN_END.toMillis(), TimeUnit.MILLISECONDS)) {
                console.println("mpunit: the run did not report its end within " + RUN_END.toSeconds()
                        + " s of the interruption");
                return;
            }
            long deadline = System.nanoTime() + LAUNCHER_END.toNanos();
            while (!launcherDone() && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the launcher's thread has passed the end of the run to its listeners: it ended, or it
     * waits in System.exit, which blocks while shutdown hooks run. No event says so: the launcher
     * knows nothing of this hook.
     */
    private boolean launcherDone() {
        return !launcher.isAlive() || Arrays.stream(launcher.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("java.lang.Shutdown"));
    }
}
