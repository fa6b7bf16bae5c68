package dev.mpunit.hardware.board;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.SerialLink;

/**
 * A board behind a serial line, run the way run-tests.py runs a board: a soft reset and a fresh
 * raw REPL before every test, {@code print('START TEST')} in front of the test, a MemoryError
 * before any output reported as {@code SKIP-TOO-LARGE}.
 *
 * <p>Unlike run-tests.py it does not give up on the first bad byte: a test whose transfer looks
 * damaged (no {@code OK}, a missing start marker, a SyntaxError after fast pacing) runs once more
 * at the safe pacing; a test that never ends is interrupted, and a board that no longer answers
 * even Ctrl-C is hard reset (an emulator restarted) so that a lockup costs one timeout, not one
 * per remaining test. When the raw REPL cannot be reached {@link Config#maxRawReplFailures} times
 * in a row, {@link #execute} throws {@link BoardLostException} and the test goes to another board.
 * Each such step is one of the execution's {@link Execution#incidents()}: a test that passed on a
 * restarted board, or on its second transfer, says so.
 */
public final class BoardTarget implements Target {

    static final byte[] START_TEST = "START TEST\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The webassembly REPL under a pty ends its lines with a bare newline. */
    static final byte[] START_TEST_LF = "START TEST\n".getBytes(StandardCharsets.US_ASCII);
    /** What run-multitests.py sends to stop a board instance. */
    private static final byte[] STOP = "\r\u0003".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SKIP_TOO_LARGE = "SKIP-TOO-LARGE\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param variant the variant name the descriptor tree shows
     * @param pacing the pacing to start from; empty for the board's own safe default
     * @param calibrate whether to measure at connection how much faster than that the board can take
     *     code (only without raw-paste)
     * @param replTimeout how long entering the raw REPL or a soft reset may take
     * @param acceptTimeout how long the board may take to acknowledge code it was sent
     * @param interruptTimeout how long a running test may take to answer Ctrl-C before the board
     *     counts as locked up
     * @param maxRawReplFailures consecutive failures to reach the raw REPL after which the board is lost
     *     (run-tests.py aborts after 3)
     */
    public record Config(String variant, Optional<Pacing> pacing, boolean calibrate, Duration replTimeout,
            Duration acceptTimeout, Duration interruptTimeout, int maxRawReplFailures) {

        public Config {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(pacing, "pacing");
            if (maxRawReplFailures < 1) {
                throw new IllegalArgumentException("maxRawReplFailures must be at least 1");
            }
        }

        public static Config of(String variant) {
            // 5 s to reach the raw REPL: boards answer in well under a second unless boot.py is slow,
            // and a line that answers garbage must not cost more than a few of these.
            return new Config(variant, Optional.empty(), true, Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(3), 3);
        }

        public Config withPacing(Pacing pacing) {
            return new Config(variant, Optional.of(pacing), calibrate, replTimeout, acceptTimeout, interruptTimeout,
                    maxRawReplFailures);
        }

        /** How long entering the raw REPL or a soft reset may take (a slow {@code boot.py} needs more). */
        public Config withReplTimeout(Duration replTimeout) {
            return new Config(variant, pacing, calibrate, replTimeout, acceptTimeout, interruptTimeout,
                    maxRawReplFailures);
        }

        public Config withoutCalibration() {
            return new Config(variant, pacing, false, replTimeout, acceptTimeout, interruptTimeout,
                    maxRawReplFailures);
        }
    }

    private final Board board;
    private final Config config;
    private Pacing safePacing;
    private RawRepl repl;
    private Pacing pacing;
    private boolean calibrated;
    /** The board is out of the raw REPL (rebooted, interrupted without an answer) or ran a test since its reset. */
    private boolean needsEnter;
    private boolean ranSinceRestart;
    private BoardLostException lost;
    private byte[] lastOutput = new byte[0];
    private boolean lastAtSafePacing = true;
    private boolean connectedOnce;
    private Execution.Ending lastEnding = Execution.Ending.COMPLETED;
    /** The last test lost its link, its framing or its board (a reboot) midway: the crash may be the board's. */
    private boolean lastLostMidway;
    private final Watchdog watchdog = new Watchdog();
    /** What went wrong during the current {@link #execute} and what was done about it. */
    private final List<String> incidents = new ArrayList<>();

