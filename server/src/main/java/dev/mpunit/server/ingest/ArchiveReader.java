package dev.mpunit.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a tar.gz wholly into memory, checking every entry before anything is parsed: nothing is ever
 * written to disk under an entry's name, so an entry cannot leave its folder, and the limits stop a
 * gzip bomb while it is being unpacked, not after.
 */
final class ArchiveReader {

    private static final int BUFFER = 64 * 1024;

    private ArchiveReader() {
    }

    /** Whether the body starts as gzip does. */
    static boolean gzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    static UploadFolder read(byte[] body, UploadLimits limits) throws UploadRejected {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] buffer = new byte[BUFFER];
        long unpacked = 0;
        int entries = 0;
        try (InputStream gzip = new GzipCompressorInputStream(new ByteArrayInputStream(body), true);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxFiles()) {
                    throw overLimit("more than " + limits.maxFiles() + " entries (--max-files)");
                }
                String path = checkedPath(entry);
                if (entry.isDirectory()) {
                    continue;
                }
                if (entry.getSize() > limits.maxFileBytes()) {
                    throw overLimit(entry.getName() + " has " + entry.getSize() + " bytes, one file may have at most "
                            + limits.maxFileBytes());
                }
                byte[] content = readEntry(tar, entry, limits, unpacked, buffer);
                unpacked += content.length;
                if (files.put(path, content) != null) {
                    throw new UploadRejected(400, "archive holds " + path + " twice: pack each file once");
                }
            }
            // The rest of the gzip stream (the tar's end blocks, the gzip trailer with its CRC) is read too,
            // so a body cut short after the last entry is still noticed; it counts towards the limit.
            int n;
            while ((n = gzip.read(buffer)) >= 0) {
                unpacked += n;
                if (unpacked > limits.maxUnpackedBytes()) {
                    throw overLimit("more than " + limits.maxUnpackedBytes() + " bytes unpacked");
                }
            }
        } catch (UploadRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UploadRejected(400, "truncated or corrupt archive: " + why(e)
                    + "; send the whole tar.gz of the results folder (tar czf <name>.tar.gz -C <folder> .)", e);
        }
        if (files.isEmpty()) {
            throw new UploadRejected(400, "the archive holds no files: send the tar.gz of a results folder");
        }
        return UploadFolder.of(stripCommonFolder(files));
    }

    /** The entry's bytes, counted against the limits as they come: its header's size may lie. */
    private static byte[] readEntry(InputStream tar, TarArchiveEntry entry, UploadLimits limits, long unpackedBefore,
            byte[] buffer) throws IOException, UploadRejected {
        String name = entry.getName();
        ByteArrayOutputStream content = new ByteArrayOutputStream((int) Math.max(0, Math.min(entry.getSize(), BUFFER)));
        int n;
        while ((n = tar.read(buffer)) >= 0) {
            content.write(buffer, 0, n);
            if (content.size() > limits.maxFileBytes()) {
                throw overLimit(name + " has more than " + limits.maxFileBytes() + " bytes unpacked");
            }
            if (unpackedBefore + content.size() > limits.maxUnpackedBytes()) {
                throw overLimit("more than " + limits.maxUnpackedBytes() + " bytes unpacked");
            }
        }
        return content.toByteArray();
    }

    /** The entry's path with {@code ./} and empty segments dropped, or why it is refused. */
    private static String checkedPath(TarArchiveEntry entry) throws UploadRejected {
        String name = entry.getName();
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw new UploadRejected(400, "archive entry is a link: " + name + " (to " + entry.getLinkName()
                    + "); pack the files themselves (tar without -h keeps links: use tar -h or copy them)");
        }
        // isFile() says yes to any type it does not know, FIFOs and devices included: ask for those first.
        if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice() || (!entry.isFile() && !entry.isDirectory())) {
            throw new UploadRejected(400, "archive entry is neither a file nor a folder: " + name
                    + " (a device, a FIFO or another special file); pack only files and folders");
        }
        if (name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new UploadRejected(400, "archive entry leaves its folder: " + name.replace("\0", "\\0")
                    + " (a backslash or NUL in its name)");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UploadRejected(400, "archive entry leaves its folder: " + name
                    + " (an absolute name); pack the folder with relative names (tar czf x.tar.gz -C <folder> .)");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UploadRejected(400, "archive entry leaves its folder: " + name + " (a .. segment)");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** A tar of the folder itself ({@code 20261206-020000/context.json}) reads as a tar of its contents. */
    private static Map<String, byte[]> stripCommonFolder(Map<String, byte[]> files) {
        String common = null;
        for (String path : files.keySet()) {
            int slash = path.indexOf('/');
            if (slash < 0) {
                return files;
            }
            String top = path.substring(0, slash);
            if (common == null) {
                common = top;
            } else if (!common.equals(top)) {
                return files;
            }
        }
        Map<String, byte[]> stripped = new LinkedHashMap<>();
        int cut = common.length() + 1;
        files.forEach((path, content) -> stripped.put(path.substring(cut), content));
        return stripped;
    }

    private static String why(Exception e) {
        if (e instanceof EOFException || e.getMessage() == null) {
            return "it ends too early (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage().endsWith(".") ? e.getMessage().substring(0, e.getMessage().length() - 1) : e.getMessage();
    }

    private static UploadRejected overLimit(String what) {
        return new UploadRejected(413, "archive over the limit: " + what);
    }
}
