package dev.mpunit.server.ingest;

import java.util.Objects;

/**
 * A file of an uploaded folder, kept browsable as the testbed wrote it (push tokens blanked).
 *
 * @param path relative to the folder's root, {@code /}-separated, checked not to leave it
 */
public record UploadedFile(String path, byte[] content) {

    public UploadedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }
}
