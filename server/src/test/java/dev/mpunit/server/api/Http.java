package dev.mpunit.server.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a running results server, as a testbed or a reader talks to it; the bodies it pushes;
 * and the pages of a list, walked.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI server;

    public Http(URI server) {
        this.server = server;
    }

    public HttpResponse<String> push(String pathAndQuery, byte[] body, String token) {
        HttpRequest.Builder request = request(pathAndQuery, token).header("Content-Type", "application/gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request.build());
    }

    HttpResponse<String> pushMultipart(String pathAndQuery, byte[] file, String label, String token) {
        String boundary = "mpunit-test-boundary-7d3f";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\n" + label + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"results.tar.gz\"\r\n"
                + "Content-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(pathAndQuery, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, null).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> patch(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    HttpResponse<String> form(String path, String form) {
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The test resource folder {@code uploads/<name>} as the tar.gz a testbed pushes, with files replaced or added. */
    public static byte[] tarGz(String name, Map<String, String> replaced) {
        Path folder;
        try {
            folder = Path.of(Http.class.getResource("/uploads/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
                Stream<Path> files = Files.walk(folder)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            replaced.forEach((path, text) -> entries.put(path, text.getBytes(StandardCharsets.UTF_8)));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                tarEntry.setSize(entry.getValue().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A console-launcher-style JUnit XML of {@code tests} passing tests of one group and variant. */
    static byte[] junitXml(String suite, int tests) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + suite
                + "\" tests=\"" + tests + "\" timestamp=\"2026-12-01T02:00:00\">\n");
        for (int i = 0; i < tests; i++) {
            xml.append("<testcase name=\"basics/test_").append(i).append(".py\" classname=\"").append(suite)
                    .append("\" time=\"0.010\"/>\n");
        }
        return xml.append("</testsuite>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- reading: answers as bytes, pages walked ----

    record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    /** The JSON of a GET that must answer 200. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        Answer answer = get(pathAndQuery);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }

    /**
     * Every item of a paged list, following {@code next} from the first page; each page's
     * {@code prev} must lead back to the page before it.
     */
    List<JsonNode> walkForward(String pathAndQuery) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(withCursor(pathAndQuery, cursor));
            page.get("items").forEach(items::add);
            cursor = text(page.get("next"));
        } while (cursor != null);
        return items;
    }

    /** Every item of a paged list, from {@code page=last} back along {@code prev}, in the list's order. */
    List<JsonNode> walkBackward(String pathAndQuery) throws IOException, InterruptedException {
        List<List<JsonNode>> pages = new ArrayList<>();
        JsonNode page = json(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "page=last");
        while (true) {
            List<JsonNode> items = new ArrayList<>();
            page.get("items").forEach(items::add);
            pages.add(0, items);
            String prev = text(page.get("prev"));
            if (prev == null) {
                break;
            }
            page = json(withCursor(pathAndQuery, prev));
        }
        return pages.stream().flatMap(List::stream).toList();
    }

    static String withCursor(String pathAndQuery, String cursor) {
        if (cursor == null) {
            return pathAndQuery;
        }
        return pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "cursor=" + cursor;
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
