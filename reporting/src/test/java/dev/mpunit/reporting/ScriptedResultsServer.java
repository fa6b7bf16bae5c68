package dev.mpunit.reporting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server answering uploads as a test scripts it (503, 429, 400, 201 ...) and keeping
 * each request: for the client's side of the protocol (which answers it retries, what it prints).
 * Whether the real server stores what the client sends is ResultsUploadEndToEndTest's.
 */
final class ScriptedResultsServer implements AutoCloseable {

    record Answer(int status, String body, Map<String, String> headers) {
        Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }

    record Request(String method, String path, String query, String authorization, String idempotencyKey, byte[] body) {
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    /** On a free port of the loopback interface, or on {@code port} when it is not 0. */
    ScriptedResultsServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
                answer = script.isEmpty() ? new Answer(500, "{\"error\": \"nothing scripted\"}") : script.poll();
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    synchronized ScriptedResultsServer answer(Answer answer) {
        script.add(answer);
        return this;
    }

    synchronized ScriptedResultsServer answer(int status, String body) {
        return answer(new Answer(status, body));
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
