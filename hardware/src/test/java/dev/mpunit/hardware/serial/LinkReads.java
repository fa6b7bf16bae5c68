package dev.mpunit.hardware.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reading a link in tests until some text arrived; public for the tests of other packages. */
public final class LinkReads {

    private LinkReads() {}

    /** Everything read until {@code expected} appeared or {@code limit} passed. */
    public static String until(SerialLink link, String expected, Duration limit) throws IOException {
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + limit.toNanos();
        byte[] buffer = new byte[256];
        while (!text.toString().contains(expected) && System.nanoTime() < deadline) {
            int n = link.read(buffer, Duration.ofMillis(100));
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }
}
