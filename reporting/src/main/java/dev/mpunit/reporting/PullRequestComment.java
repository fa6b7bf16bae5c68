package dev.mpunit.reporting;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.contract.CommentBody;
import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * Posts a results folder's summary ({@code summary_report.md}) to a pull request as a comment through
 * GitHub's REST API ({@code docs/pull-request-comment.md}): the comment carrying the marker is looked
 * for among the pull request's comments (every page), updated in place when there is one, created
 * otherwise. Each request is tried again with {@link ResultsUploader.Backoff} when no answer, a 5xx or a
 * rate limit came back. The results folder listener posts at the end of a run when
 * {@value ReportingConfigurationKeys#RESULTS_COMMENT_REPO} is set, {@code mpunit comment} later.
 *
 * <p>The token travels only in the {@code Authorization} header, and only to the API's own host (a
 * next page elsewhere is not followed); every message passes {@link #redact}.
 */
public final class PullRequestComment {

    /** The REST API version the requests are written for. */
    static final String API_VERSION = "2022-11-28";
    static final String MEDIA_TYPE = "application/vnd.github+json";
    static final int POSTED = 0;
    static final int REFUSED = 1;
    static final int GAVE_UP = 2;
    /**
     * The waits at the end of a run: shorter than {@code mpunit comment}'s, so that GitHub being down holds up
     * the end of a run for seconds, not the half minute the command may wait; the message gives the command.
     */
    static final List<Duration> AT_RUN_END = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    enum Kind {
        CREATED, UPDATED,
        /** 4xx (but rate limits): the same request would be refused again. */
        REFUSED,
        /** No answer, a 5xx, a rate limit: the retries ran out. */
        FAILED
    }

    /** @param detail the comment's page for a posted one, else why it was not posted */
    record Outcome(Kind kind, String detail) {
        boolean posted() {
            return kind == Kind.CREATED || kind == Kind.UPDATED;
        }
    }

    /** One answer, or why none came; {@code retryAfter} when the API asked to wait. */
    private record Answer(int status, String body, Optional<String> next, Optional<Duration> retryAfter, String failure) {
        boolean retryable() {
            return failure != null || status >= 500 || status == 429 || rateLimited();
        }

        boolean rateLimited() {
            // GitHub answers a rate limit with 403 (or 429) and a Retry-After or an exhausted quota.
            return status == 403 && retryAfter.isPresent();
        }
    }

    private final PullRequestAddress pullRequest;
    private final String token;
    private final String tokenVariable;
    private final String marker;
    private final HttpClient client;

    /** @param tokenVariable where the token came from, for the messages that say what to set */
    PullRequestComment(PullRequestAddress pullRequest, String token, String tokenVariable, String marker) {
        this.pullRequest = pullRequest;
        this.token = token;
        this.tokenVariable = tokenVariable;
        this.marker = marker;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The body posted for a folder: its summary, cut to {@link CommentBody#LIMIT}, linking the full report. */
    static String body(Path folder, String marker, Optional<String> runPage, Map<String, String> environment)
            throws IOException {
        String summary = Files.readString(folder.resolve(Summary.MARKDOWN), StandardCharsets.UTF_8);
        String elsewhere = "`" + Summary.HTML + "` in the results folder `" + folder + "`";
        // In GitHub Actions the folder is usually kept as the workflow run's artifact: its page is where to look.
        String server = environment.get("GITHUB_SERVER_URL");
        String repository = environment.get("GITHUB_REPOSITORY");
        String runId = environment.get("GITHUB_RUN_ID");
        if (server != null && repository != null && runId != null) {
            elsewhere += " of [the workflow run](" + server + "/" + repository + "/actions/runs/" + runId + ")";
        }
        return CommentBody.compose(summary, marker, runPage, elsewhere, CommentBody.LIMIT);
    }

    /**
     * Finds the comment with the marker and updates it, or creates one; tried again from the start while
     * no answer, a 5xx or a rate limit comes back and retries are left. From the start, not the failed
     * request alone: a comment created whose answer was lost is found by its marker and updated, not
     * created twice.
     */
    Outcome post(String body, ResultsUploader.Backoff backoff, Consumer<String> log) throws InterruptedException {
        int tries = backoff.delays().size() + 1;
        for (int retry = 0; ; retry++) {
            Attempt attempt = attempt(body);
            if (attempt.outcome().kind() != Kind.FAILED || retry == backoff.delays().size()) {
                return attempt.outcome();
            }
            Duration wait = backoff.wait(retry, attempt.retryAfter());
            log.accept(redact("mpunit: " + attempt.outcome().detail() + "; trying again in " + ResultsUploader.seconds(wait)
                    + " (try " + (retry + 2) + " of " + tries + ")"));
            backoff.sleeper().sleep(wait);
        }
    }

    /** What one pass came to, and how long the API asked to wait before the next. */
    private record Attempt(Outcome outcome, Optional<Duration> retryAfter) {
    }

    private Attempt attempt(String body) throws InterruptedException {
        Optional<Long> existing = Optional.empty();
        // GitHub's largest page: a pull request with a long conversation is read in few requests.
        URI page = URI.create(pullRequest.comments() + "?per_page=100");
        while (page != null && existing.isEmpty()) {
            Answer answer = once(request(HttpRequest.newBuilder(page).GET()));
            if (answer.status() != 200) {
                return failed(answer, "read the comments of");
            }
            existing = withMarker(answer.body());
            page = answer.next().map(URI::create).orElse(null);
            if (page != null && !sameOrigin(page)) {
                return new Attempt(new Outcome(Kind.REFUSED, "the next page of comments is on " + page.getAuthority()
                        + ", not on " + pullRequest.api().getAuthority() + ": the token is not sent there; check --api-url"),
                        Optional.empty());
            }
        }
        HttpRequest.BodyPublisher content = HttpRequest.BodyPublishers.ofString(Json.write(Map.of("body", body)),
                StandardCharsets.UTF_8);
        Answer answer = once(request(existing.isPresent()
                ? HttpRequest.newBuilder(pullRequest.comment(existing.get())).method("PATCH", content)
                : HttpRequest.newBuilder(pullRequest.comments()).POST(content)));
        if (answer.status() != (existing.isPresent() ? 200 : 201)) {
            return failed(answer, existing.isPresent() ? "update the comment on" : "comment on");
        }
        Object url = ResultsUploader.jsonObject(answer.body()).get("html_url");
        return new Attempt(new Outcome(existing.isPresent() ? Kind.UPDATED : Kind.CREATED,
                url == null ? pullRequest.toString() : url.toString()), Optional.empty());
    }

    private HttpRequest request(HttpRequest.Builder builder) {
        return builder.timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", MEDIA_TYPE)
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "mpunit")
                .header("Content-Type", "application/json; charset=utf-8")
                .build();
    }

    private Answer once(HttpRequest request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(0, "", Optional.empty(), Optional.empty(), describe(e));
        }
        Optional<String> next = response.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1));
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(ResultsUploader::seconds);
        if (retryAfter.isEmpty() && response.headers().firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
            retryAfter = Optional.of(Duration.ofMinutes(1));
        }
        return new Answer(response.statusCode(), response.body(), next, retryAfter, null);
    }

    /** What a refused or failed request means for whoever runs mpunit: what to set or to check. */
    private Attempt failed(Answer answer, String doing) {
        String reason = reason(answer);
        if (answer.retryable()) {
            return new Attempt(new Outcome(Kind.FAILED, "could not " + doing + " " + pullRequest + " (" + reason + ")"),
                    answer.retryAfter());
        }
        String what = switch (answer.status()) {
            case 401 -> "GitHub does not accept the token in " + tokenVariable + " (" + reason + "): set " + tokenVariable
                    + " to a valid token (in GitHub Actions: env: " + tokenVariable + ": ${{ secrets.GITHUB_TOKEN }})";
            case 403 -> "the token in " + tokenVariable + " may not " + doing + " " + pullRequest + " (" + reason + "): give it"
                    + " pull_requests: write and issues: write (a workflow's permissions:, a fine-grained token's"
                    + " repository permissions; a classic token needs the repo or public_repo scope)";
            case 404 -> "no pull request " + pullRequest + " that the token in " + tokenVariable + " can see (" + reason
                    + "): check the repository and the number, and that the token has access to the repository";
            default -> "could not " + doing + " " + pullRequest + " (" + reason + ")";
        };
        return new Attempt(new Outcome(Kind.REFUSED, what), Optional.empty());
    }

    private static String reason(Answer answer) {
        if (answer.failure() != null) {
            return answer.failure();
        }
        Object message = ResultsUploader.jsonObject(answer.body()).get("message");
        return "HTTP " + answer.status() + ": " + (message instanceof String text ? text : ResultsUploader.firstLine(answer.body()));
    }

    /** The id of the first comment (the oldest on the page) whose body carries the marker. */
    private Optional<Long> withMarker(String page) {
        Object parsed;
        try {
            parsed = JsonReader.parse(page);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (parsed instanceof List<?> comments) {
            for (Object comment : comments) {
                if (comment instanceof Map<?, ?> fields && fields.get("body") instanceof String body
                        && body.contains(CommentBody.marker(marker)) && fields.get("id") instanceof Long id) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    private boolean sameOrigin(URI page) {
        URI api = pullRequest.api();
        return api.getScheme().equalsIgnoreCase(page.getScheme()) && api.getAuthority().equalsIgnoreCase(page.getAuthority());
    }

    /** The token, written out in any message, as {@value Secrets#MASK}. */
    String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, Secrets.MASK);
    }

    /** What a posted comment prints. */
    String postedMessage(Path folder, Outcome outcome) {
        return redact("mpunit: the summary of " + folder + (outcome.kind() == Kind.UPDATED ? " updated the comment on "
                : " is a new comment on ") + pullRequest + ": " + outcome.detail());
    }

    /** What a comment not posted prints: why, that the run's result stands, and the command that posts it later. */
    String notPostedMessage(Path folder, String reason, Optional<String> runPage) {
        return redact("mpunit: no comment on " + pullRequest + " (" + reason + "); the run's result stands; post it later with "
                + command(folder, runPage));
    }

    String command(Path folder, Optional<String> runPage) {
        StringBuilder command = new StringBuilder("./mpunit comment ").append(ResultsUploader.shellWord(folder.toString()))
                .append(" --repo ").append(pullRequest.repo()).append(" --pr ").append(pullRequest.number());
        if (!pullRequest.api().toString().equals(ReportingConfigurationKeys.DEFAULT_COMMENT_API_URL + "/")) {
            String api = pullRequest.api().toString();
            command.append(" --api-url ").append(ResultsUploader.shellWord(api.substring(0, api.length() - 1)));
        }
        if (!tokenVariable.equals(ReportingConfigurationKeys.DEFAULT_COMMENT_TOKEN_ENV)) {
            command.append(" --token-env ").append(ResultsUploader.shellWord(tokenVariable));
        }
        if (!marker.equals(ReportingConfigurationKeys.DEFAULT_COMMENT_MARKER)) {
            command.append(" --marker ").append(ResultsUploader.shellWord(marker));
        }
        runPage.ifPresent(page -> command.append(" --run-url ").append(ResultsUploader.shellWord(page)));
        return command.toString();
    }

    /**
     * What {@code mpunit comment} does: posts the folder's summary, with retries. Exit codes: 0 posted
     * (created or updated), 1 refused (by GitHub, or the command cannot be carried out as given: no
     * token, no summary), 2 GitHub could not be reached or was busy through every retry.
     *
     * @param runPage the run's page on the results server, when the folder was pushed
     */
    public static int comment(Path folder, PullRequestAddress pullRequest, String tokenVariable, String marker,
            Optional<String> runPage, Map<String, String> environment, Consumer<String> out, Consumer<String> err)
            throws InterruptedException {
        return run(folder, pullRequest, tokenVariable, marker, runPage, environment, out, err, ResultsUploader.Backoff.standard(),
                false);
    }

    static int run(Path folder, PullRequestAddress pullRequest, String tokenVariable, String marker, Optional<String> runPage,
            Map<String, String> environment, Consumer<String> out, Consumer<String> err, ResultsUploader.Backoff backoff,
            boolean atRunEnd) throws InterruptedException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve(Summary.MARKDOWN))) {
            err.accept("mpunit comment: " + absolute + " has no " + Summary.MARKDOWN + ": give the folder a run wrote"
                    + " (micropython.results.dir, ./mpunit's results/<yyyymmdd-HHMMSS>), or rebuild its summary with"
                    + " ./mpunit report " + ResultsUploader.shellWord(absolute.toString()));
            return REFUSED;
        }
        String token = environment.getOrDefault(tokenVariable, "").strip();
        PullRequestComment comment = new PullRequestComment(pullRequest, token, tokenVariable, marker);
        if (token.isEmpty()) {
            err.accept(atRunEnd ? comment.notPostedMessage(absolute, noToken(tokenVariable), runPage)
                    : comment.redact("mpunit comment: no comment on " + pullRequest + " (" + noToken(tokenVariable) + ")"));
            return REFUSED;
        }
        Outcome outcome;
        try {
            outcome = comment.post(body(absolute, marker, runPage, environment), backoff, err);
        } catch (IOException e) {
            err.accept("mpunit comment: " + absolute.resolve(Summary.MARKDOWN) + " cannot be read: " + e.getMessage());
            return REFUSED;
        }
        if (outcome.posted()) {
            out.accept(comment.postedMessage(absolute, outcome));
            return POSTED;
        }
        // The command itself is told only why (and, when GitHub could not be reached, to try again); a run also
        // that its result stands and the command that posts the comment later.
        err.accept(atRunEnd ? comment.notPostedMessage(absolute, outcome.detail(), runPage)
                : comment.redact("mpunit comment: no comment on " + pullRequest + " (" + outcome.detail() + ")"
                        + (outcome.kind() == Kind.FAILED ? "; try again later" : "")));
        return outcome.kind() == Kind.REFUSED ? REFUSED : GAVE_UP;
    }

    /**
     * At the end of a run (the results folder listener): posts, saying on stdout where, or on stderr why
     * not and the command that posts it later; never throws, never changes the run's result.
     */
    static void afterRun(Path folder, PullRequestAddress pullRequest, String tokenVariable, String marker,
            Optional<String> runPage, Map<String, String> environment, ResultsUploader.Backoff backoff) {
        try {
            run(folder, pullRequest, tokenVariable, marker, runPage, environment, System.out::println, System.err::println,
                    backoff, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("mpunit: no comment on " + pullRequest + " (interrupted); the run's result stands");
        }
        System.err.flush();
    }

    static String noToken(String tokenVariable) {
        return "no GitHub token: the environment variable " + tokenVariable + " is not set; set it to a token that may"
                + " write the pull request's comments (pull_requests: write and issues: write; in GitHub Actions: env: "
                + tokenVariable + ": ${{ secrets.GITHUB_TOKEN }})";
    }

    private String describe(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String authority = pullRequest.api().getAuthority();
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + authority + " within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + authority + " within " + ANSWER_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + authority + message;
        }
        return e.getClass().getSimpleName() + message;
    }

    @Override
    public String toString() {
        // Never the token.
        return "PullRequestComment[" + pullRequest + ", marker " + marker + "]";
    }
}
