package dev.mpunit.hardware.board;

import java.io.IOException;
import java.time.Duration;

import dev.mpunit.hardware.serial.SerialLink;

/**
 * Reads a link byte by byte against {@link System#nanoTime()} deadlines. The board's answers come
 * split at any byte boundary (a lone {@code \x04}, {@code O} then {@code K}), so nothing above
 * this class looks at how the link cut them; the buffer only saves calls into the link.
 */
final class LinkReader {

    /** What {@link #read} returns when the deadline passed without a byte. */
    static final int TIMED_OUT = -1;

    private final SerialLink link;
    private final byte[] buffer = new byte[4096];
    private int position;
    private int limit;

    LinkReader(SerialLink link) {
        this.link = link;
    }

    /** A deadline {@code duration} from now; saturates so that a huge duration means "never". */
    static long deadline(Duration duration) {
        return after(System.nanoTime(), duration);
    }

    static long after(long start, Duration duration) {
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        long end = start + nanos;
        return nanos > 0 && end < start ? Long.MAX_VALUE : end;
    }

    /** Whether {@code a} comes before {@code b}; nanoTime values only compare by difference. */
    static boolean before(long a, long b) {
        return a - b < 0;
    }

    /**
     * The next byte (0 to 255), or {@link #TIMED_OUT}. A deadline already past still takes what
     * has arrived, so a late caller does not miss bytes that are there.
     */
    int read(long deadline) throws IOException {
        if (position == limit && !fill(deadline)) {
            return TIMED_OUT;
        }
        return buffer[position++] & 0xff;
    }

    /** The next byte if one has arrived, without waiting. */
    int poll() throws IOException {
        return read(System.nanoTime());
    }

    /** Bytes read from the link and not handed out yet: when 0 the next {@link #read} may block. */
    int buffered() {
        return limit - position;
    }

    /** Reads into {@code into} until it ends with {@code ending}; false when the deadline passed first. */
    boolean readUntil(byte[] ending, long deadline, Received into) throws IOException {
        while (!into.endsWith(ending)) {
            int b = read(deadline);
            if (b == TIMED_OUT) {
                return false;
            }
            into.add(b);
        }
        return true;
    }

    /** Reads {@code count} bytes into {@code into}; false when the deadline passed first. */
    boolean readExactly(int count, long deadline, Received into) throws IOException {
        for (int i = 0; i < count; i++) {
            int b = read(deadline);
            if (b == TIMED_OUT) {
                return false;
            }
            into.add(b);
        }
        return true;
    }

    /**
     * Drops what arrives until the line was quiet for {@code quiet} or {@code deadline} passed
     * (a board printing forever never goes quiet).
     */
    void discardUntilQuiet(Duration quiet, long deadline) throws IOException {
        position = limit;
        while (true) {
            long quietEnd = deadline(quiet);
            long until = before(quietEnd, deadline) ? quietEnd : deadline;
            if (read(until) == TIMED_OUT) {
                return;
            }
            position = limit;
            if (!before(System.nanoTime(), deadline)) {
                return;
            }
        }
    }

    /** Takes what the link has, waiting up to the deadline; loops because a link may return early. */
    private boolean fill(long deadline) throws IOException {
        while (true) {
            long remaining = deadline - System.nanoTime();
            int count = link.read(buffer, remaining > 0 ? Duration.ofNanos(remaining) : Duration.ZERO);
            if (count > 0) {
                position = 0;
                limit = count;
                return true;
            }
            if (remaining <= 0 || !before(System.nanoTime(), deadline)) {
                return false;
            }
        }
    }
}
