package dev.mpunit.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.store.Database;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;

/**
 * The hand-written {@code openapi.yaml} against the routes the server registers: a route Javalin
 * serves that the description lacks, or one it describes that nobody serves, fails here. Also every
 * {@code $ref} must name something, and the description is what {@code /api/v1/openapi.yaml} serves.
 */
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @TempDir
    Path folder;

    @Test
    void everyRouteTheServerRegistersIsDescribedAndNothingElse() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (boolean closed : new boolean[] {false, true}) {
            registered.addAll(registeredRoutes(closed));
        }
        Set<String> described = describedRoutes(description());

        assertThat(registered).as("what the server registers").contains("GET /api/v1/runs", "POST /api/v1/runs",
                "GET /api/v1/runs/{id}/files/{path}", "GET /");
        Set<String> undescribed = new TreeSet<>(registered);
        undescribed.removeAll(described);
        Set<String> unserved = new TreeSet<>(described);
        unserved.removeAll(registered);
        assertThat(undescribed).as("routes the server registers that openapi.yaml does not describe").isEmpty();
        assertThat(unserved).as("routes openapi.yaml describes that the server does not register").isEmpty();
    }

    @Test
    void everyOperationHasAnIdAndResponsesAndEveryReferenceNamesSomething() throws Exception {
        Map<String, Object> description = description();
        assertThat(description.get("openapi")).isEqualTo("3.1.0");
        Set<String> ids = new TreeSet<>();
        for (var path : paths(description).entrySet()) {
            for (var operation : map(path.getValue()).entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                Map<String, Object> body = map(operation.getValue());
                String where = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                assertThat(body.get("operationId")).as(where + " operationId").isInstanceOf(String.class);
                assertThat(ids.add((String) body.get("operationId"))).as(where + " operationId unique").isTrue();
                assertThat(map(body.get("responses"))).as(where + " responses").isNotEmpty();
            }
        }
        List<String> references = new ArrayList<>();
        collectReferences(description, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            Object target = description;
            for (String part : reference.substring(2).split("/")) {
                target = target instanceof Map<?, ?> node ? node.get(part) : null;
            }
            assertThat(target).as(reference).isNotNull();
        }
    }

    @Test
    void theServerServesTheDescription() throws Exception {
        try (Database database = Database.open(Database.EMBEDDED, folder.resolve("data"), null, null);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder.resolve("data"), 0), database)) {
            Http.Answer answer = new Http(server.uri()).get("/api/v1/openapi.yaml");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("application/yaml");
            try (InputStream resource = OpenApiTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
                assertThat(answer.body()).isEqualTo(resource.readAllBytes());
            }
        }
    }

    /** {@code METHOD /path} of every HTTP route, Javalin's {@code <path>} written as OpenAPI's {@code {path}}. */
    private Set<String> registeredRoutes(boolean readClosed) {
        Path data = folder.resolve(readClosed ? "closed" : "open");
        Set<String> routes = new TreeSet<>();
        try (Database database = Database.open(Database.EMBEDDED, data, null, null)) {
            ServerConfiguration configuration = ServerConfiguration.embedded(data, 0).withReadClosed(readClosed);
            Javalin app = Javalin.create(config -> new ServerRoutes(configuration, database)
                    .register(config.routes));
            for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
                if (parsed.endpoint.method.isHttpMethod()) {
                    routes.add(parsed.endpoint.method.name().toUpperCase(Locale.ROOT) + " "
                            + parsed.endpoint.path.replaceAll("<([^>]+)>", "{$1}"));
                }
            }
        }
        return routes;
    }

    private static Set<String> describedRoutes(Map<String, Object> description) {
        Set<String> routes = new TreeSet<>();
        for (var path : paths(description).entrySet()) {
            for (String method : map(path.getValue()).keySet()) {
                if (METHODS.contains(method)) {
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    private static Map<String, Object> description() throws Exception {
        try (InputStream yaml = OpenApiTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
            assertThat(yaml).as("openapi/openapi.yaml on the class path").isNotNull();
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
        }
    }

    private static Map<String, Object> paths(Map<String, Object> description) {
        return map(description.get("paths"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static void collectReferences(Object node, List<String> references) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    references.add((String) value);
                } else {
                    collectReferences(value, references);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, references));
        }
    }
}
