package dev.mpunit.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** An upload's tar.gz built in the test, entry by entry, including the entries a server must refuse. */
final class TarGz {

    private record Entry(String name, byte type, byte[] content, String link) {
    }

    private final List<Entry> entries = new ArrayList<>();

    TarGz file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TarGz file(String name, byte[] content) {
        entries.add(new Entry(name, TarConstants.LF_NORMAL, content, null));
        return this;
    }

    TarGz folder(String name) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, new byte[0], null));
        return this;
    }

    TarGz symlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_SYMLINK, new byte[0], target));
        return this;
    }

    TarGz hardlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_LINK, new byte[0], target));
        return this;
    }

    TarGz fifo(String name) {
        entries.add(new Entry(name, TarConstants.LF_FIFO, new byte[0], null));
        return this;
    }

    /** Every file under a folder, named {@code prefix + relative path}. */
    static TarGz ofFolder(Path folder, String prefix) {
        TarGz tar = new TarGz();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                tar.file(prefix + folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tar;
    }

    byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
                if (entry.link() != null) {
                    header.setLinkName(entry.link());
                }
                header.setSize(entry.type() == TarConstants.LF_NORMAL ? entry.content().length : 0);
                tar.putArchiveEntry(header);
                tar.write(entry.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
