package dev.mpunit.server.api;

import java.net.URI;
import java.sql.Connection;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mpunit.contract.CampaignId;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.ResultsServerAddress;

import dev.mpunit.server.store.CampaignQueries;
import dev.mpunit.server.store.CompareQueries;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.FileQueries;
import dev.mpunit.server.store.FlakyQueries;
import dev.mpunit.server.store.NotFound;
import dev.mpunit.server.store.PageRequest;
import dev.mpunit.server.store.QueryRefused;
import dev.mpunit.server.store.ResultQueries;
import dev.mpunit.server.store.RunQueries;
import dev.mpunit.server.store.Times;
import dev.mpunit.server.store.TrendQueries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The read API: every {@code GET} under {@code /api/v1} but the description. Parameters are checked
 * here (a bad one is answered 400 with what to give), the answers come from the store's query
 * classes. A run's files are served as text or bytes, never as something a browser would run.
 */
final class ReadRoutes {

    /** A stored file is shown, never run: no scripts, no plugins, no frames, no requests. */
    static final String FILE_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

    private final Database database;

    ReadRoutes(Database database) {
        this.database = database;
    }

    @FunctionalInterface
    private interface Read {
        Object answer(Connection connection, Context ctx) throws Exception;
    }

    void register(RoutesConfig routes) {
        routes.exception(QueryRefused.class, (e, ctx) -> ServerRoutes.refuse(ctx, 400, e.getMessage()));
        routes.exception(NotFound.class, (e, ctx) -> ServerRoutes.refuse(ctx, 404, e.getMessage()));
        get(routes, "/api/v1/runs", (connection, ctx) -> RunQueries.list(connection, new RunQueries.Filter(
                text(ctx, "testbed"), text(ctx, "trigger"), text(ctx, "ref"), time(ctx, "from", false), time(ctx, "to", true),
                bool(ctx, "baseline")), page(ctx)));
        get(routes, "/api/v1/runs/{id}", (connection, ctx) -> {
            long id = runId(ctx);
            return RunQueries.summary(connection, id).orElseThrow(() -> NotFound.run(id));
        });
        get(routes, "/api/v1/runs/{id}/results", (connection, ctx) -> ResultQueries.results(connection, runId(ctx),
                new ResultQueries.Filter(ResultQueries.verdicts(ctx.queryParam("verdict")), text(ctx, "group"),
                        text(ctx, "variant"), text(ctx, "q")),
                ResultQueries.Sort.of(ctx.queryParam("sort")), page(ctx)));
        get(routes, "/api/v1/runs/{id}/matrix", (connection, ctx) -> {
            String only = choice(ctx, "only", "failing", "failing", "all");
            return ResultQueries.matrix(connection, runId(ctx), text(ctx, "group"), only.equals("failing"),
                    text(ctx, "cursor"), integer(ctx, "limit", PageRequest.DEFAULT_LIMIT));
        });
        get(routes, "/api/v1/runs/{id}/files", (connection, ctx) -> Map.of("items", FileQueries.list(connection, runId(ctx))));
        routes.get("/api/v1/runs/{id}/files/<path>", this::file);
        get(routes, "/api/v1/tests/history", (connection, ctx) -> TrendQueries.history(connection, required(ctx, "group"),
                required(ctx, "name"), new TrendQueries.Filter(text(ctx, "testbed"), null, text(ctx, "variant"),
                        time(ctx, "from", false), time(ctx, "to", true))));
        get(routes, "/api/v1/flaky", (connection, ctx) -> FlakyQueries.flaky(connection, new FlakyQueries.Filter(
                text(ctx, "testbed"), text(ctx, "group"), text(ctx, "variant"), integer(ctx, "last", 20),
                integer(ctx, "min_flips", 2)), page(ctx)));
        get(routes, "/api/v1/compare", (connection, ctx) -> CompareQueries.compare(connection, longValue(ctx, "base"),
                longValue(ctx, "head")));
        get(routes, "/api/v1/datasets/duration", (connection, ctx) -> TrendQueries.durations(connection, trend(ctx, "30d")));
        get(routes, "/api/v1/datasets/status", (connection, ctx) -> TrendQueries.statuses(connection, trend(ctx, "30d")));
        get(routes, "/api/v1/benchmarks", (connection, ctx) -> TrendQueries.benchmarks(connection, trend(ctx, "30d"),
                text(ctx, "name")));
        get(routes, "/api/v1/testbeds", (connection, ctx) -> Map.of("items", RunQueries.testbeds(connection)));
        get(routes, "/api/v1/campaigns/{campaign}", (connection, ctx) -> CampaignQueries.campaign(connection, campaignId(ctx)));
        routes.get("/api/v1/campaigns/{campaign}/comment.md", this::campaignComment);
    }

