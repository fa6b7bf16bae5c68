package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An Intel hex file with a string replaced by another of the same length, each changed record's
 * checksum recomputed: another firmware that reports another version, for a simulated testbed.
 */
final class IntelHex {

    private IntelHex() {
    }

    /** One record: its type, the absolute address of its data (data records), its bytes. */
    private record Line(int type, long address, byte[] data, int offset) {
    }

    static void replace(Path hex, String from, String to, Path out) throws IOException {
        byte[] search = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = to.getBytes(StandardCharsets.US_ASCII);
        if (search.length != replacement.length || search.length == 0) {
            throw new IllegalArgumentException("the replacement must be as long as the text it replaces: \"" + from
                    + "\", \"" + to + "\"");
        }
        List<Line> lines = new ArrayList<>();
        long base = 0;
        for (String text : Files.readAllLines(hex, StandardCharsets.US_ASCII)) {
            text = text.strip();
            if (!text.startsWith(":")) {
                continue;
            }
            byte[] record = HexFormat.of().parseHex(text.substring(1));
            int length = record[0] & 0xff;
            int offset = ((record[1] & 0xff) << 8) | (record[2] & 0xff);
            int type = record[3] & 0xff;
            byte[] data = java.util.Arrays.copyOfRange(record, 4, 4 + length);
            if (type == 4) {
                base = (long) (((data[0] & 0xff) << 8) | (data[1] & 0xff)) << 16;
            } else if (type == 2) {
                base = (long) (((data[0] & 0xff) << 8) | (data[1] & 0xff)) << 4;
            }
            lines.add(new Line(type, base + offset, data, offset));
        }
        // The data records in order, as one stream: a string may span records.
        List<Line> data = lines.stream().filter(line -> line.type() == 0).toList();
        int total = data.stream().mapToInt(line -> line.data().length).sum();
        byte[] stream = new byte[total];
        int at = 0;
        for (Line line : data) {
            System.arraycopy(line.data(), 0, stream, at, line.data().length);
            at += line.data().length;
        }
        int found = indexOf(stream, search);
        if (found < 0) {
            throw new IllegalArgumentException(hex + " does not contain \"" + from + "\"");
        }
        System.arraycopy(replacement, 0, stream, found, replacement.length);
        at = 0;
        for (Line line : data) {
            System.arraycopy(stream, at, line.data(), 0, line.data().length);
            at += line.data().length;
        }
        StringBuilder written = new StringBuilder();
        for (Line line : lines) {
            written.append(format(line)).append('\n');
        }
        Files.writeString(out, written, StandardCharsets.US_ASCII);
    }

    private static String format(Line line) {
        byte[] record = new byte[5 + line.data().length];
        record[0] = (byte) line.data().length;
        record[1] = (byte) (line.offset() >> 8);
        record[2] = (byte) line.offset();
        record[3] = (byte) line.type();
        System.arraycopy(line.data(), 0, record, 4, line.data().length);
        int sum = 0;
        for (int i = 0; i < record.length - 1; i++) {
            sum += record[i] & 0xff;
        }
        record[record.length - 1] = (byte) -sum;
        return ":" + HexFormat.of().withUpperCase().formatHex(record);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
