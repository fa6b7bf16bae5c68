package dev.mpunit.reporting;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.mpunit.contract.CampaignId;
import dev.mpunit.contract.CommentBody;
import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ResultsServerAddress;

/**
 * {@code mpunit comment --campaign <id> --server <url>}: the one comment of a campaign (the runs of several
 * testbeds pushed with one id), as the results server composes it ({@code GET
 * /api/v1/campaigns/{id}/comment.md}: every testbed's counts and the failures matrix across all their boards,
 * cut to GitHub's limit), posted to the pull request by {@link PullRequestComment}: created once, then
 * updated in place. The last job of a CI matrix runs it, after every testbed's job pushed.
 */
public final class CampaignComment {

    /** Where a read token is taken from when the server's reading is closed ({@code ./mpunit serve --read token}). */
    public static final String READ_TOKEN_ENV = "MPUNIT_READ_TOKEN";
    /** The marker's stem: a campaign's comment is not a single run's ({@code summary}), so they do not replace each other. */
    public static final String MARKER = "campaign";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private CampaignComment() {
    }

    /**
     * The default marker: one campaign comment per pull request and workflow. A pull request tested again (a
     * new push, a re-run: a new campaign id) updates the comment in place, so it always shows the newest
     * campaign; two workflows that each run a campaign on it keep a comment each.
     *
     * @param workflow {@code GITHUB_WORKFLOW}, the workflow's name in GitHub Actions; null elsewhere
     */
    public static String defaultMarker(String workflow) {
        if (workflow == null || workflow.isBlank()) {
            return MARKER;
        }
        String name = workflow.strip().replaceAll("[^A-Za-z0-9 ._:-]", "_");
        return MARKER + ":" + (name.length() > 60 ? name.substring(0, 60) : name);
    }

    /**
     * Reads the campaign's comment from the server and posts it. Exit codes as {@code mpunit comment}'s: 0 posted,
     * 1 refused (a campaign id that is none, no such campaign, reading refused, no GitHub token, GitHub refused),
     * 2 the server or GitHub could not be reached through every retry.
     */
    public static int comment(String campaign, String server, PullRequestAddress pullRequest, String tokenVariable,
            String marker, Map<String, String> environment, Consumer<String> out, Consumer<String> err)
            throws InterruptedException {
        return run(campaign, server, pullRequest, tokenVariable, marker, environment, out, err,
                ResultsUploader.Backoff.standard());
    }

    static int run(String campaign, String server, PullRequestAddress pullRequest, String tokenVariable, String marker,
            Map<String, String> environment, Consumer<String> out, Consumer<String> err, ResultsUploader.Backoff backoff)
            throws InterruptedException {
        String id;
        URI base;
        try {
            id = CampaignId.of(campaign);
            base = ResultsServerAddress.base(server);
        } catch (IllegalArgumentException e) {
            err.accept("mpunit comment: " + e.getMessage());
            return PullRequestComment.REFUSED;
        }
        String token = environment.getOrDefault(tokenVariable, "").strip();
        PullRequestComment comment = new PullRequestComment(pullRequest, token, tokenVariable, marker);
        if (token.isEmpty()) {
            err.accept(comment.redact("mpunit comment: no comment on " + pullRequest + " ("
                    + PullRequestComment.noToken(tokenVariable) + ")"));
            return PullRequestComment.REFUSED;
        }
        URI source = base.resolve("api/v1/campaigns/" + id + "/comment.md?marker=" + encode(marker) + "&base="
                + encode(base.toString()));
        String readToken = environment.getOrDefault(READ_TOKEN_ENV, "").strip();
        Fetched fetched = fetch(source, readToken, backoff, err);
        if (fetched.body() == null) {
            err.accept(comment.redact(redact("mpunit comment: no comment on " + pullRequest + " (" + fetched.failure() + ")"
                    + (fetched.retryable() ? "; try again later" : ""), readToken)));
            return fetched.retryable() ? PullRequestComment.GAVE_UP : PullRequestComment.REFUSED;
        }
        if (!fetched.body().startsWith(CommentBody.marker(marker))) {
            err.accept("mpunit comment: " + source + " is no campaign comment (it does not start with "
                    + CommentBody.marker(marker) + "): check --server");
            return PullRequestComment.REFUSED;
        }
        PullRequestComment.Outcome outcome = comment.post(fetched.body(), backoff, err);
        if (outcome.posted()) {
            out.accept(comment.redact("mpunit: campaign " + id + (outcome.kind() == PullRequestComment.Kind.UPDATED
                    ? " updated the comment on " : " is a new comment on ") + pullRequest + ": " + outcome.detail()));
            return PullRequestComment.POSTED;
        }
        err.accept(comment.redact("mpunit comment: no comment on " + pullRequest + " (" + outcome.detail() + ")"
                + (outcome.kind() == PullRequestComment.Kind.FAILED ? "; try again later" : "")));
        return outcome.kind() == PullRequestComment.Kind.REFUSED ? PullRequestComment.REFUSED : PullRequestComment.GAVE_UP;
    }

    /** The comment's markdown, or why there is none and whether trying later may help. */
    private record Fetched(String body, String failure, boolean retryable) {
    }

    private static Fetched fetch(URI source, String readToken, ResultsUploader.Backoff backoff, Consumer<String> log)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(source).timeout(ANSWER_TIMEOUT).GET();
        if (!readToken.isEmpty()) {
            request.header("Authorization", "Bearer " + readToken);
        }
        int tries = backoff.delays().size() + 1;
        for (int retry = 0; ; retry++) {
            Fetched fetched = once(client, request.build(), source);
            if (!fetched.retryable() || retry == backoff.delays().size()) {
                return fetched;
            }
            Duration wait = backoff.wait(retry, Optional.empty());
            log.accept(redact("mpunit: " + fetched.failure() + "; trying again in " + ResultsUploader.seconds(wait) + " (try "
                    + (retry + 2) + " of " + tries + ")", readToken));
            backoff.sleeper().sleep(wait);
        }
    }

    private static Fetched once(HttpClient client, HttpRequest request, URI source) throws InterruptedException {
        String server = source.getScheme() + "://" + source.getRawAuthority();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e instanceof ConnectException ? "cannot connect to " + source.getRawAuthority()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Fetched(null, "could not read the campaign from " + server + " (" + why + ")", true);
        }
        int status = response.statusCode();
        if (status == 200) {
            return new Fetched(response.body(), null, false);
        }
        Object error = ResultsUploader.jsonObject(response.body()).get("error");
        String reason = "HTTP " + status + ": " + (error instanceof String text ? text : ResultsUploader.firstLine(response.body()));
        if (status >= 500 || status == 429) {
            return new Fetched(null, "could not read the campaign from " + server + " (" + reason + ")", true);
        }
        if (status == 401) {
            return new Fetched(null, "the results server " + server + " lets only readers with a token read (" + reason
                    + "): set " + READ_TOKEN_ENV + " to a read token (./mpunit serve token create --read prints one)", false);
        }
        return new Fetched(null, (status == 404 ? "the results server " + server + " has no such campaign"
                : "the results server " + server + " refused to give the campaign's comment") + " (" + reason + ")", false);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String redact(String text, String readToken) {
        return readToken.isEmpty() ? text : text.replace(readToken, Secrets.MASK);
    }
}
