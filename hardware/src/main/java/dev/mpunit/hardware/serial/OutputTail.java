package dev.mpunit.hardware.serial;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains a process's stderr (or merged output) on its own thread, so that the process never
 * blocks on a full pipe, and keeps its last bytes for messages. A process whose output nobody reads
 * stops when the pipe buffer is full, which looks like a hung board.
 */
final class OutputTail {

    private static final int KEEP = 4096;

    private final byte[] ring = new byte[KEEP];
    private long written;
    private boolean ended;

    private OutputTail() {}

    static OutputTail start(InputStream in, String threadName) {
        OutputTail tail = new OutputTail();
        StreamPump.start(in, threadName, tail::received, tail::ended);
        return tail;
    }

    private synchronized void received(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % KEEP)] = buffer[i];
        }
        notifyAll();
    }

    private synchronized void ended() {
        ended = true;
        notifyAll();
    }

    /** The last bytes as text, trimmed; at most {@value #KEEP} bytes. */
    synchronized String text() {
        int size = (int) Math.min(written, KEEP);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = ring[(int) ((written - size + i) % KEEP)];
        }
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    /**
     * Waits until the kept text contains a match of {@code pattern}, the stream ends, or the time is up.
     *
     * @return the match, or null when the stream ended or the time ran out without one
     */
    synchronized String awaitMatch(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(text());
            if (matcher.find()) {
                return matcher.group();
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits a little for the last bytes after the process ended, so that messages have them. */
    synchronized void awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
