package dev.mpunit.server.api;

import java.util.Map;

import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.ingest.UploadRejected;
import dev.mpunit.server.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import tools.jackson.core.JacksonException;

/**
 * Every route of the server, and what all of them share: the security headers and how a refusal
 * reads ({@code {"error": "..."}} with the status that names it).
 */
public final class ServerRoutes {

    /** Pages may load only the server's own scripts and styles: a {@code <script>} from a test output cannot run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ServerConfiguration configuration;
    private final Database database;

    public ServerRoutes(ServerConfiguration configuration, Database database) {
        this.configuration = configuration;
        this.database = database;
    }

    public void register(RoutesConfig routes) {
        routes.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
        });
        routes.exception(UploadRejected.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
        routes.exception(JacksonException.class, (e, ctx) -> refuse(ctx, 400, "malformed JSON: " + e.getOriginalMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> refuse(ctx, e.getStatus(), e.getMessage()));
        new AccessControl(configuration, database).register(routes);
        new IngestRoutes(configuration, database).register(routes);
        new ReadRoutes(database).register(routes);
        routes.get("/api/v1/openapi.yaml", ctx -> ctx.contentType("application/yaml; charset=utf-8")
                .result(getClass().getResourceAsStream("/openapi/openapi.yaml")));
        PageRoutes.register(routes);
    }

    static void refuse(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }
}
