package dev.mpunit.engine.execution;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A heartbeat for long runs: one line on stderr with tests done, failures, what each tentacle is
 * running and an estimate of the time left. On a terminal it is redrawn in place twice a second;
 * elsewhere ({@code micropython.progress=on} in CI) it is printed as a plain line every few
 * seconds, because a log file keeps every {@code \r} redraw. Workers report from their own
 * threads; the redraw runs on a daemon timer of its own, so a slow test never delays the line.
 */
public final class Progress {

    /** {@code micropython.progress}. */
    public enum Mode { AUTO, ON, OFF }

    /** How the line is shown, once the mode has met the environment. */
    enum Style { TERMINAL, PLAIN, OFF }

    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(500);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);
    private static final int DEFAULT_WIDTH = 120;
    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private final InstantSource clock;
    private final Style style;
    private final int width;
    private final boolean ownTimer;
    /** Tentacle → the test it runs now; sorted so the line does not jump around between redraws. */
    private final Map<String, String> running = new TreeMap<>();
    private Instant started;
    private int total;
    private int finished;
    private int failed;
    private boolean lineShown;
    private ScheduledExecutorService timer;

    /**
     * @param ownTimer whether {@link #start} starts the redraw timer; tests say no and call
     *                 {@link #redraw} themselves
     */
    Progress(PrintStream out, InstantSource clock, Style style, int width, boolean ownTimer) {
        this.out = out;
        this.clock = clock;
        this.style = style;
        this.width = width;
        this.ownTimer = ownTimer;
    }

    /** The progress line for this JVM's stderr, as the mode and the environment decide. */
    static Progress onStderr(Mode mode) {
        Style style = style(mode, stderrIsTerminal(), insideIde());
        return new Progress(System.err, InstantSource.system(), style, terminalWidth(), true);
    }

    static Style style(Mode mode, boolean terminal, boolean ide) {
        return switch (mode) {
            case OFF -> Style.OFF;
            case ON -> terminal && !ide ? Style.TERMINAL : Style.PLAIN;
            case AUTO -> terminal && !ide ? Style.TERMINAL : Style.OFF;
        };
    }

    synchronized void start(int totalTests) {
        total = totalTests;
        started = clock.instant();
        if (style == Style.OFF || !ownTimer || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mpunit-progress");
            thread.setDaemon(true);
            return thread;
        });
        long period = (style == Style.TERMINAL ? TERMINAL_INTERVAL : PLAIN_INTERVAL).toMillis();
        timer.scheduleAtFixedRate(this::redraw, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void testStarted(String tentacle, String test) {
        running.put(tentacle, test);
    }

    synchronized void testFinished(String tentacle, String test, boolean failed) {
        finished++;
        if (failed) {
            this.failed++;
        }
        running.remove(tentacle, test);
    }

    /** A tentacle was lost before the test ran: it is no longer running there, and not done either. */
    synchronized void testGivenBack(String tentacle, String test) {
        running.remove(tentacle, test);
    }

    /** Stops the timer and leaves a summary line in place of the progress line. */
    void finish() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            // Outside the lock: a redraw waiting for it must be able to end.
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (style == Style.OFF || started == null) {
                return;
            }
            out.print((style == Style.TERMINAL && lineShown ? CLEAR_LINE : "") + summary() + "\n");
            out.flush();
            lineShown = false;
            started = null;
        }
    }

    /** Draws the line once; the timer calls this, at most twice a second. */
    synchronized void redraw() {
        if (style == Style.OFF || started == null) {
            return;
        }
        if (style == Style.TERMINAL) {
            out.print(CLEAR_LINE + fit(line()));
            lineShown = true;
        } else {
            out.print(line() + "\n");
        }
        out.flush();
    }

    /** {@code mpunit: 312/878 tests · 3 failed · running: 2731-RPI_PICO2 basics/list1.py · ETA 4 min}. */
    synchronized String line() {
        List<String> parts = new ArrayList<>();
        parts.add("mpunit: " + finished + "/" + total + " tests");
        parts.add(failed + " failed");
        if (!running.isEmpty()) {
            List<String> tasks = new ArrayList<>();
            running.forEach((tentacle, test) -> tasks.add(tentacle + " " + test));
            parts.add("running: " + String.join(", ", tasks));
        }
        eta().ifPresent(eta -> parts.add("ETA " + eta));
        return String.join(" · ", parts);
    }

    synchronized String summary() {
        String tests = finished == total ? total + " tests" : finished + "/" + total + " tests";
        return "mpunit: " + tests + " · " + failed + " failed · " + format(Duration.between(started, clock.instant()));
    }

    /**
     * Time per finished test so far, wall clock, times the tests left: parallel workers are in
     * the elapsed time already. Nothing to say before the first test has finished.
     */
    private Optional<String> eta() {
        if (finished == 0 || finished >= total) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(started, clock.instant());
        Duration left = elapsed.multipliedBy(total - finished).dividedBy(finished);
        return Optional.of(format(left));
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** The running list is what grows; cut it, keeping the ETA, so the line never wraps (a wrapped line cannot be redrawn). */
    private String fit(String line) {
        if (line.length() <= width) {
            return line;
        }
        int eta = line.lastIndexOf(" · ETA ");
        String tail = eta >= 0 ? line.substring(eta) : "";
        int keep = Math.max(0, width - tail.length() - 2);
        return line.substring(0, Math.min(keep, eta >= 0 ? eta : line.length())) + " …" + tail;
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns > 20 ? columns - 1 : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /**
     * {@code System.console()} is null when stderr or stdin is redirected (Surefire forks, CI).
     * From Java 22 it may be non-null without a terminal; {@code Console.isTerminal()} then says.
     */
    private static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** IntelliJ's runner shows its own progress, and its console is no terminal for {@code \r}. */
    private static boolean insideIde() {
        if (System.getProperty("idea.test.cyclic.buffer.size") != null) {
            return true;
        }
        for (String starter : List.of("com.intellij.rt.junit.JUnitStarter", "com.intellij.rt.execution.junit.JUnitStarter")) {
            try {
                Class.forName(starter, false, Progress.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not this one
            }
        }
        return false;
    }
}
