package dev.mpunit.server.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.UploadedFile;

/**
 * A run's uploaded files: {@code run_files} rows naming content-addressed {@code blobs}, which are
 * gzipped when that makes them smaller and shared by every run holding the same bytes (the
 * {@code .exp} files and summaries repeat from night to night).
 */
final class RunFiles {

    private static final int CHUNK = 500;

    private RunFiles() {
    }

    static void insert(Connection connection, long runId, List<UploadedFile> files) throws SQLException {
        // By hash: two pushes storing the same new files lock them in the same order.
        Map<String, byte[]> contents = new TreeMap<>();
        for (UploadedFile file : files) {
            contents.putIfAbsent(ParsedRun.sha256(file.content()), file.content());
        }
        Set<String> stored = existing(connection, contents.keySet());
        try (PreparedStatement blob = connection.prepareStatement(
                "INSERT INTO blobs (sha256, size_bytes, gzipped, data) VALUES (?, ?, ?, ?)")) {
            int pending = 0;
            for (Map.Entry<String, byte[]> content : contents.entrySet()) {
                if (stored.contains(content.getKey())) {
                    continue;
                }
                byte[] bytes = content.getValue();
                byte[] gzipped = gzip(bytes);
                boolean smaller = gzipped.length < bytes.length;
                blob.setString(1, content.getKey());
                blob.setLong(2, bytes.length);
                blob.setBoolean(3, smaller);
                blob.setBytes(4, smaller ? gzipped : bytes);
                blob.addBatch();
                if (++pending == 100) {
                    blob.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                blob.executeBatch();
            }
        }
        try (PreparedStatement runFile = connection.prepareStatement(
                "INSERT INTO run_files (run_id, path, blob_sha256, size_bytes, media_type) VALUES (?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (UploadedFile file : files) {
                runFile.setLong(1, runId);
                runFile.setString(2, file.path());
                runFile.setString(3, ParsedRun.sha256(file.content()));
                runFile.setLong(4, file.content().length);
                runFile.setString(5, mediaType(file.path(), file.content()));
                runFile.addBatch();
                if (++pending == 1000) {
                    runFile.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                runFile.executeBatch();
            }
        }
    }

    /** The blobs the given runs' files use: candidates for {@link #deleteOrphans} once the runs are gone. */
    static Set<String> blobsOf(Connection connection, long runId) throws SQLException {
        Set<String> blobs = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT blob_sha256 FROM run_files WHERE run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    blobs.add(rows.getString(1));
                }
            }
        }
        return blobs;
    }

    /** Deletes those of the candidates no run's file uses any more. */
    static void deleteOrphans(Connection connection, Collection<String> candidates) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM blobs WHERE sha256 = ? "
                + "AND NOT EXISTS (SELECT 1 FROM run_files WHERE run_files.blob_sha256 = blobs.sha256)")) {
            int pending = 0;
            for (String sha256 : candidates) {
                delete.setString(1, sha256);
                delete.addBatch();
                if (++pending == 1000) {
                    delete.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                delete.executeBatch();
            }
        }
    }

    private static Set<String> existing(Connection connection, Collection<String> hashes) throws SQLException {
        Set<String> existing = new HashSet<>();
        List<String> all = new ArrayList<>(hashes);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sha256 FROM blobs WHERE sha256 IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        existing.add(rows.getString(1));
                    }
                }
            }
        }
        return existing;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 3));
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory", e);
        }
        return out.toByteArray();
    }

    /**
     * What the file is, for the file list. Files are served as text or bytes whatever this says (a
     * test's output must never be run as a page); it tells which of the two.
     */
    static String mediaType(String path, byte[] content) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".xml")) {
            return "application/xml";
        }
        if (name.endsWith(".html")) {
            return "text/html";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".md")) {
            return "text/markdown";
        }
        if (name.endsWith(".gz") || name.endsWith(".mpy") || name.endsWith(".png")) {
            return "application/octet-stream";
        }
        return isUtf8(content) ? "text/plain" : "application/octet-stream";
    }

    /** Text: UTF-8 without NUL bytes (which UTF-8 allows and no text file holds). */
    private static boolean isUtf8(byte[] content) {
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
