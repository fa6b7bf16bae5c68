package dev.mpunit.hardware.board;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import dev.mpunit.hardware.board.Outcome.Ending;

/**
 * Follows what running code sends in the raw REPL: stdout up to {@code \x04}, the error text up to
 * {@code \x04}, then the prompt {@code >} (or, after SystemExit, {@code soft reboot} and the raw
 * banner). Starts at any phase, so that after an interrupt the follow goes on where the timed-out
 * one stopped.
 */
final class Follower {

    enum Phase { STDOUT, STDERR, PROMPT }

    /** How long the line must stay quiet after a boot banner before it counts as a reboot. */
    static final Duration REBOOT_QUIET = Duration.ofMillis(150);

    private static final int EOF = 0x04;
    private static final byte[] SOFT_REBOOT = Received.ascii("soft reboot");

    private final LinkReader reader;
    private final Consumer<byte[]> stdoutListener;
    private final String linkName;
    private final CappedOutput stdout = new CappedOutput(CappedOutput.DEFAULT_CAP);
    private final CappedOutput stderr = new CappedOutput(CappedOutput.DEFAULT_CAP);
    private final ByteArrayOutputStream unreported = new ByteArrayOutputStream();
    private final BootBannerWatch bootBanner = new BootBannerWatch();
    private final Received afterOutput = new Received(4096);
    private boolean softReboot;
    private Phase phase;

    Follower(LinkReader reader, String linkName, Phase phase, Consumer<byte[]> stdoutListener) {
        this.reader = reader;
        this.linkName = linkName;
        this.phase = phase;
        this.stdoutListener = stdoutListener;
    }

    /**
     * Follows until the end or a timeout.
     *
     * @return the ending; {@link Ending#TIMED_OUT} when {@code overallDeadline} passed or the line
     *     was silent for {@code inactivity}, then {@link #phase()} tells where it stopped
     * @throws RawReplException when the board sent neither {@code >} nor a soft reset after the output
     */
    Ending follow(long overallDeadline, Duration inactivity) throws IOException {
        try {
            return followUnreported(overallDeadline, inactivity);
        } finally {
            report();
        }
    }

    private Ending followUnreported(long overallDeadline, Duration inactivity) throws IOException {
        long lastByte = System.nanoTime();
        long bannerSeen = 0;
        boolean banner = false;
        while (true) {
            long deadline = earlier(overallDeadline, LinkReader.after(lastByte, inactivity));
            if (banner) {
                deadline = earlier(deadline, LinkReader.after(bannerSeen, REBOOT_QUIET));
            }
            if (reader.buffered() == 0) {
                report();
            }
            int b = reader.read(deadline);
            long now = System.nanoTime();
            if (b == LinkReader.TIMED_OUT) {
                if (banner && !LinkReader.before(now, LinkReader.after(bannerSeen, REBOOT_QUIET))) {
                    return Ending.REBOOTED;
                }
                if (!LinkReader.before(now, overallDeadline)
                        || !LinkReader.before(now, LinkReader.after(lastByte, inactivity))) {
                    return Ending.TIMED_OUT;
                }
                continue;
            }
            lastByte = now;
            Ending ending = take(b);
            if (ending != null) {
                return ending;
            }
            banner = bootBanner.add(b);
            bannerSeen = now;
        }
    }

    private Ending take(int b) throws RawReplException {
        switch (phase) {
            case STDOUT -> {
                if (b == EOF) {
                    report();
                    phase = Phase.STDERR;
                } else {
                    stdout.add(b);
                    unreported.write(b);
                }
            }
            case STDERR -> {
                if (b == EOF) {
                    phase = Phase.PROMPT;
                } else {
                    stderr.add(b);
                }
            }
            case PROMPT -> {
                return afterOutput(b);
            }
        }
        return null;
    }

    /** After the second {@code \x04}: {@code >} at once, or a soft reset that ends in the raw banner. */
    private Ending afterOutput(int b) throws RawReplException {
        afterOutput.add(b);
        if (b == '>' && afterOutput.total() == 1) {
            return Ending.COMPLETED;
        }
        softReboot |= afterOutput.endsWith(SOFT_REBOOT);
        if (afterOutput.endsWith(RawRepl.BANNER)) {
            if (softReboot) {
                return Ending.SOFT_RESET;
            }
            throw new RawReplException(linkName,
                    "after the code's output the board sent the raw REPL banner without a soft reboot"
                            + " (expected > or soft reboot)", afterOutput.bytes());
        }
        return null;
    }

    private void report() {
        if (unreported.size() > 0) {
            byte[] bytes = unreported.toByteArray();
            unreported.reset();
            stdoutListener.accept(bytes);
        }
    }

    private static long earlier(long a, long b) {
        return LinkReader.before(a, b) ? a : b;
    }

    /** Where the follow is: after a timeout, where it stopped. */
    Phase phase() {
        return phase;
    }

    byte[] stdout() {
        return stdout.bytes();
    }

    byte[] stderr() {
        return stderr.bytes();
    }
}
