package dev.mpunit.engine.verdict;

import java.nio.charset.StandardCharsets;

/** Small helpers for writing byte expectations readably. */
final class TestBytes {

    private TestBytes() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