    public BoardTarget(Board board, Config config) {
        this.board = Objects.requireNonNull(board, "board");
        this.config = Objects.requireNonNull(config, "config");
        this.safePacing = config.pacing().orElse(board.traits().pacing());
        this.pacing = safePacing;
        this.calibrated = !config.calibrate();
    }

    @Override
    public String variant() {
        return config.variant();
    }

    @Override
    public String port() {
        return board.port();
    }

    /** The pacing plain raw REPL writes use now: the safe one, or faster once the board proved it can take it. */
    public Pacing pacing() {
        return pacing;
    }

    @Override
    public Execution execute(Script script) throws TargetException {
        return execute(script, pacing);
    }

    @Override
    public Optional<Execution> rerunCarefully(Script script) throws TargetException {
        // A timeout is the test's own doing once the board took the code: another would cost as much again.
        if (lastLostMidway) {
            // Believed only if it happens again: a board that died on its own is lost on the way
            // (BoardLostException) and the test goes to another board.
            return Optional.of(execute(script, safePacing));
        }
        if (lastEnding == Execution.Ending.TIMED_OUT) {
            return Optional.empty();
        }
        if (lastAtSafePacing) {
            if (safePacing.equals(Pacing.UNPACED)) {
                return Optional.empty();
            }
            // A loaded machine (several emulators on two cores) loses a byte even at the safe pacing:
            // a failure there is believed once a transfer at a quarter of the rate agrees.
            byte[] atSafe = lastOutput;
            Pacing slower = safePacing.slower();
            Execution slow = execute(script, slower);
            if (!Arrays.equals(slow.output(), atSafe)) {
                safePacing = slower;
                pacing = slower;
            }
            return Optional.of(slow);
        }
        byte[] fast = lastOutput;
        Execution careful = execute(script, safePacing);
        if (Arrays.equals(careful.output(), fast)) {
            return Optional.of(careful);
        }
        // Two transfers, two answers: the fast one may have lost a byte, but on a loaded machine so
        // may the careful one (a micro:bit's test once failed on another line after its careful
        // run). A transfer at a quarter of the fast rate tells which of the two to believe.
        pacing = safePacing;
        Pacing slower = safePacing.slower();
        byte[] atSafe = careful.output();
        Execution slow = execute(script, slower);
        List<String> incidents = new ArrayList<>(List.of("ran the test a third time at the slower pacing " + slower
                + ": the runs at the fast and the safe pacing disagreed"));
        incidents.addAll(slow.incidents());
        if (Arrays.equals(slow.output(), fast) && !Arrays.equals(slow.output(), atSafe)) {
            // The safe pacing was the one that lost a byte: the slower one is the board's from now on.
            safePacing = slower;
            pacing = slower;
        }
        return Optional.of(new Execution(slow.output(), slow.ending(), slow.duration(), incidents));
    }

    private Execution execute(Script script, Pacing startPacing) throws TargetException {
        if (lost != null) {
            throw lost;
        }
        byte[] source;
        try {
            source = Files.readAllBytes(script.file());
        } catch (IOException e) {
            throw new TargetException("cannot read " + script.file() + ": " + e.getMessage(), e);
        }
        byte[] code = script.special() ? source : withStartMarker(source);
        incidents.clear();
        long start = System.nanoTime();
        Attempt first = attempt(code, script, startPacing);
        Attempt result = first;
        lastAtSafePacing = startPacing.equals(safePacing);
        if (first.suspect(script.special(), startPacing.equals(safePacing))) {
            // A damaged transfer and a test that fails on its own look alike from here: the same
            // code at the pacing measured safe tells them apart.
            incidents.add(first.kind() == Attempt.Kind.NOT_ACCEPTED
                    ? "sent the code again at the safe pacing " + safePacing
                    : "ran the test again at the safe pacing " + safePacing + ": the first transfer (pacing "
                            + startPacing + ") may have been damaged");
            Attempt again = attempt(code, script, safePacing);
            if (!again.sameAs(first)) {
                pacing = safePacing;
            }
            result = again;
            lastAtSafePacing = true;
        }
        if (result.damagedLooking(script.special()) && lastAtSafePacing && !safePacing.equals(Pacing.UNPACED)) {
            // Even the safe pacing loses a byte when the machine is loaded (several emulators on two
            // cores): a SyntaxError there is believed once a slower transfer agrees.
            Pacing slower = safePacing.slower();
            incidents.add("ran the test again at the slower pacing " + slower
                    + ": a SyntaxError at the safe pacing may be a byte lost on the way");
            Attempt slow = attempt(code, script, slower);
            if (!slow.sameAs(result)) {
                safePacing = slower;
                pacing = slower;
            }
            result = slow;
        }
        Execution plain = result.toExecution(script.special(), Duration.ofNanos(System.nanoTime() - start));
        Execution execution = new Execution(plain.output(), plain.ending(), plain.duration(), incidents);
        lastLostMidway = result.lostMidway();
        lastOutput = execution.output();
        lastEnding = execution.ending();
        return execution;
    }

