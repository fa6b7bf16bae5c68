package dev.mpunit.hardware.board;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.mpunit.hardware.board.Follower.Phase;
import dev.mpunit.hardware.board.Outcome.Ending;
import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.SerialLink;

/**
 * A client for MicroPython's raw REPL over one {@link SerialLink}: enter it, soft-reset, run code
 * (raw-paste mode when the board has it, else paced plain writes) and follow its output, interrupt
 * code that runs too long. One thread uses it at a time. Every wait is bounded; a
 * {@link LinkLostException} from the link propagates as it is.
 *
 * <p>Between calls it remembers where the board is: after {@link Ending#TIMED_OUT} the code may
 * still run and after {@link Ending#REBOOTED} the board sits in the friendly REPL, so {@link #exec}
 * refuses until {@link #interrupt} or {@link #enter} brought it back to the raw prompt.
 */
public final class RawRepl {

    static final byte[] BANNER = Received.ascii("raw REPL; CTRL-B to exit\r\n>");

    private static final byte[] INTERRUPT = Received.ascii("\r\u0003");
    private static final byte[] ENTER = Received.ascii("\r\u0001");
    private static final byte[] CTRL_C = {0x03};
    private static final byte[] CTRL_D = {0x04};
    private static final byte[] RAW_PASTE_REQUEST = Received.ascii("\u0005A\u0001");
    private static final byte[] RAW_PASTE_YES = Received.ascii("R\u0001");
    private static final byte[] RAW_PASTE_NO = Received.ascii("R\u0000");
    private static final byte[] OK = Received.ascii("OK");
    private static final byte[] SOFT_REBOOT = Received.ascii("soft reboot");

    /** Between the two Ctrl-C: a board that was busy printing gets to notice the first one. */
    private static final Duration INTERRUPT_PAUSE = Duration.ofMillis(50);
    /** The line counts as drained after this long without a byte. */
    private static final Duration QUIET = Duration.ofMillis(150);
    /** Draining stops after this even when the board keeps talking (it may ignore Ctrl-C). */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(1);
    /** After a wrong answer, how long to gather more of it for the message. */
    private static final Duration GATHER = Duration.ofMillis(100);

    private enum State { UNKNOWN, PROMPT, RUNNING, FRIENDLY }

    private final SerialLink link;
    private final LinkReader reader;
    private final boolean offerRawPaste;
    private Pacing pacing;
    private Boolean rawPaste;
    private State state = State.UNKNOWN;
    private Phase runningPhase = Phase.STDOUT;

    /**
     * @param offerRawPaste whether to ask the board for raw-paste mode on the first exec
     */
    public RawRepl(SerialLink link, Pacing pacing, boolean offerRawPaste) {
        this.link = Objects.requireNonNull(link, "link");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.offerRawPaste = offerRawPaste;
        this.reader = new LinkReader(link);
    }

    public SerialLink link() {
        return link;
    }

    public Pacing pacing() {
        return pacing;
    }

    /** Sets the pacing for the following plain-mode execs. */
    public void pacing(Pacing pacing) {
        this.pacing = Objects.requireNonNull(pacing, "pacing");
    }

    /** Whether the board takes raw-paste mode; empty until the first exec asked (or when not offered). */
    public Optional<Boolean> rawPasteSupported() {
        return Optional.ofNullable(rawPaste);
    }

    /**
     * Interrupts whatever runs ({@code \r\x03} twice), drops what the board still sends, enters the
     * raw REPL ({@code \r\x01}) and reads up to its banner and prompt. Text before the banner (the
     * friendly prompt, line noise) is ignored.
     *
     * @throws RawReplException when the banner did not come within {@code timeout}
     */
    public void enter(Duration timeout) throws IOException {
        long deadline = LinkReader.deadline(timeout);
        state = State.UNKNOWN;
        link.write(INTERRUPT);
        pause(INTERRUPT_PAUSE);
        link.write(INTERRUPT);
        // Half the time at most, so that a board that keeps talking still gets to show the banner.
        Duration drainLimit = timeout.dividedBy(2).compareTo(DRAIN_LIMIT) < 0 ? timeout.dividedBy(2) : DRAIN_LIMIT;
        reader.discardUntilQuiet(QUIET, LinkReader.deadline(drainLimit));
        link.write(ENTER);
        Received received = new Received();
        if (!reader.readUntil(BANNER, deadline, received)) {
            throw new RawReplException(link.name(), "could not enter the raw REPL within " + timeout.toMillis()
                    + " ms (expected " + RawReplException.escape(BANNER) + ")", received.bytes());
        }
        state = State.PROMPT;
    }

