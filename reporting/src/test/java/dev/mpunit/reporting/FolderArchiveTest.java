package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar.gz of a results folder, read back by the tar reader the results server uses. */
class FolderArchiveTest {

    @TempDir
    Path folder;

    @Test
    void everyRegularFileIsThereByItsPathInTheFolderWithItsBytes() throws IOException {
        String longName = "RUN-TESTS_STANDARD@webassembly/" + "extmod_".repeat(20) + "deep.py.out";
        String accented = "RUN-TESTS_STANDARD@webassembly/unicode_é_ü.py.exp";
        write("context.json", "{\"testbed\": \"lab\"}\n");
        write(longName, "x".repeat(1500));
        write(accented, "héllo\n");
        write("empty.txt", "");
        Files.createDirectories(folder.resolve("an-empty-folder"));
        Files.createSymbolicLink(folder.resolve("link-to-context"), folder.resolve("context.json"));

        Map<String, String> entries = read(FolderArchive.tarGz(folder));

        assertThat(entries).containsExactly(Map.entry(longName, "x".repeat(1500)), Map.entry(accented, "héllo\n"),
                Map.entry("context.json", "{\"testbed\": \"lab\"}\n"), Map.entry("empty.txt", ""));
    }

    @Test
    void theSameFolderGivesTheSameBytes() throws IOException {
        write("context.json", "{}\n");
        write("RUN-TESTS_STANDARD@webassembly/_results.json", "{}\n");

        assertThat(FolderArchive.tarGz(folder)).isEqualTo(FolderArchive.tarGz(folder));
    }

    private void write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_765_000_000_000L));
    }

    private static Map<String, String> read(byte[] tarGz) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                assertThat(entry.isFile()).as(entry.getName()).isTrue();
                assertThat(entry.getModTime().getTime()).isEqualTo(1_765_000_000_000L);
                entries.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
