package dev.mpunit.server;

import java.net.URI;

import dev.mpunit.server.api.ServerRoutes;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Retention;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;
import tools.jackson.databind.json.JsonMapper;

/**
 * The results server running: Javalin on Jetty over one {@link Database}. Binds to the configured
 * host (localhost by default); port 0 takes a free one.
 */
public final class ResultsServer implements AutoCloseable {

    private final Javalin app;
    private final String host;
    private final Retention.Daily retention;

    private ResultsServer(Javalin app, String host, Retention.Daily retention) {
        this.app = app;
        this.host = host;
        this.retention = retention;
    }

    /** Starts serving the database; the caller keeps owning it and closes it after this. */
    public static ResultsServer start(ServerConfiguration configuration, Database database) {
        JsonMapper json = JsonMapper.builder().build();
        ServerRoutes routes = new ServerRoutes(configuration, database);
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson3(json, false));
            config.startup.showJavalinBanner = false;
            config.jetty.host = configuration.host();
            config.jetty.port = configuration.port();
            // The body limit is checked by the ingest itself, with a message naming it; Jetty's own
            // limit only keeps a runaway body from filling the memory first.
            config.http.maxRequestSize = configuration.limits().maxBodyBytes() + 1;
            // Javalin refuses a missing folder; the API alone (a build without the pages) still serves.
            if (ResultsServer.class.getResource("/web") != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/static";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                });
            }
            config.staticFiles.enableWebjars();
            routes.register(config.routes);
        });
        app.start();
        Retention.Daily retention = configuration.retention()
                .map(age -> new Retention(database, age).startDaily()).orElse(() -> { });
        return new ResultsServer(app, configuration.host(), retention);
    }

    public int port() {
        return app.port();
    }

    /** Where it answers, for clients and tests ({@code http://127.0.0.1:<port>/}). */
    public URI uri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : shown) + ":" + port() + "/");
    }

    @Override
    public void close() {
        retention.close();
        app.stop();
    }
}
