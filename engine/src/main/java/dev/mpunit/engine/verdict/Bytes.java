package dev.mpunit.engine.verdict;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-string operations with the semantics of Python's {@code bytes} methods
 * that run-tests.py uses. Outputs are compared byte for byte upstream, so the
 * verdict code works on bytes and never decodes unless upstream does.
 */
final class Bytes {

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One char per byte (0..255): lets java.util.regex see exactly the bytes Python's bytes regexes see. */
    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** {@code bytes.replace(old, new)}: left to right, non-overlapping. */
    static byte[] replace(byte[] data, byte[] old, byte[] replacement) {
        int i = indexOf(data, old, 0);
        if (i < 0) {
            return data;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int from = 0;
        while (i >= 0) {
            out.write(data, from, i - from);
            out.write(replacement, 0, replacement.length);
            from = i + old.length;
            i = indexOf(data, old, from);
        }
        out.write(data, from, data.length - from);
        return out.toByteArray();
    }

    static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean contains(byte[] data, byte[] needle) {
        return indexOf(data, needle, 0) >= 0;
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    static boolean endsWith(byte[] data, byte[] suffix) {
        return data.length >= suffix.length
                && Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /**
     * {@code bytes.splitlines()}: breaks at {@code \n}, {@code \r} and {@code \r\n}
     * (bytes know no other line boundaries), drops the breaks, and a trailing
     * break does not start an empty last line.
     */
    static List<byte[]> splitlines(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < data.length) {
            byte c = data[i];
            if (c == '\n' || c == '\r') {
                lines.add(Arrays.copyOfRange(data, start, i));
                i += (c == '\r' && i + 1 < data.length && data[i + 1] == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        return lines;
    }

    /** {@code data.split(b"\n")}: always at least one element, empty pieces kept. */
    static List<byte[]> splitOnNewline(byte[] data) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                parts.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        parts.add(Arrays.copyOfRange(data, start, data.length));
        return parts;
    }

    /** {@code f.readlines()} on a binary file: split after each {@code \n}, keeping it. */
    static List<byte[]> readlines(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(Arrays.copyOfRange(data, start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        return lines;
    }

    static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /**
     * A short, readable rendering of bytes for messages: UTF-8 where it decodes, control
     * characters and undecodable bytes escaped the way Python's repr would, cut after {@code max}
     * characters.
     */
    static String show(byte[] b, int max) {
        return Printable.quoted(b, max);
    }
}
