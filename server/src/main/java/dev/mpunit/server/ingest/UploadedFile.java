package dev.mpunit.server.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A file of an uploaded folder, kept browsable as the testbed wrote it (push tokens blanked).
 *
 * @param path relative to the folder's root, {@code /}-separated, checked not to leave it
 */
public record UploadedFile(String path, byte[] content) {

    private static final Map<String, String> BY_ENDING = Map.of("json", "application/json", "xml", "application/xml",
            "html", "text/html", "svg", "image/svg+xml", "md", "text/markdown", "csv", "text/csv");

    public UploadedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    /**
     * What the file holds, by its ending for the formats a results folder has, else {@code text/plain} for
     * UTF-8 text ({@code .out}, {@code .exp}, logs) and {@code application/octet-stream} for anything else.
     * Only a label: how a file is served is the server's decision (a test's output is never served as markup).
     */
    public String mediaType() {
        int dot = path.lastIndexOf('.');
        String ending = dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = BY_ENDING.get(ending);
        if (known != null) {
            return known;
        }
        return text() ? "text/plain" : "application/octet-stream";
    }

    private boolean text() {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
