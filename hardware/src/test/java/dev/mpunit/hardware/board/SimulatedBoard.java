package dev.mpunit.hardware.board;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.hardware.serial.LinkLostException;
import dev.mpunit.hardware.serial.SerialLink;

/**
 * A board that speaks the plain raw REPL (no raw-paste, like MicroPython v1.9.2) and "runs" code
 * by looking for markers in it, so BoardTarget's run-tests.py semantics and recovery can be tested
 * without an emulator:
 * <ul>
 *   <li>{@code #out:<text>} prints the text (after the START TEST marker the code printed);
 *   <li>{@code #raise:<Error>} ends with a traceback of that error; {@code #compile-memoryerror}
 *       fails before printing anything;
 *   <li>{@code #hang} never ends but answers Ctrl-C; {@code #echo} too, and answers each line it
 *       is sent while it runs with {@code got <line>} (a script reading its input); {@code #lockup} answers nothing any more until
 *       a hard reset; {@code #die} loses the link in the middle of the test;
 *   <li>{@code #exit} prints and soft-resets (SystemExit); {@code #reboot} reboots mid-test;
 *   <li>code with an odd number of {@code '} is a SyntaxError (a lost byte); the pacing probe
 *       ({@code s='…'} and its checksum) is answered with what arrived.
 * </ul>
 * It can lose bytes that come too fast ({@link #loseBytesAfter}, {@link #loseBytesFasterThan}).
 * A board can also be dead for good ({@link #dead()}, even a hard reset does not help), count its hard resets, and drop every
 * byte of a chunk larger than {@code maxChunk} (a UART that loses input).
 */
final class SimulatedBoard implements Board {

    private static final Pattern PROBE = Pattern.compile(
            "s='([^']*)'\nprint\\(len\\(s\\), sum\\(ord\\(c\\) for c in s\\)\\)\n", Pattern.DOTALL);
    private static final String BANNER = "raw REPL; CTRL-B to exit\r\n>";
    private final BoardTraits traits;
    private final boolean canHardReset;
    private volatile int maxChunk;
    private volatile Duration minGap = Duration.ZERO;
    /** Code transfers the board has run so far; the one arriving now has this index. */
    private final AtomicInteger transfers = new AtomicInteger();
    private volatile int loadedTransfer = -1;
    private volatile Duration loadedMinGap = Duration.ZERO;
    private volatile boolean stopsReading;
    private final AtomicInteger hardResets = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private final List<String> executed = new ArrayList<>();
    private volatile boolean dead;
    private volatile boolean lockedUp;
    private Link link;

    SimulatedBoard(boolean canHardReset, int maxChunk) {
        this.traits = new BoardTraits(Pacing.of(16, Duration.ZERO), true, false, Duration.ofSeconds(1));
        this.canHardReset = canHardReset;
        this.maxChunk = maxChunk;
    }

    SimulatedBoard dead() {
        dead = true;
        return this;
    }

    /** From now on, bursts longer than this lose their tail. */
    void loseBytesAfter(int maxChunk) {
        this.maxChunk = maxChunk;
    }

    /** From now on, code that reaches the board stops it reading: the host's next write blocks for good. */
    void stopReadingAfterCode() {
        stopsReading = true;
    }

    /**
     * From now on, a write of code that follows the previous one after a pause of the pacing shorter
     * than this loses its first byte. The pauses are the ones the host announces
     * ({@link RawRepl.PacedLink}), not measured: a loaded machine that stretches them changes nothing.
     */
    void loseBytesFasterThan(Duration minGap) {
        this.minGap = minGap;
    }

    /**
     * A load that comes and goes: only during the {@code n}-th code transfer from now (1: the next
     * one), a write after a pause shorter than {@code minGap} loses its first byte.
     */
    void loadDuringTransfer(int n, Duration minGap) {
        loadedTransfer = transfers.get() + n - 1;
        loadedMinGap = minGap;
    }

    int hardResets() {
        return hardResets.get();
    }

    int connects() {
        return connects.get();
    }

    synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    @Override
    public String port() {
        return "/dev/simulated";
    }

    @Override
    public BoardTraits traits() {
        return traits;
    }

    @Override
    public synchronized SerialLink connect() throws IOException {
        connects.incrementAndGet();
        if (link != null && !link.closed) {
            throw new IOException("/dev/simulated is busy (a link is still open)");
        }
        link = new Link();
        return link;
    }

    @Override
    public boolean canHardReset() {
        return canHardReset;
    }