    /**
     * Soft-resets the board from the raw prompt ({@code \x04}): expects {@code OK}, then
     * {@code soft reboot} (boot.py may print around it), then the raw banner and prompt.
     *
     * @throws RawReplException when an answer is wrong or missing within {@code timeout}
     */
    public void softReset(Duration timeout) throws IOException {
        long deadline = LinkReader.deadline(timeout);
        state = State.UNKNOWN;
        link.write(CTRL_D);
        Received received = new Received();
        if (!reader.readExactly(OK.length, deadline, received) || !received.contentEquals(OK)) {
            gather(received, deadline);
            throw new RawReplException(link.name(), "the board did not acknowledge the soft reset (expected OK)",
                    received.bytes());
        }
        if (!reader.readUntil(SOFT_REBOOT, deadline, received) || !reader.readUntil(BANNER, deadline, received)) {
            throw new RawReplException(link.name(), "the board did not come back from the soft reset within "
                    + timeout.toMillis() + " ms (expected soft reboot, then " + RawReplException.escape(BANNER) + ")",
                    received.bytes());
        }
        state = State.PROMPT;
    }

    /**
     * Runs {@code code} at the raw prompt and follows its output. Raw-paste mode when offered and
     * the board has it (asked on the first exec), otherwise plain: the code in {@link #pacing()}
     * chunks, {@code \x04}, then {@code OK}.
     *
     * @param stdoutListener gets stdout bytes as they arrive (live tracing), in order, never the framing
     * @throws RawReplException when the board did not take the code (no {@code OK}, no raw-paste
     *     ack within {@link Timeouts#accept()}) or answered against the protocol
     * @throws IllegalStateException after {@link Ending#TIMED_OUT} or {@link Ending#REBOOTED},
     *     until {@link #interrupt} or {@link #enter} brought the board back to the raw prompt
     */
    public Outcome exec(byte[] code, Timeouts timeouts, Consumer<byte[]> stdoutListener) throws IOException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(timeouts, "timeouts");
        Consumer<byte[]> listener = stdoutListener == null ? bytes -> {} : stdoutListener;
        if (state == State.RUNNING || state == State.FRIENDLY) {
            throw new IllegalStateException(link.name() + ": the board is not at the raw prompt ("
                    + (state == State.RUNNING ? "code may still run" : "it rebooted into the friendly REPL")
                    + "); interrupt or enter the raw REPL first");
        }
        long start = System.nanoTime();
        long overallDeadline = LinkReader.after(start, timeouts.overall());
        state = State.UNKNOWN;
        int window = offerRawPaste && !Boolean.FALSE.equals(rawPaste) ? negotiateRawPaste(timeouts.accept()) : 0;
        if (window > 0) {
            new RawPasteWriter(link, reader).write(code, window, timeouts.accept());
        } else {
            writePaced(code);
            link.write(CTRL_D);
            expectOk(timeouts.accept());
        }
        return follow(new Follower(reader, link.name(), Phase.STDOUT, listener), start, overallDeadline,
                timeouts.inactivity());
    }

    /**
     * Sends {@code code} as {@link #exec} does and returns once the board took it, without
     * following its output (pyboard.py's {@code exec_raw_no_follow}): the caller reads the output
     * with {@link #pollRunning()} while the code runs. The board counts as running until
     * {@link #enter} brought it back.
     *
     * @throws RawReplException when the board did not take the code
     */
    public void launch(byte[] code, Duration accept) throws IOException {
        Objects.requireNonNull(code, "code");
        if (state == State.RUNNING || state == State.FRIENDLY) {
            throw new IllegalStateException(link.name() + ": the board is not at the raw prompt; enter the raw REPL first");
        }
        state = State.UNKNOWN;
        int window = offerRawPaste && !Boolean.FALSE.equals(rawPaste) ? negotiateRawPaste(accept) : 0;
        if (window > 0) {
            new RawPasteWriter(link, reader).write(code, window, accept);
        } else {
            writePaced(code);
            link.write(CTRL_D);
            expectOk(accept);
        }
        state = State.RUNNING;
        runningPhase = Phase.STDOUT;
    }

    /**
     * The next byte the launched code sent (its output, the {@code \x04} framing, the prompt) if
     * one has arrived; {@link #NOTHING} without waiting otherwise.
     */
    public int pollRunning() throws IOException {
        int b = reader.poll();
        return b == LinkReader.TIMED_OUT ? NOTHING : b;
    }

    /** What {@link #pollRunning()} returns when no byte has arrived. */
    public static final int NOTHING = -1;

    /**
     * Interrupts running code ({@code \x03}) after a {@link Ending#TIMED_OUT} exec and follows the
     * rest of its output (usually a KeyboardInterrupt traceback) to the prompt.
     *
     * @return empty when the board did not finish answering within {@code timeout} (locked up:
     *     time for a hard reset); else what arrived after the interrupt, ending
     *     {@link Ending#COMPLETED} or {@link Ending#SOFT_RESET} (or {@link Ending#REBOOTED} when the
     *     board restarted meanwhile)
     */
    public Optional<Outcome> interrupt(Duration timeout) throws IOException {
        long start = System.nanoTime();
        Phase from = state == State.RUNNING ? runningPhase : Phase.STDOUT;
        link.write(CTRL_C);
        Outcome outcome = follow(new Follower(reader, link.name(), from, bytes -> {}), start,
                LinkReader.after(start, timeout), timeout);
        return outcome.ending() == Ending.TIMED_OUT ? Optional.empty() : Optional.of(outcome);
    }

    private Outcome follow(Follower follower, long start, long overallDeadline, Duration inactivity)
            throws IOException {
        state = State.UNKNOWN;
        Ending ending = follower.follow(overallDeadline, inactivity);
        switch (ending) {
            case COMPLETED, SOFT_RESET -> state = State.PROMPT;
            case TIMED_OUT -> {
                state = State.RUNNING;
                runningPhase = follower.phase();
            }
            case REBOOTED -> state = State.FRIENDLY;
        }
        return new Outcome(follower.stdout(), follower.stderr(), ending,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Asks for raw-paste mode. Once a board said no it is not asked again; a board that said yes is
     * asked before every exec, as it leaves raw-paste mode after each piece of code.
     *
     * @return the board's window, or 0 for plain mode
     */
    private int negotiateRawPaste(Duration accept) throws IOException {
        long deadline = LinkReader.deadline(accept);
        link.write(RAW_PASTE_REQUEST);
        Received received = new Received();
        if (!reader.readExactly(2, deadline, received)) {
            throw new RawReplException(link.name(), "no answer to the raw-paste request within " + accept.toMillis()
                    + " ms (expected R\\x01, R\\x00 or the raw REPL banner)", received.bytes());
        }
        if (received.contentEquals(RAW_PASTE_YES)) {
            if (!reader.readExactly(2, deadline, received)) {
                throw new RawReplException(link.name(), "the board did not send its raw-paste window size",
                        received.bytes());
            }
            byte[] answer = received.bytes();
            int window = (answer[2] & 0xff) | (answer[3] & 0xff) << 8;
            if (window == 0) {
                throw new RawReplException(link.name(), "the board offered a raw-paste window of 0 bytes",
                        received.bytes());
            }
            rawPaste = true;
            return window;
        }
        if (received.contentEquals(RAW_PASTE_NO)) {
            rawPaste = false;
            return 0;
        }
        // Firmware before raw-paste (v1.9.2 on the micro:bit) takes \x01 as "enter the raw REPL" and
        // prints exactly its banner again; anything else is noise the protocol does not explain.
        for (int i = 2; i < BANNER.length && received.contentEquals(Arrays.copyOf(BANNER, i)); i++) {
            if (!reader.readExactly(1, deadline, received)) {
                break;
            }
        }
        if (!received.contentEquals(BANNER)) {
            gather(received, deadline);
            throw new RawReplException(link.name(), "the board answered the raw-paste request with neither"
                    + " R\\x01, R\\x00 nor the raw REPL banner", received.bytes());
        }
        rawPaste = false;
        return 0;
    }

    private void writePaced(byte[] code) throws IOException {
        Pacing current = pacing;
        for (long from = 0; from < code.length; from += current.chunkSize()) {
            int to = (int) Math.min(code.length, from + current.chunkSize());
            link.write(from == 0 && to == code.length ? code : Arrays.copyOfRange(code, (int) from, to));
            if (link instanceof PacedLink paced) {
                paced.pausing(current.gap());
            }
            pause(current.gap());
        }
    }

    private void expectOk(Duration accept) throws IOException {
        long deadline = LinkReader.deadline(accept);
        Received received = new Received();
        if (!reader.readExactly(OK.length, deadline, received)) {
            throw new RawReplException(link.name(), "the board did not acknowledge the code within "
                    + accept.toMillis() + " ms (expected OK)", received.bytes());
        }
        if (!received.contentEquals(OK)) {
            gather(received, deadline);
            throw new RawReplException(link.name(), "the board did not acknowledge the code (expected OK)",
                    received.bytes());
        }
    }

    /** Adds what follows a wrong answer for a little while, so the message shows more than two bytes. */
    private void gather(Received received, long deadline) throws IOException {
        long end = LinkReader.deadline(GATHER);
        long until = LinkReader.before(end, deadline) ? end : deadline;
        for (int b = reader.read(until); b != LinkReader.TIMED_OUT; b = reader.read(until)) {
            received.add(b);
        }
    }

    /**
     * A link told each pause of the pacing before it is taken: a simulated UART judges a transfer by
     * the pauses the host meant, not by a clock that a loaded machine stretches (tests).
     */
    interface PacedLink {
        void pausing(Duration gap);
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing writes");
        }
    }
}
