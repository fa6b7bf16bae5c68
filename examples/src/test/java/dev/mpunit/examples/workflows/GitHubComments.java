package dev.mpunit.examples.workflows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in of GitHub's REST API for the comments of one pull request, where a workflow's
 * {@code mpunit comment} step posts ({@code --api-url $GITHUB_API_URL}): lists them (one page),
 * creates and updates them. Every request must carry the token as {@code Authorization: Bearer} and
 * GitHub's {@code Accept}; what is wrong is recorded (and answered 401 or 404, as GitHub would).
 */
final class GitHubComments implements AutoCloseable {

    private static final Pattern LIST = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern ONE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

    private final HttpServer server;
    private final String repo;
    private final int pullRequest;
    private final String token;
    private final Map<Long, String> comments = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> wrong = new ArrayList<>();
    private long nextId = 1;

    GitHubComments(String repo, int pullRequest, String token) throws IOException {
        this.repo = repo;
        this.pullRequest = pullRequest;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized Map<Long, String> comments() {
        return Map.copyOf(comments);
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> wrong() {
        return List.copyOf(wrong);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(method + " " + path);
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            wrong.add(method + " " + path + ": not the token");
            answer(exchange, 401, "{\"message\": \"Bad credentials\"}");
            return;
        }
        if (!"application/vnd.github+json".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
            wrong.add(method + " " + path + ": Accept is " + exchange.getRequestHeaders().getFirst("Accept"));
        }
        Matcher list = LIST.matcher(path);
        Matcher one = ONE.matcher(path);
        if (list.matches() && list.group(1).equals(repo) && Integer.parseInt(list.group(2)) == pullRequest) {
            if (method.equals("GET")) {
                List<String> items = new ArrayList<>();
                comments.forEach((id, text) -> items.add(json(id, text)));
                answer(exchange, 200, "[" + String.join(", ", items) + "]");
                return;
            }
            if (method.equals("POST")) {
                long id = nextId++;
                comments.put(id, text(method, path, body));
                answer(exchange, 201, json(id, comments.get(id)));
                return;
            }
        } else if (one.matches() && one.group(1).equals(repo) && method.equals("PATCH")
                && comments.containsKey(Long.parseLong(one.group(2)))) {
            long id = Long.parseLong(one.group(2));
            comments.put(id, text(method, path, body));
            answer(exchange, 200, json(id, comments.get(id)));
            return;
        }
        wrong.add(method + " " + path + ": no such pull request, comment or operation");
        answer(exchange, 404, "{\"message\": \"Not Found\"}");
    }

    /** The body's {@code body}, a JSON object read as YAML (JSON is YAML's flow style). */
    private String text(String method, String path, String body) {
        Object parsed = new Yaml().load(body);
        if (parsed instanceof Map<?, ?> map && map.size() == 1 && map.get("body") instanceof String text) {
            return text;
        }
        wrong.add(method + " " + path + ": the body is not {\"body\": \"…\"}: " + body);
        return "";
    }

    private String json(long id, String text) {
        return "{\"id\": " + id + ", \"user\": {\"login\": \"github-actions[bot]\"}, \"html_url\": \"https://github.com/" + repo
                + "/pull/" + pullRequest + "#issuecomment-" + id + "\", \"body\": " + LocalWorkflowRunner.json(text) + "}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