    @Override
    public synchronized void hardReset() {
        if (!canHardReset) {
            throw new UnsupportedOperationException("no hard reset");
        }
        hardResets.incrementAndGet();
        lockedUp = false;
        if (link != null) {
            link.lost = true;
        }
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
        }
    }

    private synchronized void ran(String code) {
        transfers.incrementAndGet();
        executed.add(code);
    }

    /** The board's side of the line: answers as each byte arrives. */
    private final class Link implements SerialLink, RawRepl.PacedLink {

        private final LinkedBlockingQueue<Byte> toHost = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream code = new ByteArrayOutputStream();
        private volatile boolean closed;
        private volatile boolean lost;
        private boolean raw;
        private boolean running;
        private boolean echo;
        private final ByteArrayOutputStream input = new ByteArrayOutputStream();
        /** Pauses announced since the last code write; null after a control byte or before any code. */
        private Duration gapSinceCode;

        @Override
        public String name() {
            return "/dev/simulated";
        }

        @Override
        public synchronized void write(byte[] bytes) throws IOException {
            if (lost) {
                throw new LinkLostException("/dev/simulated: the board is gone");
            }
            if (dead || lockedUp) {
                return;
            }
            if (stopsReading && raw && bytes.length > 0 && bytes[0] > 5) {
                // Like a full pipe or a USB device that stopped taking data: blocks until closed.
                while (!closed && !lost) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                throw new LinkLostException("/dev/simulated: closed while writing");
            }
            boolean control = bytes.length > 0 && bytes[0] >= 1 && bytes[0] <= 5;
            Duration threshold = transfers.get() == loadedTransfer && loadedMinGap.compareTo(minGap) > 0
                    ? loadedMinGap : minGap;
            boolean early = gapSinceCode != null && gapSinceCode.compareTo(threshold) < 0;
            // Only code chunks following code chunks race each other; a control byte starts afresh.
            gapSinceCode = control ? null : Duration.ZERO;
            if (early && raw && !control) {
                // The UART was still busy with the previous chunk.
                bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            if (bytes.length > maxChunk) {
                // Like a UART whose receive buffer overflows: a burst loses its tail.
                bytes = Arrays.copyOf(bytes, maxChunk);
            }
            for (byte b : bytes) {
                receive(b);
            }
        }

        private void receive(byte b) {
            if (running) {
                if (echo && b != 3) {
                    if (b == '\n') {
                        answer("got " + input.toString(StandardCharsets.UTF_8).strip() + "\r\n");
                        input.reset();
                    } else {
                        input.write(b);
                    }
                    return;
                }
                if (b == 3) {
                    running = false;
                    echo = false;
                    answer("\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\n"
                            + "KeyboardInterrupt: \r\n\u0004>");
                }
                return;
            }
            if (!raw) {
                if (b == 3) {
                    answer("\r\n>>> ");
                } else if (b == 1) {
                    raw = true;
                    code.reset();
                    answer("\r\n" + BANNER);
                }
                return;
            }
            switch (b) {
                case 1 -> {
                    // In the raw REPL, Ctrl-A starts it over: the banner alone (v1.9.2 answers raw-paste so).
                    code.reset();
                    answer(BANNER);
                }
                case 2 -> {
                    raw = false;
                    answer("\r\n>>> ");
                }
                case 3 -> code.reset();
                case 4 -> {
                    if (code.size() == 0) {
                        answer("OK\r\nsoft reboot\r\n" + BANNER);
                    } else {
                        String text = code.toString(StandardCharsets.UTF_8);
                        code.reset();
                        answer("OK");
                        run(text);
                    }
                }
                case 5 -> {
                    // Old firmware: no raw-paste; the following Ctrl-A re-prints the banner.
                }
                default -> code.write(b);
            }
        }

        private void run(String text) {
            ran(text);
            if (text.chars().filter(c -> c == '\'').count() % 2 != 0) {
                // What a lost byte usually turns into on a real board.
                answer("\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\n"
                        + "SyntaxError: invalid syntax\r\n\u0004>");
                return;
            }
            Matcher probe = PROBE.matcher(text);
            if (probe.matches()) {
                String s = probe.group(1);
                answer(s.length() + " " + s.chars().sum() + "\r\n\u0004\u0004>");
                return;
            }
            if (text.contains("#compile-memoryerror")) {
                answer("\u0004Traceback (most recent call last):\r\nMemoryError: \r\n\u0004>");
                return;
            }
            StringBuilder out = new StringBuilder();
            if (text.startsWith("print('START TEST')")) {
                out.append("START TEST\r\n");
            }
            for (String line : text.split("\n")) {
                int at = line.indexOf("#out:");
                if (at >= 0) {
                    out.append(line.substring(at + 5)).append("\r\n");
                }
            }
            if (text.contains("#die")) {
                answer(out.toString());
                lost = true;
                return;
            }
            if (text.contains("#echo")) {
                answer(out.toString());
                running = true;
                echo = true;
                return;
            }
            if (text.contains("#hang")) {
                answer(out.toString());
                running = true;
                return;
            }
            if (text.contains("#lockup")) {
                answer(out.toString());
                lockedUp = true;
                return;
            }
            if (text.contains("#reboot")) {
                raw = false;
                answer(out + "\u0000MicroPython v1.9.2 on 2017-09-01; simulated\r\nType \"help()\" for more "
                        + "information.\r\n>>> ");
                return;
            }
            int raise = text.indexOf("#raise:");
            String error = raise < 0 ? "" : "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in "
                    + "<module>\r\n" + text.substring(raise + 7).split("\n")[0] + ": \r\n";
            if (text.contains("#exit")) {
                answer(out + "\u0004\u0004soft reboot\r\n" + BANNER);
                return;
            }
            answer(out + "\u0004" + error + "\u0004>");
        }

        private void answer(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                toHost.add(b);
            }
        }

        @Override
        public synchronized void pausing(Duration gap) {
            if (gapSinceCode != null) {
                gapSinceCode = gapSinceCode.plus(gap);
            }
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws IOException {
            if (closed) {
                throw new LinkLostException("/dev/simulated: closed");
            }
            try {
                Byte first = toHost.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (first == null) {
                    if (lost) {
                        throw new LinkLostException("/dev/simulated: the board is gone");
                    }
                    return 0;
                }
                buffer[0] = first;
                int n = 1;
                Byte next;
                while (n < buffer.length && (next = toHost.poll()) != null) {
                    buffer[n++] = next;
                }
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
