package dev.mpunit.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.Upload;
import dev.mpunit.server.ingest.UploadRejected;
import dev.mpunit.server.ingest.Uploads;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.RunQueries;
import dev.mpunit.server.store.RunWriter;
import dev.mpunit.server.store.Tokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The write API: a testbed pushes a run ({@code POST /api/v1/runs}), marks one as a baseline or
 * deletes one, each with a push token of the run's testbed. The token is checked before the body is
 * read; the run's testbed (which only the upload names) right after parsing, before anything is
 * stored.
 */
final class IngestRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRoutes.class);
    /** The header a client may name its zone in instead of {@code ?tz=}. */
    static final String TIMEZONE_HEADER = "X-Mpunit-Timezone";
    /** How far over the limit a body is still read to the end before the 413 (see {@link #discardBody}). */
    private static final long DISCARDED_OVERSHOOT = 16L * 1024 * 1024;

    private final ServerConfiguration configuration;
    private final Database database;
    private final Tokens tokens;
    private final RunWriter writer;

    IngestRoutes(ServerConfiguration configuration, Database database) {
        this.configuration = configuration;
        this.database = database;
        this.tokens = new Tokens(database);
        this.writer = new RunWriter(database);
    }

    /** The push's answer: the stored run's summary and whether it was there before. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pushed(@JsonUnwrapped RunQueries.Summary summary, boolean duplicate, boolean replaced) {
    }

    void register(RoutesConfig routes) {
        routes.exception(SQLException.class, (e, ctx) -> {
            boolean write = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD;
            if (unavailable(e)) {
                LOG.warn("results database unavailable ({} {}): {}", ctx.method(), ctx.path(), e.getMessage());
                ServerRoutes.refuse(ctx, 503, "results database unavailable: " + firstLine(e.getMessage())
                        + (write ? "; nothing was stored, push again later" : "; try again later"));
            } else {
                LOG.error("results database error ({} {})", ctx.method(), ctx.path(), e);
                ServerRoutes.refuse(ctx, 500, "results database error: " + firstLine(e.getMessage())
                        + (write ? "; nothing was stored" : "") + " (the server's log has the details)");
            }
        });
        routes.post("/api/v1/runs", this::push);
        routes.patch("/api/v1/runs/{id}", this::patch);
        routes.delete("/api/v1/runs/{id}", this::delete);
    }

    private void push(Context ctx) throws UploadRejected, SQLException {
        Tokens.Holder holder = pusher(ctx);
        ParsedRun run = Uploads.parse(upload(ctx, holder), configuration.limits());
        sameTestbed(holder, run.run().testbed());
        RunWriter.Stored stored = writer.store(run);
        RunQueries.Summary summary;
        try (Connection connection = database.connection()) {
            summary = RunQueries.summary(connection, stored.runId()).orElseThrow(
                    () -> new SQLException("run " + stored.runId() + " was stored and is gone: deleted at the same moment?"));
        }
        int results = run.testRuns().stream().mapToInt(testRun -> testRun.results().size()).sum();
        LOG.info("push from testbed '{}': run {} {} ({} results, {} files)", holder.testbed(), stored.runId(),
                stored.outcome().name().toLowerCase(java.util.Locale.ROOT), results, run.files().size());
        ctx.header("Location", "/api/v1/runs/" + stored.runId());
        ctx.status(stored.outcome() == RunWriter.Outcome.STORED ? 201 : 200)
                .json(new Pushed(summary, stored.duplicate(), stored.replaced()));
    }

    private void patch(Context ctx) throws UploadRejected, SQLException {
        Tokens.Holder holder = pusher(ctx);
        long id = ownRun(ctx, holder);
        Map<?, ?> body = ctx.bodyAsClass(Map.class);
        if (!(body.get("baseline") instanceof Boolean baseline) || body.size() != 1) {
            throw new UploadRejected(400, "give {\"baseline\": true} or {\"baseline\": false}; nothing else can be changed");
        }
        writer.setBaseline(id, baseline);
        try (Connection connection = database.connection()) {
            ctx.json(RunQueries.summary(connection, id).orElseThrow(() -> notFound(id)));
        }
    }

    private void delete(Context ctx) throws UploadRejected, SQLException {
        Tokens.Holder holder = pusher(ctx);
        long id = ownRun(ctx, holder);
        if (!writer.delete(id)) {
            throw notFound(id);
        }
        LOG.info("testbed '{}' deleted run {}", holder.testbed(), id);
        ctx.status(204);
    }

    /** The holder of the request's push token; 401 without a valid one, 403 for a read token. */
    private Tokens.Holder pusher(Context ctx) throws UploadRejected, SQLException {
        String token = AccessControl.bearer(ctx).orElseThrow(() -> new UploadRejected(401,
                "missing token: send the testbed's push token as 'Authorization: Bearer mpt_…' "
                        + "(mpunit serve token create <testbed> makes one)"));
        Tokens.Holder holder = tokens.verify(token).orElseThrow(() -> new UploadRejected(401,
                "invalid token: it is unknown or revoked; mpunit serve token create <testbed> makes a new one"));
        if (holder.kind() != Tokens.Kind.PUSH) {
            throw new UploadRejected(403, "a read token cannot push: use the testbed's push token "
                    + "(mpunit serve token create <testbed>)");
        }
        return holder;
    }

    private long ownRun(Context ctx, Tokens.Holder holder) throws UploadRejected, SQLException {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new UploadRejected(400, "'" + ctx.pathParam("id") + "' is not a run id: give the number GET /api/v1/runs lists");
        }
        String testbed = writer.testbedOf(id).orElseThrow(() -> notFound(id));
        sameTestbed(holder, testbed);
        return id;
    }

    private static void sameTestbed(Tokens.Holder holder, String testbed) throws UploadRejected {
        if (!holder.testbed().equals(testbed)) {
            throw new UploadRejected(403, "token is for testbed '" + holder.testbed() + "', run is from '" + testbed
                    + "': push with the token of testbed '" + testbed + "'");
        }
    }

    private static UploadRejected notFound(long id) {
        return new UploadRejected(404, "no run " + id + ": GET /api/v1/runs lists the stored runs");
    }

    /** The body (or the multipart request's {@code file} part) with what the query and headers say about it. */
    private Upload upload(Context ctx, Tokens.Holder holder) throws UploadRejected {
        Map<String, String> parameters = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("format") && !name.equals("tz") && !values.isEmpty()) {
                parameters.put(name, values.get(0));
            }
        });
        // Never what the query says: only the checked token names it.
        parameters.put(Upload.TOKEN_TESTBED, holder.testbed());
        long limit = configuration.limits().maxBodyBytes();
        long length = ctx.contentLength();
        if (length > limit) {
            discardBody(ctx, length, limit);
            throw overLimit(length + " bytes", limit);
        }
        byte[] body;
        String contentType;
        if (ctx.isMultipartFormData()) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw new UploadRejected(400, "a multipart push needs its results in the part 'file' (and may name them "
                        + "in 'label')");
            }
            body = file.contentAndClose(content -> {
                try {
                    return content.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            contentType = file.contentType();
            Optional.ofNullable(ctx.formParam("label")).ifPresent(label -> parameters.put("label", label));
        } else {
            try {
                body = ctx.bodyAsBytes();
            } catch (HttpResponseException e) {
                // Sent without a length and longer than Jetty was told to take.
                if (e.getStatus() == 413) {
                    throw overLimit("more than that", limit);
                }
                throw e;
            }
            contentType = ctx.contentType();
        }
        return new Upload(body, contentType, Optional.ofNullable(ctx.queryParam("format")).filter(f -> !f.isBlank()),
                parameters, zone(ctx));
    }

    /**
     * A client that sent its body without waiting for {@code 100 Continue} is still writing it when the
     * 413 is ready: answered at once, Jetty closes the connection under it and the client sees a reset
     * instead of the message. A body up to {@link #DISCARDED_OVERSHOOT} over the limit is read and
     * dropped first, so the client reads why; a larger one is cut off (a client that asks before
     * sending, as curl does for a large body, sends none of it; mpunit's push does not ask: Java 17's
     * HTTP client waits forever for a {@code 100 Continue} that a refusal never sends).
     */
    private static void discardBody(Context ctx, long length, long limit) {
        if (length - limit > DISCARDED_OVERSHOOT) {
            return;
        }
        try (InputStream body = ctx.req().getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client went away: the 413 is written for nobody, nothing else is lost.
        }
    }

    private static UploadRejected overLimit(String size, long limit) {
        return new UploadRejected(413, "upload over the limit: " + size + "; this server takes at most " + limit
                + " bytes (--max-upload-mb " + Math.max(1, limit / (1024 * 1024)) + "); push a smaller results folder "
                + "or ask for a higher limit");
    }

    private static ZoneId zone(Context ctx) throws UploadRejected {
        String zone = Optional.ofNullable(ctx.queryParam("tz")).orElse(ctx.header(TIMEZONE_HEADER));
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new UploadRejected(400, "unknown time zone '" + zone + "': give an IANA name such as Europe/Zurich "
                    + "(?tz= or the header " + TIMEZONE_HEADER + ")");
        }
    }

    /**
     * The database cannot be reached or is busy, as opposed to refusing a statement: the same request
     * later may well succeed (503). Connection errors (SQL state class 08), too many connections
     * (53), an operator's shutdown (57), a pool that gave no connection in time, races lost more
     * often than retried (40), H2's closed or broken database.
     */
    static boolean unavailable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientException || cause instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40")
                        || state.equals("90067") || state.equals("90098") || state.equals("90121")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        List<String> lines = message.lines().toList();
        return lines.isEmpty() ? message : lines.get(0);
    }
}
