package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of an uploaded folder, in memory, by their path relative to the folder's root
 * ({@code /}-separated, checked not to leave it), sorted by path.
 */
record UploadFolder(SortedMap<String, byte[]> files) {

    UploadFolder {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    static UploadFolder of(Map<String, byte[]> files) {
        return new UploadFolder(new TreeMap<>(files));
    }

    Optional<byte[]> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    boolean has(String path) {
        return files.containsKey(path);
    }

    /** The folders one level below the root that hold a file of this name: {@code RUN-TESTS_STANDARD@unix}. */
    List<String> foldersWith(String fileName) {
        List<String> folders = new ArrayList<>();
        for (String path : files.keySet()) {
            int slash = path.indexOf('/');
            if (slash > 0 && path.indexOf('/', slash + 1) < 0 && path.substring(slash + 1).equals(fileName)) {
                folders.add(path.substring(0, slash));
            }
        }
        return folders;
    }

    /** Every path whose last segment is this name, at any depth. */
    List<String> pathsNamed(String fileName) {
        return files.keySet().stream()
                .filter(path -> path.equals(fileName) || path.endsWith("/" + fileName))
                .toList();
    }

    /** The files as stored, tokens blanked out. */
    List<UploadedFile> uploadedFiles() {
        List<UploadedFile> uploaded = new ArrayList<>(files.size());
        files.forEach((path, content) -> uploaded.add(new UploadedFile(path, TokenRedactor.redact(content))));
        return uploaded;
    }
}
