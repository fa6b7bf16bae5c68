package dev.mpunit.hardware.board;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Output kept for an {@link Outcome}: the first {@code cap} bytes, then only a count. A test that
 * prints forever is followed until its timeout, but what is kept stays bounded.
 */
final class CappedOutput {

    static final int DEFAULT_CAP = 1024 * 1024;

    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long leftOut;

    CappedOutput(int cap) {
        this.cap = cap;
    }

    void add(int b) {
        if (kept.size() < cap) {
            kept.write(b);
        } else {
            leftOut++;
        }
    }

    /** What was kept, with a note at the end when something was left out. */
    byte[] bytes() {
        if (leftOut == 0) {
            return kept.toByteArray();
        }
        ByteArrayOutputStream withNote = new ByteArrayOutputStream(kept.size() + 80);
        withNote.writeBytes(kept.toByteArray());
        withNote.writeBytes(("\r\n[mpunit: " + leftOut + " more bytes of output were left out after the first "
                + cap + "]\r\n").getBytes(StandardCharsets.US_ASCII));
        return withNote.toByteArray();
    }
}
