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

    /** One record: its type, its data and the address field it was written with. */
    private record Line(int type, byte[] data, int offset) {
    }

    /** The NUL-terminated text around the first {@code containing} in the hex's data. */
    static String text(Path hex, String containing) throws IOException {
        byte[] stream = stream(read(hex));
        int found = indexOf(stream, containing.getBytes(StandardCharsets.US_ASCII));
        if (found < 0) {
            throw new IllegalArgumentException(hex + " does not contain \"" + containing + "\"");
        }
        int start = found;
        while (start > 0 && stream[start - 1] != 0) {
            start--;
        }
        int end = found;
        while (end < stream.length && stream[end] != 0) {
            end++;
        }
        return new String(stream, start, end - start, StandardCharsets.US_ASCII);
    }

    static void replace(Path hex, String from, String to, Path out) throws IOException {
        byte[] search = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = to.getBytes(StandardCharsets.US_ASCII);
        if (search.length != replacement.length || search.length == 0) {
            throw new IllegalArgumentException("the replacement must be as long as the text it replaces: \"" + from
                    + "\", \"" + to + "\"");
        }
        List<Line> lines = read(hex);
        byte[] stream = stream(lines);
        int found = indexOf(stream, search);
        if (found < 0) {
            throw new IllegalArgumentException(hex + " does not contain \"" + from + "\"");
        }
        System.arraycopy(replacement, 0, stream, found, replacement.length);
        int at = 0;
        for (Line line : lines.stream().filter(line -> line.type() == 0).toList()) {
            System.arraycopy(stream, at, line.data(), 0, line.data().length);
            at += line.data().length;
        }
        StringBuilder written = new StringBuilder();
        for (Line line : lines) {
            written.append(format(line)).append('\n');
        }
        Files.writeString(out, written, StandardCharsets.US_ASCII);
    }

    private static List<Line> read(Path hex) throws IOException {
        List<Line> lines = new ArrayList<>();
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
            lines.add(new Line(type, data, offset));
        }
        return lines;
    }

    /** The data records' bytes in order, as one stream: a string may span records. */
    private static byte[] stream(List<Line> lines) {
        List<Line> data = lines.stream().filter(line -> line.type() == 0).toList();
        byte[] stream = new byte[data.stream().mapToInt(line -> line.data().length).sum()];
        int at = 0;
        for (Line line : data) {
            System.arraycopy(line.data(), 0, stream, at, line.data().length);
            at += line.data().length;
        }
        return stream;
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