    /** run-tests.py: on the same line when the file starts with a comment, so line numbers stay. */
    static byte[] withStartMarker(byte[] source) {
        byte[] prefix = (source.length > 0 && source[0] == '#' ? "print('START TEST')" : "print('START TEST')\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] code = new byte[prefix.length + source.length];
        System.arraycopy(prefix, 0, code, 0, prefix.length);
        System.arraycopy(source, 0, code, prefix.length, source.length);
        return code;
    }

    private Attempt attempt(byte[] code, Script script, Pacing attemptPacing) throws BoardLostException {
        prepare();
        repl.pacing(attemptPacing);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        Timeouts timeouts = new Timeouts(config.acceptTimeout(), script.timeout(), script.timeout().multipliedBy(10));
        ranSinceRestart = true;
        // Well past every timeout the exec has: only a write that blocks for good gets here.
        Duration limit = timeouts.overall().plus(config.acceptTimeout()).plus(transferTime(code.length, attemptPacing))
                .plus(config.replTimeout());
        try (Watchdog.Armed armed = watchdog.arm(repl.link(), limit)) {
            Outcome outcome = repl.exec(code, timeouts, partial::writeBytes);
            return switch (outcome.ending()) {
                case COMPLETED, SOFT_RESET -> Attempt.of(outcome);
                case TIMED_OUT -> timedOut(outcome);
                case REBOOTED -> {
                    needsEnter = true;
                    incidents.add("the board on " + board.port() + " rebooted during the test");
                    yield Attempt.crashed(outcome, "the board rebooted during the test");
                }
            };
        } catch (LinkLostException e) {
            if (board.traits().softResetEndsProcess() && e.exitCode().orElse(-1) == 0) {
                // SystemExit (after a SKIP) ends such a board's process cleanly: the test is over.
                disconnect();
                return Attempt.of(new Outcome(partial.toByteArray(), new byte[0], Outcome.Ending.SOFT_RESET,
                        Duration.ZERO));
            }
            String message = "lost the board on " + board.port() + " during the test: " + e.getMessage();
            recoverAfterLoss(message);
            return Attempt.lost(partial.toByteArray(), message);
        } catch (RawReplException e) {
            needsEnter = true;
            if (partial.size() > 0) {
                // It ran and printed, then the framing went wrong: a crash with what it printed.
                incidents.add("the raw REPL's framing broke during the test: " + e.getMessage());
                return Attempt.lost(partial.toByteArray(), e.getMessage());
            }
            // Most likely the board did not take the code (no OK): worth another try.
            incidents.add("the board did not take the code: " + e.getMessage());
            return Attempt.notAccepted(e.getMessage());
        } catch (IOException e) {
            String message = "the link to " + board.port() + " failed during the test: " + e.getMessage();
            recoverAfterLoss(message);
            return Attempt.lost(partial.toByteArray(), message);
        }
    }

    private static Duration transferTime(int bytes, Pacing pacing) {
        long chunks = (bytes + (long) pacing.chunkSize() - 1) / pacing.chunkSize();
        return pacing.gap().multipliedBy(chunks);
    }

    /** Ctrl-C first; a board that does not answer even that is locked up and gets a hard reset. */
    private Attempt timedOut(Outcome outcome) {
        try {
            Optional<Outcome> answer = repl.interrupt(config.interruptTimeout());
            if (answer.isPresent()) {
                if (answer.get().ending() == Outcome.Ending.REBOOTED) {
                    needsEnter = true;
                }
                return Attempt.timedOut(outcome);
            }
        } catch (IOException e) {
            // Same as no answer: the next step is a reset either way.
        }
        recoverAfterLoss("the board on " + board.port() + " did not answer Ctrl-C after a timeout (locked up)");
        return Attempt.timedOut(outcome);
    }

    /** After a lockup or a lost link: restart the board now so the next test does not pay for it. */
    private void recoverAfterLoss(String reason) {
        if (board.canHardReset()) {
            // Restarted before the link is closed: a powered board goes dark first, as Octoprobe powers
            // a hung DUT off before it tears down the test's connection.
            try {
                board.hardReset();
                incidents.add(reason + "; the board was restarted");
            } catch (IOException e) {
                lost = new BoardLostException(reason + "; restarting it failed: " + e.getMessage(), e);
                incidents.add(lost.getMessage());
            } finally {
                disconnect();
            }
        } else {
            disconnect();
            // Without a hard reset the next prepare() reconnects and finds out whether the board is back.
            incidents.add(reason + "; reconnecting to it");
        }
    }

    /**
     * A fresh raw REPL after a soft reset, as run-tests.py does before every test. Each failure
     * climbs one rung: enter the raw REPL again, reconnect, hard reset.
     */
    private void prepare() throws BoardLostException {
        if (lost != null) {
            throw lost;
        }
        IOException last = null;
        for (int failures = 0; failures < config.maxRawReplFailures(); failures++) {
            try {
                if (failures > 0) {
                    climb(failures);
                }
                connect();
                try (Watchdog.Armed armed = watchdog.arm(repl.link(), config.replTimeout().multipliedBy(3))) {
                    reset();
                }
                return;
            } catch (IOException e) {
                last = e;
                needsEnter = true;
                incidents.add("reaching the raw REPL of the board on " + board.port() + " failed: " + e.getMessage()
                        + (failures + 1 < config.maxRawReplFailures()
                                ? failures > 0 && board.canHardReset() ? "; restarting the board" : "; reconnecting"
                                : ""));
            }
        }
        disconnect();
        lost = new BoardLostException("the board on " + board.port() + " does not answer: reaching its raw REPL failed "
                + config.maxRawReplFailures() + " times in a row (" + last.getMessage() + "). Check that it is "
                + "powered and connected and that no other program uses the port; its remaining tests go to "
                + "other boards", last);
        throw lost;
    }

    /** The first failure only reconnects; later ones hard reset a board that can be. */
    private void climb(int failures) throws IOException {
        try {
            if (failures > 1 && board.canHardReset()) {
                board.hardReset();
            }
        } finally {
            disconnect();
        }
    }

    private void connect() throws IOException {
        if (repl == null) {
            repl = new RawRepl(open(), pacing, board.traits().rawPaste());
            connectedOnce = true;
            needsEnter = true;
            ranSinceRestart = false;
        }
        if (needsEnter) {
            repl.enter(config.replTimeout());
            needsEnter = false;
        }
        if (!calibrated) {
            calibrated = true;
            pacing = PacingCalibration.fastest(repl, safePacing, config.replTimeout());
        }
    }

    /**
     * A board seen before that cannot be hard reset may be coming back by itself: a USB board
     * that reset (a crash, {@code machine.reset()}) is off the bus for a moment.
     */
    private SerialLink open() throws IOException {
        long deadline = System.nanoTime() + board.traits().bootTime().toNanos();
        while (true) {
            try {
                return board.connect();
            } catch (IOException e) {
                if (board.canHardReset() || !connectedOnce || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void reset() throws IOException {
        if (!board.traits().softResetEndsProcess()) {
            repl.softReset(config.replTimeout());
            return;
        }
        if (ranSinceRestart) {
            // Its soft reset would end the process: a new process is its fresh interpreter.
            disconnect();
            board.hardReset();
            connect();
        }
    }

    private void disconnect() {
        if (repl != null) {
            repl.link().close();
            repl = null;
        }
        needsEnter = true;
    }

    /**
     * This board as a run-multitests.py instance: each start soft-resets into a fresh raw REPL
     * (a new process for a board whose soft reset would end it) and sends the script without
     * following it; lines are read as they arrive, never waiting.
     */
    @Override
    public Optional<Interactive> interactive() {
        return Optional.of(new BoardInteractive());
    }

    private final class BoardInteractive implements Interactive {

        /**
         * As run-multitests.py names a device, the last part of its path ({@code ttyACM0}); for an
         * emulator reached through a command ({@code execpty:qemu-system-arm …}), its program's
         * ({@code qemu-system-arm}).
         */
        @Override
        public String name() {
            // Without its kind ("execpty:", "webassembly-pty:", "port:"), then the first word's last part.
            String port = board.port().replaceFirst("^[a-z][a-z-]*:", "").strip();
            String path = port.split("\\s+", 2)[0];
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public Kind kind() {
            return Kind.BOARD;
        }

        @Override
        public Interactive.Running start(byte[] code, Path directory, Map<String, String> environment)
                throws TargetException {
            prepare();
            ranSinceRestart = true;
            // From here on the board is not at its prompt: whatever runs next enters the raw REPL again.
            needsEnter = true;
            Duration limit = config.acceptTimeout().plus(transferTime(code.length, pacing)).plus(config.replTimeout());
            try (Watchdog.Armed armed = watchdog.arm(repl.link(), limit)) {
                repl.pacing(pacing);
                repl.launch(code, config.acceptTimeout());
            } catch (IOException e) {
                String message = "the board on " + board.port() + " did not take the script: " + e.getMessage();
                if (!(e instanceof RawReplException)) {
                    recoverAfterLoss(message);
                }
                throw new TargetException(message, e);
            }
            return new BoardRunning(repl);
        }
    }

    /**
     * The launched script's output as pyboard.py's {@code readline()} in run-multitests.py cuts it:
     * a line at each line end, and at the first {@code \x04} the end of the output, read with the
     * error text up to the second one.
     */
    private final class BoardRunning implements Interactive.Running {

        /** Bytes one poll takes at most: a board printing without a line end must not hold the caller. */
        private static final int POLL_BUDGET = 4096;

        private final RawRepl running;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final ByteArrayOutputStream error = new ByteArrayOutputStream();
        private boolean inError;
        private boolean finished;

        BoardRunning(RawRepl running) {
            this.running = running;
        }

        @Override
        public Optional<Interactive.Output> poll() throws IOException {
            if (finished) {
                return Optional.empty();
            }
            if (repl != running) {
                throw new IOException("the link to " + board.port() + " was closed");
            }
            try {
                for (int taken = 0; taken < POLL_BUDGET; taken++) {
                    int b = running.pollRunning();
                    if (b == RawRepl.NOTHING) {
                        return Optional.empty();
                    }
                    if (inError) {
                        if (b != 0x04) {
                            error.write(b);
                            continue;
                        }
                        finished = true;
                        if (line.size() == 0 && error.size() == 0) {
                            return Optional.empty();
                        }
                        return Optional.of(new Interactive.Output(Optional.of(take(line)), Optional.of(take(error))));
                    }
                    if (b == 0x04) {
                        inError = true;
                    } else if (b == '\n') {
                        // Real boards end lines with \r\n (the caller strips the \r); the webassembly REPL
                        // on a pty sends bare \n, which pyboard.py would never see as a line end.
                        return Optional.of(Interactive.Output.line(take(line)));
                    } else {
                        line.write(b);
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                recoverAfterLoss("lost the board on " + board.port() + " during a two-board test: " + e.getMessage());
                throw e;
            }
        }

        private static byte[] take(ByteArrayOutputStream bytes) {
            byte[] taken = bytes.toByteArray();
            bytes.reset();
            return taken;
        }

        @Override
        public boolean finished() {
            return finished;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            if (repl != running) {
                throw new IOException("the link to " + board.port() + " was closed");
            }
            running.link().write(bytes);
        }

        @Override
        public void stop() throws IOException {
            if (repl == running) {
                running.link().write(STOP);
            }
        }
    }

    @Override
    public void close() {
        disconnect();
        board.close();
        watchdog.close();
    }

    /** One run of the code on the board, as run-tests.py would hold its result. */
    private record Attempt(byte[] stdout, byte[] stderr, Kind kind, String note) {

        enum Kind { COMPLETED, TIMED_OUT, CRASHED, NOT_ACCEPTED }

        static Attempt of(Outcome outcome) {
            return new Attempt(outcome.stdout(), outcome.stderr(), Kind.COMPLETED, null);
        }

        static Attempt timedOut(Outcome outcome) {
            return new Attempt(outcome.stdout(), outcome.stderr(), Kind.TIMED_OUT, null);
        }

        static Attempt crashed(Outcome outcome, String note) {
            return new Attempt(outcome.stdout(), outcome.stderr(), Kind.CRASHED, note);
        }

        static Attempt lost(byte[] stdout, String note) {
            return new Attempt(stdout, new byte[0], Kind.CRASHED, note);
        }

        /** The link was lost, the framing broke or the board rebooted during the test. */
        boolean lostMidway() {
            return kind == Kind.CRASHED && note != null;
        }

        static Attempt notAccepted(String note) {
            return new Attempt(new byte[0], new byte[0], Kind.NOT_ACCEPTED, note);
        }

        /** What a damaged transfer looks like: not taken, no start marker, or a SyntaxError after fast pacing. */
        boolean suspect(boolean special, boolean atSafePacing) {
            if (kind == Kind.NOT_ACCEPTED) {
                return true;
            }
            if (special && (kind == Kind.TIMED_OUT || kind == Kind.CRASHED && note != null)) {
                // A feature check that met a lost or locked-up board would mark a feature missing
                // for the whole run: once more, on the recovered board.
                return true;
            }
            if (kind != Kind.COMPLETED) {
                return false;
            }
            if (!special && stderr.length == 0 && markerLength(stdout) == 0) {
                return true;
            }
            // Feature checks have no verdict that would catch a damaged transfer later: any traceback counts.
            return !atSafePacing && damagedLooking(special);
        }

        /** A SyntaxError (any traceback of a feature check): what a byte lost on the way looks like. */
        boolean damagedLooking(boolean special) {
            return kind == Kind.COMPLETED && (contains(stderr, "SyntaxError") || special && stderr.length > 0);
        }

        boolean sameAs(Attempt other) {
            return kind == other.kind && Arrays.equals(stdout, other.stdout)
                    && Arrays.equals(stderr, other.stderr);
        }

        /**
         * run-tests.py's reading: a traceback is a crash (output, traceback, {@code CRASH}) unless
         * it is a MemoryError before any output, which means the test is too large for the board;
         * the start marker is removed, and its absence is a crash.
         */
        Execution toExecution(boolean special, Duration duration) {
            byte[] output = concat(stdout, stderr);
            if (note != null) {
                output = concat(output, ("\n" + note + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return switch (kind) {
                case NOT_ACCEPTED -> new Execution(output, Execution.Ending.CRASHED, duration);
                case TIMED_OUT -> new Execution(withoutMarker(output, special), Execution.Ending.TIMED_OUT, duration);
                case CRASHED -> new Execution(withoutMarker(output, special), Execution.Ending.CRASHED, duration);
                case COMPLETED -> completed(special, output, duration);
            };
        }

        private Execution completed(boolean special, byte[] output, Duration duration) {
            if (stderr.length > 0) {
                if (!special && stdout.length == 0 && contains(stderr, "MemoryError")) {
                    return new Execution(SKIP_TOO_LARGE.clone(), Execution.Ending.COMPLETED, duration);
                }
                return new Execution(withoutMarker(output, special), Execution.Ending.CRASHED, duration);
            }
            if (!special && markerLength(output) == 0) {
                return new Execution(output, Execution.Ending.CRASHED, duration);
            }
            return new Execution(withoutMarker(output, special), Execution.Ending.COMPLETED, duration);
        }

        private static byte[] withoutMarker(byte[] output, boolean special) {
            int marker = special ? 0 : markerLength(output);
            return marker == 0 ? output : Arrays.copyOfRange(output, marker, output.length);
        }

        /** The length of the start marker the output begins with, 0 when it does not. */
        private static int markerLength(byte[] output) {
            if (startsWith(output, START_TEST)) {
                return START_TEST.length;
            }
            return startsWith(output, START_TEST_LF) ? START_TEST_LF.length : 0;
        }

        private static boolean startsWith(byte[] bytes, byte[] prefix) {
            return bytes.length >= prefix.length
                    && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
        }

        private static boolean contains(byte[] bytes, String text) {
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            return joined;
        }
    }
}
