package dev.mpunit.hardware.serial;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a process's stream on a daemon thread until it ends, handing on each chunk: a pipe offers
 * no read with a timeout and a blocked read cannot be interrupted, and a pipe nobody reads stops
 * its process once the buffer is full. What is kept of the bytes is up to the receiver.
 */
public final class StreamPump {

    /** Takes a chunk on the pump's thread. */
    @FunctionalInterface
    public interface Receiver {
        /** @param buffer reused for the next chunk: copy what is to be kept */
        void received(byte[] buffer, int length);
    }

    private static final int CHUNK = 4096;

    private StreamPump() {}

    /**
     * Starts the thread; it closes {@code in} at its end and runs {@code ended} last, also when the
     * stream broke (the process was killed or the stream closed), as that is its end too.
     */
    public static void start(InputStream in, String threadName, Receiver receiver, Runnable ended) {
        Thread thread = new Thread(() -> run(in, receiver, ended), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(InputStream in, Receiver receiver, Runnable ended) {
        byte[] buffer = new byte[CHUNK];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    receiver.received(buffer, n);
                }
            }
        } catch (IOException e) {
            // A broken pipe ends the stream like EOF does: what was read is all there is.
        } finally {
            ended.run();
        }
    }
}
