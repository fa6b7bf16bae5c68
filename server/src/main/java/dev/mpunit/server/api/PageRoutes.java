package dev.mpunit.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

import dev.mpunit.contract.CampaignId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;

/**
 * The pages a maintainer reads. Every page is the same static shell, {@code web/page.html}; its
 * {@code app.js} tells the pages apart by their path, fetches the JSON API and puts every value from
 * a run into the page as text. The server fills nothing in, so nothing a test printed can become
 * markup here.
 */
final class PageRoutes {

    private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private PageRoutes() {
    }

    static void register(RoutesConfig routes) {
        byte[] shell = shell("page.html");
        Handler page = ctx -> send(ctx, shell);
        Handler runPage = runPage(shell);
        routes.get("/", page);
        routes.get("/runs/{id}", runPage);
        routes.get("/runs/{id}/results", runPage);
        routes.get("/runs/{id}/files", runPage);
        routes.get("/runs/{id}/files/<path>", runPage);
        routes.get("/tests", page);
        routes.get("/flaky", page);
        routes.get("/trends", page);
        routes.get("/compare", page);
        routes.get("/campaigns/{campaign}", ctx -> {
            if (!CampaignId.valid(ctx.pathParam("campaign"))) {
                throw new NotFoundResponse("no campaign '" + ctx.pathParam("campaign") + "': a campaign's id is letters, digits"
                        + " and . _ - :, as mpunit test --campaign gave it");
            }
            send(ctx, shell);
        });
    }

    /** A run's pages answer 404 for an id that cannot be one, before the page asks the API. */
    private static Handler runPage(byte[] shell) {
        return ctx -> {
            if (!RUN_ID.matcher(ctx.pathParam("id")).matches()) {
                throw new NotFoundResponse("no run '" + ctx.pathParam("id") + "': a run's id is a number, as on the runs page");
            }
            send(ctx, shell);
        };
    }

    private static void send(Context ctx, byte[] shell) {
        ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(shell);
    }

    /** Read once at start: a missing shell is a packaging error, found before the first request. */
    private static byte[] shell(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the page web/" + name + " is missing from the server's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
