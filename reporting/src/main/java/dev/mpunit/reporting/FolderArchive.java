package dev.mpunit.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A results folder as the tar.gz the results server takes: its regular files, with paths relative
 * to the folder ({@code context.json}, {@code RUN-TESTS_STANDARD@webassembly/_results.json}), in
 * name order. Written here rather than with a tar library: the listener ships in every test class
 * path that keeps a results folder, and it needs only files and long names of POSIX tar.
 *
 * <p>POSIX ustar headers; a name over 100 bytes or beyond ASCII gets a pax {@code path} record
 * before it (pax, POSIX.1-2001, is what every reader of the last twenty years understands). Links,
 * devices and empty folders are left out: the server refuses links, and a results folder has none.
 * The same folder always gives the same bytes (sorted names, file times, a gzip header without a
 * time), so the server recognises a second push of it.
 */
final class FolderArchive {

    private static final int BLOCK = 512;
    private static final long MAX_SIZE = 077777777777L;

    private FolderArchive() {
    }

    static byte[] tarGz(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            for (Path file : files(folder)) {
                String name = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                entry(gzip, name, file);
            }
            gzip.write(new byte[2 * BLOCK]);
        }
        return bytes.toByteArray();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private static void entry(OutputStream out, String name, Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        long mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
        byte[] encodedName = name.getBytes(StandardCharsets.UTF_8);
        boolean plain = encodedName.length <= 100 && encodedName.length == name.length();
        if (!plain) {
            byte[] record = paxRecord("path", name);
            out.write(header("PaxHeaders/" + shortName(name), record.length, mtime, 'x'));
            body(out, record);
        }
        out.write(header(plain ? name : shortName(name), content.length, mtime, '0'));
        body(out, content);
    }

    /** A stand-in for readers without pax: the name's end, in printable ASCII. */
    private static String shortName(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_");
        return ascii.length() <= 88 ? ascii : ascii.substring(ascii.length() - 88);
    }

    /** {@code "<length> <key>=<value>\n"}, where the length counts its own digits. */
    private static byte[] paxRecord(String key, String value) {
        int rest = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = rest + String.valueOf(rest).length();
        if (String.valueOf(length).length() != String.valueOf(rest).length()) {
            length++;
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String name, long size, long mtime, char type) throws IOException {
        if (size > MAX_SIZE) {
            throw new IOException(name + " is over 8 GiB: too large for a results archive");
        }
        byte[] header = new byte[BLOCK];
        put(header, 0, 100, name.getBytes(StandardCharsets.US_ASCII));
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, Math.max(0, mtime));
        header[156] = (byte) type;
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        // The checksum is computed with its own field as spaces, then written as six digits, NUL, space.
        put(header, 148, 8, "        ".getBytes(StandardCharsets.US_ASCII));
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, 8, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII));
        return header;
    }

    private static void body(OutputStream out, byte[] content) throws IOException {
        out.write(content);
        int padding = (BLOCK - content.length % BLOCK) % BLOCK;
        out.write(new byte[padding]);
    }

    /** Zero-padded octal digits filling the field but its last byte, which stays NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        put(header, offset, length, digits.getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
    }
}
