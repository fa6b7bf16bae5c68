package dev.mpunit.hardware.board;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes one protocol step received, for matching its ending and for the exception when it
 * fails. Keeps only the last {@code capacity} bytes: a board that prints forever while the host
 * waits for a banner must not fill the heap, and matching needs only the tail.
 */
final class Received {

    private final byte[] bytes;
    private int length;
    private long total;

    Received(int capacity) {
        bytes = new byte[capacity];
    }

    /** Enough for any banner the protocol waits for plus the garbage a human wants to see. */
    Received() {
        this(16 * 1024);
    }

    void add(int b) {
        if (length == bytes.length) {
            int keep = bytes.length / 2;
            System.arraycopy(bytes, length - keep, bytes, 0, keep);
            length = keep;
        }
        bytes[length++] = (byte) b;
        total++;
    }

    /** How many bytes arrived, including those no longer kept. */
    long total() {
        return total;
    }

    int length() {
        return length;
    }

    boolean endsWith(byte[] ending) {
        if (length < ending.length) {
            return false;
        }
        return Arrays.equals(bytes, length - ending.length, length, ending, 0, ending.length);
    }

    /** Whether exactly {@code other} arrived, nothing dropped. */
    boolean contentEquals(byte[] other) {
        return total == length && Arrays.equals(bytes, 0, length, other, 0, other.length);
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