    /**
     * The campaign's pull-request comment, as {@code mpunit comment --campaign} posts it: markdown cut to
     * GitHub's limit, its first line the marker. Its links are absolute: on {@code ?base=} (the server's
     * address as the client reached it, which a proxy's path prefix is part of), else this request's.
     */
    private void campaignComment(Context ctx) throws Exception {
        String campaign = campaignId(ctx);
        String marker = Optional.ofNullable(text(ctx, "marker")).orElse(ReportingConfigurationKeys.DEFAULT_COMMENT_MARKER);
        if (marker.contains("-->") || marker.length() > 100) {
            throw new QueryRefused("marker '" + marker + "' cannot be a marker: give a word such as the testbed's name");
        }
        URI base;
        try {
            base = ResultsServerAddress.base(Optional.ofNullable(text(ctx, "base")).orElseGet(() -> requestBase(ctx)));
        } catch (IllegalArgumentException e) {
            throw new QueryRefused("base: " + e.getMessage());
        }
        CampaignQueries.Campaign report;
        try (Connection connection = database.connection()) {
            report = CampaignQueries.campaign(connection, campaign);
        }
        ctx.contentType("text/markdown; charset=utf-8");
        ctx.result(CampaignMarkdown.comment(report, base, marker));
    }

    /** {@code http(s)://host:port/} as the request came: the scheme a TLS proxy forwards, the Host it was sent to. */
    private static String requestBase(Context ctx) {
        return (AccessControl.secure(ctx) ? "https" : "http") + "://" + ctx.host() + "/";
    }

    private static String campaignId(Context ctx) {
        String id = ctx.pathParam("campaign");
        if (!CampaignId.valid(id)) {
            throw new QueryRefused("campaign id '" + id + "' is none: campaign ids are letters, digits and . _ - :, at most "
                    + CampaignId.MAX_LENGTH + " characters, as mpunit test --campaign gave it");
        }
        return id;
    }

    private void get(RoutesConfig routes, String path, Read read) {
        routes.get(path, ctx -> {
            try (Connection connection = database.connection()) {
                ctx.json(read.answer(connection, ctx));
            }
        });
    }

    /**
     * A run's file: as UTF-8 text when it is text, else as bytes to save; either way sandboxed and
     * never sniffed, so an output holding {@code <script>} is only ever shown.
     */
    private void file(Context ctx) throws Exception {
        long id = runId(ctx);
        String path = ctx.pathParam("path");
        FileQueries.StoredFile file;
        try (Connection connection = database.connection()) {
            file = FileQueries.read(connection, id, path).orElseThrow(() -> new NotFound("run " + id + " has no file '" + path
                    + "': GET /api/v1/runs/" + id + "/files lists its files"));
        }
        ctx.header("Content-Security-Policy", FILE_CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (isText(file)) {
            ctx.contentType("text/plain; charset=utf-8");
        } else {
            String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            ctx.contentType("application/octet-stream");
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        ctx.result(file.content());
    }

    /** Text: stored as a text type (the store labels a file by its ending, else by whether it reads as UTF-8). */
    static boolean isText(FileQueries.StoredFile file) {
        String type = file.mediaType().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("yaml");
    }

    private static TrendQueries.Filter trend(Context ctx, String defaultPeriod) {
        Instant from = time(ctx, "from", false);
        Instant to = time(ctx, "to", true);
        if (from == null) {
            from = TrendQueries.periodStart(ctx.queryParam("period"), Instant.now(), defaultPeriod);
        } else if (ctx.queryParam("period") != null) {
            throw new QueryRefused("period and from together: give one of them");
        }
        return new TrendQueries.Filter(text(ctx, "testbed"), text(ctx, "group"), text(ctx, "variant"), from, to);
    }

    static PageRequest page(Context ctx) {
        String page = ctx.queryParam("page");
        if (page != null && !page.equals("last") && !page.equals("first")) {
            throw new QueryRefused("page is '" + page + "': give last (or first), or follow a cursor");
        }
        return new PageRequest(text(ctx, "cursor"), "last".equals(page), integer(ctx, "limit", PageRequest.DEFAULT_LIMIT));
    }

    private static long runId(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new QueryRefused("run id '" + id + "' is not a number: runs are named by the id GET /api/v1/runs gives");
        }
    }

    /** A parameter's value, null when absent or empty. */
    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String required(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            throw new QueryRefused(name + " is missing: give ?" + name + "=...");
        }
        return value;
    }

    private static int integer(Context ctx, String name, int fallback) {
        String value = text(ctx, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new QueryRefused(name + " is '" + value + "': give a whole number");
        }
    }

    private static long longValue(Context ctx, String name) {
        String value = required(ctx, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new QueryRefused(name + " is '" + value + "': give a run id (a number)");
        }
    }

    private static Boolean bool(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QueryRefused(name + " is '" + value + "': give true or false");
        };
    }

    private static String choice(Context ctx, String name, String fallback, String... choices) {
        String value = text(ctx, name);
        if (value == null) {
            return fallback;
        }
        for (String choice : choices) {
            if (choice.equals(value)) {
                return value;
            }
        }
        throw new QueryRefused(name + " is '" + value + "': give " + String.join(" or ", choices));
    }

    private static Instant time(Context ctx, String name, boolean endOfDay) {
        return Times.parse(name, text(ctx, name), endOfDay);
    }
}
