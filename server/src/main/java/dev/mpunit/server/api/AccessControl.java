package dev.mpunit.server.api;

import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;

import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.ingest.UploadRejected;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Tokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;

/**
 * Who may read. Reading is public by default; with {@code --read token} every {@code GET} (the API
 * and the pages) needs a read token, sent as {@code Authorization: Bearer} or held in the HttpOnly
 * cookie {@value #COOKIE} that {@code POST /login} sets from the small {@code /login} form. The
 * server's scripts, styles and charts library hold no results and stay open, so the form has its
 * looks. A token is never put in a page, a URL or a log line.
 */
final class AccessControl {

    static final String COOKIE = "mpunit_read";
    private static final int COOKIE_DAYS = 30;

    private final boolean closed;
    private final Tokens tokens;

    AccessControl(ServerConfiguration configuration, Database database) {
        this.closed = configuration.readClosed();
        this.tokens = new Tokens(database);
    }

    void register(RoutesConfig routes) {
        if (closed) {
            routes.before(this::checkReader);
        }
        routes.get("/login", ctx -> loginPage(ctx, null));
        routes.post("/login", this::login);
        routes.post("/logout", ctx -> {
            ctx.removeCookie(COOKIE, "/");
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
    }

    /** The token of an {@code Authorization: Bearer} header. */
    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip()).filter(token -> !token.isEmpty());
    }

    private void checkReader(Context ctx) throws UploadRejected, SQLException {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD || open(ctx.path())) {
            return;
        }
        Optional<String> token = bearer(ctx).or(() -> Optional.ofNullable(ctx.cookie(COOKIE)));
        if (token.isPresent() && tokens.verify(token.get()).filter(holder -> holder.kind() == Tokens.Kind.READ).isPresent()) {
            return;
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UploadRejected(401, (token.isPresent() ? "invalid read token: unknown or revoked" : "missing read token")
                    + ": reading is closed on this server; send 'Authorization: Bearer mpt_…' with a read token "
                    + "(mpunit serve token create --read makes one)");
        }
        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }

    /** What needs no token: the login form and the server's own static files (no results in them). */
    private static boolean open(String path) {
        return path.equals("/login") || path.startsWith("/static/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    private void login(Context ctx) throws SQLException {
        String token = Optional.ofNullable(ctx.formParam("token")).map(String::strip).orElse("");
        boolean reader = !token.isEmpty()
                && tokens.verify(token).filter(holder -> holder.kind() == Tokens.Kind.READ).isPresent();
        if (!reader) {
            ctx.status(401);
            loginPage(ctx, token.isEmpty() ? "Give a read token." : "That is not a valid read token (unknown, revoked, or a push token).");
            return;
        }
        Cookie cookie = new Cookie(COOKIE, token, "/", COOKIE_DAYS * 24 * 3600, secure(ctx), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    /** Behind a TLS proxy the request arrives as http; the proxy's header tells the browser's scheme. */
    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    /** Only a path on this server: a login link must not send anyone elsewhere. */
    static String next(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/";
        }
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getAuthority() == null ? next : "/";
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
    }

    private void loginPage(Context ctx, String problem) {
        String next = next(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>mpunit results: sign in</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>"
                + "<main><h1>mpunit results</h1>");
        if (!closed) {
            page.append("<p>Reading is public on this server: no token needed. <a href=\"/\">Runs</a></p>");
        } else {
            page.append("<p>Reading is closed on this server. Give a read token (<code>mpunit serve token create --read</code> "
                    + "makes one).</p>");
            if (problem != null) {
                page.append("<p class=\"error\" role=\"alert\">").append(escape(problem)).append("</p>");
            }
            page.append("<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"")
                    .append(escape(next)).append("\"><label>Read token <input type=\"password\" name=\"token\" "
                            + "autocomplete=\"current-password\" required></label> <button type=\"submit\">Sign in</button></form>");
        }
        page.append("</main></body></html>\n");
        ctx.contentType("text/html; charset=utf-8").result(page.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
