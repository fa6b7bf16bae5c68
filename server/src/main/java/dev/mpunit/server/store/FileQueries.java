package dev.mpunit.server.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The files a run was pushed with, browsable as the testbed wrote them: their list and their bytes
 * (kept once per content in {@code blobs}, gzip-compressed when that helped).
 */
public final class FileQueries {

    /** One file of a run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileItem(String path, long size, String mediaType) {
    }

    /** A file's bytes, uncompressed, and the media type it was stored with. */
    public record StoredFile(String path, byte[] content, String mediaType) {
    }

    private FileQueries() {
    }

    /** Every file of the run, by path; the run must exist. */
    public static List<FileItem> list(Connection connection, long runId) throws SQLException {
        RunQueries.existing(connection, runId);
        List<FileItem> files = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT path, size_bytes, media_type FROM run_files WHERE run_id = ? ORDER BY path")) {
            statement.setLong(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    files.add(new FileItem(rows.getString("path"), rows.getLong("size_bytes"), rows.getString("media_type")));
                }
            }
        }
        return files;
    }

    /** One file's bytes; empty when the run has no such file (the run itself must exist). */
    public static Optional<StoredFile> read(Connection connection, long runId, String path) throws SQLException {
        RunQueries.existing(connection, runId);
        try (PreparedStatement statement = connection.prepareStatement("SELECT b.data, b.gzipped, f.media_type "
                + "FROM run_files f JOIN blobs b ON b.sha256 = f.blob_sha256 WHERE f.run_id = ? AND f.path = ?")) {
            statement.setLong(1, runId);
            statement.setString(2, path);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                byte[] data = rows.getBytes("data");
                return Optional.of(new StoredFile(path, rows.getBoolean("gzipped") ? gunzip(data) : data,
                        rows.getString("media_type")));
            }
        }
    }

    private static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored file's compressed bytes are damaged", e);
        }
    }

    /** Where the API serves a run's file: {@code /api/v1/runs/<id>/files/<path>}, each segment percent-encoded. */
    public static String url(long runId, String path) {
        if (path == null) {
            return null;
        }
        StringBuilder url = new StringBuilder("/api/v1/runs/").append(runId).append("/files");
        for (String segment : path.split("/", -1)) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }
}
