package dev.mpunit.server.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests to a started server with the JDK's client, answers read as JSON where they are. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

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
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
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
