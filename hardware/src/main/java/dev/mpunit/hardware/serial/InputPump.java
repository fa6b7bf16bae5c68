package dev.mpunit.hardware.serial;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on its own thread into a queue, so that a read can wait with a timeout: a
 * process's stdout offers no read with a timeout, and a blocked read cannot be interrupted.
 */
final class InputPump {

    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private int offset;
    private boolean ended;

    private InputPump() {}

    static InputPump start(InputStream in, String threadName) {
        InputPump pump = new InputPump();
        StreamPump.start(in, threadName, pump::received, pump::ended);
        return pump;
    }

    private synchronized void received(byte[] buffer, int length) {
        chunks.addLast(Arrays.copyOf(buffer, length));
        notifyAll();
    }

    private synchronized void ended() {
        ended = true;
        notifyAll();
    }

    /**
     * @return the number of bytes copied into {@code buffer}, 0 when none arrived within
     *     {@code timeout}, -1 when the stream ended and everything before its end was read
     */
    synchronized int read(byte[] buffer, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (chunks.isEmpty() && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (chunks.isEmpty()) {
            return -1;
        }
        int n = 0;
        while (n < buffer.length && !chunks.isEmpty()) {
            byte[] chunk = chunks.peekFirst();
            int k = Math.min(chunk.length - offset, buffer.length - n);
            System.arraycopy(chunk, offset, buffer, n, k);
            n += k;
            offset += k;
            if (offset == chunk.length) {
                chunks.removeFirst();
                offset = 0;
            }
        }
        return n;
    }
}
