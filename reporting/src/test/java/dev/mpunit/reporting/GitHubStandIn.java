package dev.mpunit.reporting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.mpunit.contract.CommentBody;

/**
 * A local stand-in of GitHub's REST API for one pull request's comments: lists them in pages (per_page,
 * page, a Link header as GitHub writes it), creates and updates them, and keeps them. It checks every
 * request as GitHub would and records what was wrong with it: the method and path, the token
 * ({@code Authorization: Bearer}), {@code Accept: application/vnd.github+json},
 * {@code X-GitHub-Api-Version}, a JSON body of exactly {@code {"body": "…"}}. A test asserts that
 * nothing was wrong; a request that is wrong is also answered as GitHub would (401, 404, 415, 422).
 * Public, in the module's test-jar, for the examples' workflow tests (their {@code mpunit comment} steps).
 */
public final class GitHubStandIn implements AutoCloseable {

    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
    }

    public record Comment(long id, String user, String body) {
    }

    private static final Pattern LIST = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments");
    private static final Pattern ONE = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/comments/(\\d+)");

    private final HttpServer server;
    private final String repo;
    private final int pullRequest;
    private final String token;
    private final List<Comment> comments = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> wrong = new ArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private String readOnlyToken;
    private String pagesOn;
    private int lostAnswer;
    private long nextId = 1000;

    /** The pull request {@code repo#pullRequest}, which accepts {@code token}. */
    public GitHubStandIn(String repo, int pullRequest, String token) throws IOException {
        this.repo = repo;
        this.pullRequest = pullRequest;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A token GitHub knows that may read the pull request but not write to it. */
    synchronized GitHubStandIn readOnly(String token) {
        this.readOnlyToken = token;
        return this;
    }

    /** The Link header's pages on another address (a misconfigured proxy, a hostile answer) than this one. */
    synchronized GitHubStandIn pagesOn(String address) {
        this.pagesOn = address;
        return this;
    }

    /** The next comment written is kept, but answered with this status (a proxy's 502 after GitHub did it). */
    synchronized GitHubStandIn losingTheAnswerOfTheNextWrite(int status) {
        this.lostAnswer = status;
        return this;
    }

    /** The next requests are answered with these statuses (502, 503 …) before anything else. */
    synchronized GitHubStandIn failing(int... statuses) {
        for (int status : statuses) {
            failures.add(status);
        }
        return this;
    }

    /** A comment someone else wrote, already there. */
    synchronized long existing(String user, String body) {
        long id = nextId++;
        comments.add(new Comment(id, user, body));
        return id;
    }

    public synchronized List<Comment> comments() {
        return List.copyOf(comments);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** What was wrong with the requests, as GitHub would have seen it. */
    public synchronized List<String> wrong() {
        return List.copyOf(wrong);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(method, path, query, headers, body));
        String what = method + " " + path + (query == null ? "" : "?" + query);

        if (!"application/vnd.github+json".equals(headers.get("accept"))) {
            wrong.add(what + ": Accept is " + headers.get("accept"));
        }
        if (!"2022-11-28".equals(headers.get("x-github-api-version"))) {
            wrong.add(what + ": X-GitHub-Api-Version is " + headers.get("x-github-api-version"));
        }
        if (headers.get("user-agent") == null) {
            wrong.add(what + ": no User-Agent (GitHub refuses requests without one)");
        }
        String authorization = headers.get("authorization");
        boolean readOnly = readOnlyToken != null && ("Bearer " + readOnlyToken).equals(authorization);
        if (!("Bearer " + token).equals(authorization) && !readOnly) {
            answer(exchange, 401, "{\"message\": \"Bad credentials\", \"documentation_url\": \"https://docs.github.com/rest\"}");
            return;
        }
        if (!failures.isEmpty()) {
            answer(exchange, failures.poll(), "{\"message\": \"Server Error\"}");
            return;
        }
        Matcher list = LIST.matcher(path);
        Matcher one = ONE.matcher(path);
        if (list.matches() && (list.group(1) + "/" + list.group(2)).equals(repo)
                && Integer.parseInt(list.group(3)) == pullRequest) {
            if (method.equals("GET")) {
                if (!body.isEmpty()) {
                    wrong.add(what + ": a GET with a body");
                }
                listPage(exchange, path, query);
            } else if (method.equals("POST")) {
                String text = writable(exchange, what, headers, body, readOnly);
                if (text == null) {
                    return;
                }
                Comment comment = new Comment(nextId++, "mpunit-bot", text);
                comments.add(comment);
                answerWritten(exchange, 201, json(comment));
            } else {
                wrong.add(what + ": " + method + " on a pull request's comments");
                answer(exchange, 404, "{\"message\": \"Not Found\"}");
            }
        } else if (one.matches() && (one.group(1) + "/" + one.group(2)).equals(repo) && method.equals("PATCH")) {
            long id = Long.parseLong(one.group(3));
            int index = indexOf(id);
            if (index < 0) {
                wrong.add(what + ": no comment " + id);
                answer(exchange, 404, "{\"message\": \"Not Found\"}");
                return;
            }
            String text = writable(exchange, what, headers, body, readOnly);
            if (text == null) {
                return;
            }
            Comment updated = new Comment(id, comments.get(index).user(), text);
            comments.set(index, updated);
            answerWritten(exchange, 200, json(updated));
        } else {
            // A wrong repository or pull request is a 404 at GitHub too, and not the client's mistake to record here.
            answer(exchange, 404, "{\"message\": \"Not Found\"}");
        }
    }

    private void listPage(HttpExchange exchange, String path, String query) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        int perPage = Math.min(100, Integer.parseInt(parameters.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(parameters.getOrDefault("page", "1"));
        int last = Math.max(1, (comments.size() + perPage - 1) / perPage);
        List<Comment> items = comments.subList(Math.min(comments.size(), (page - 1) * perPage),
                Math.min(comments.size(), page * perPage));
        StringBuilder array = new StringBuilder("[");
        for (Comment comment : items) {
            array.append(array.length() > 1 ? "," : "").append(json(comment));
        }
        array.append(']');
        List<String> links = new ArrayList<>();
        String base = (pagesOn == null ? url() : pagesOn) + path + "?per_page=" + perPage + "&page=";
        if (page < last) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
            links.add("<" + base + last + ">; rel=\"last\"");
        }
        if (page > 1) {
            links.add("<" + base + "1>; rel=\"first\"");
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            exchange.getResponseHeaders().add("Link", String.join(", ", links));
        }
        answer(exchange, 200, array.toString());
    }

    /** The comment's text when the token may write and the body is one; else null, answered as GitHub would. */
    private String writable(HttpExchange exchange, String what, Map<String, String> headers, String body, boolean readOnly)
            throws IOException {
        if (readOnly) {
            answer(exchange, 403, "{\"message\": \"Resource not accessible by integration\"}");
            return null;
        }
        String text = commentBody(what, headers, body);
        if (text == null) {
            answer(exchange, 422, "{\"message\": \"Validation Failed\"}");
        }
        return text;
    }

    /** The comment's text when the body is {@code {"body": "<text>"}} sent as JSON, else null and why recorded. */
    private String commentBody(String what, Map<String, String> headers, String body) {
        String type = headers.getOrDefault("content-type", "");
        if (!type.startsWith("application/json")) {
            wrong.add(what + ": Content-Type is " + type);
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(body);
        } catch (RuntimeException e) {
            wrong.add(what + ": the body is no JSON: " + e.getMessage());
            return null;
        }
        if (!(parsed instanceof Map<?, ?> fields) || fields.size() != 1 || !(fields.get("body") instanceof String text)) {
            wrong.add(what + ": the body is not {\"body\": \"…\"}: " + body);
            return null;
        }
        if (text.length() > CommentBody.LIMIT) {
            wrong.add(what + ": the comment has " + text.length() + " characters, over GitHub's " + CommentBody.LIMIT);
            return null;
        }
        return text;
    }

    private int indexOf(long id) {
        for (int i = 0; i < comments.size(); i++) {
            if (comments.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }

    private String json(Comment comment) {
        return "{\"id\": " + comment.id() + ", \"user\": {\"login\": \"" + comment.user() + "\"}, \"html_url\": \"https://github.com/"
                + repo + "/pull/" + pullRequest + "#issuecomment-" + comment.id() + "\", \"body\": \"" + Json.escaped(comment.body())
                + "\"}";
    }

    private void answerWritten(HttpExchange exchange, int status, String body) throws IOException {
        if (lostAnswer != 0) {
            int lost = lostAnswer;
            lostAnswer = 0;
            answer(exchange, lost, "{\"message\": \"Bad Gateway\"}");
        } else {
            answer(exchange, status, body);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
