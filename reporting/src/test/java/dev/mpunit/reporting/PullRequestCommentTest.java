package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.contract.CommentBody;
import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.reporting.GitHubStandIn.Comment;
import dev.mpunit.reporting.GitHubStandIn.Request;

/**
 * {@code mpunit comment} against a local stand-in of GitHub's API that checks every request: the
 * comment created once, then updated in place; the marker found on a later page; a summary over
 * GitHub's limit cut; a token missing, rejected or without the right to write, and GitHub down for a while.
 */
class PullRequestCommentTest {

    static final String TOKEN = "ghs_t0ken-of-the-pull-request-test";
    static final String REPO = "micropython/micropython";
    static final int PR = 17042;
    static final String RUN_PAGE = "https://results.example.org/runs/17";
    static final String SUMMARY = """
            # MicroPython test summary

            | | |
            |---|---|
            | Trigger | PR #17042 |
            | Testbed | lab\\_1 |

            | Group | Runs | Passed | Ignored | Skipped | Xfailed | Failed | Flaky | Quarantined |
            |---|--:|--:|--:|--:|--:|--:|--:|--:|
            | RUN-TESTS\\_STANDARD | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 |

            ## RUN-TESTS\\_STANDARD

            Failures (**failed everywhere**, *flaky*):

            | Test | webassembly |
            |---|---|
            | **basics/bad.py** | [FAIL](RUN-TESTS_STANDARD@webassembly/basics_bad.py.out) |
            """;

    @TempDir
    Path temp;

    private GitHubStandIn github;
    private Path folder;
    private final List<Duration> waits = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        github = new GitHubStandIn(REPO, PR, TOKEN);
        folder = Files.createDirectories(temp.resolve("results/20261206-210000"));
        Files.writeString(folder.resolve("summary_report.md"), SUMMARY);
    }

    @AfterEach
    void stop() {
        assertThat(github.wrong()).as("every request as GitHub wants it").isEmpty();
        github.close();
    }

    private int comment(Map<String, String> environment, Optional<String> runPage, String marker) throws InterruptedException {
        out.reset();
        err.reset();
        ResultsUploader.Backoff backoff = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.5);
        return PullRequestComment.run(folder, PullRequestAddress.of(REPO, String.valueOf(PR), github.url()), "GITHUB_TOKEN",
                marker, runPage, environment, lines(out), lines(err), backoff, true);
    }

    private int comment() throws InterruptedException {
        return comment(Map.of("GITHUB_TOKEN", TOKEN), Optional.of(RUN_PAGE), "summary");
    }

    private static java.util.function.Consumer<String> lines(ByteArrayOutputStream stream) {
        PrintStream print = new PrintStream(stream, true, StandardCharsets.UTF_8);
        return print::println;
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCommentIsCreatedOnceThenUpdatedInPlace() throws Exception {
        long someoneElse = github.existing("reviewer", "Looks good, but what do the tests say?");

        assertThat(comment()).as(printed()).isZero();

        assertThat(github.requests()).extracting(Request::method, Request::path, Request::query).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/repos/" + REPO + "/issues/" + PR + "/comments", "per_page=100"),
                org.assertj.core.groups.Tuple.tuple("POST", "/repos/" + REPO + "/issues/" + PR + "/comments", null));
        assertThat(github.requests()).allSatisfy(request -> {
            assertThat(request.headers()).containsEntry("authorization", "Bearer " + TOKEN)
                    .containsEntry("accept", "application/vnd.github+json").containsEntry("x-github-api-version", "2022-11-28");
        });
        assertThat(github.comments()).hasSize(2);
        Comment posted = github.comments().get(1);
        assertThat(posted.body()).startsWith("<!-- mpunit:summary -->\n# MicroPython test summary\n")
                .contains("| RUN-TESTS\\_STANDARD | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 |")
                .contains("[FAIL](" + RUN_PAGE + "/files/RUN-TESTS_STANDARD@webassembly/basics_bad.py.out)")
                .endsWith("\n---\nFull report: [the run on the results server](" + RUN_PAGE + ")\n");
        assertThat(JsonReader.parse(github.requests().get(1).body())).isEqualTo(Map.of("body", posted.body()));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("mpunit: the summary of " + folder
                + " is a new comment on " + REPO + "#" + PR + ": https://github.com/" + REPO + "/pull/" + PR + "#issuecomment-"
                + posted.id() + "\n");

        // The next run of the same pull request: the same comment, now saying what this run found.
        Files.writeString(folder.resolve("summary_report.md"), SUMMARY.replace("| 2 | 1 | 0 | 0 | 0 | 1 |", "| 2 | 2 | 0 | 0 | 0 | 0 |"));
        assertThat(comment()).as(printed()).isZero();

        assertThat(github.requests()).hasSize(4);
        Request patch = github.requests().get(3);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.path()).isEqualTo("/repos/" + REPO + "/issues/comments/" + posted.id());
        assertThat(patch.headers()).containsEntry("authorization", "Bearer " + TOKEN);
        assertThat(github.comments()).as("updated, not duplicated").extracting(Comment::id)
                .containsExactly(someoneElse, posted.id());
        assertThat(github.comments().get(1).body()).contains("| RUN-TESTS\\_STANDARD | 2 | 2 | 0 | 0 | 0 | 0 |");
        assertThat(github.comments().get(0).body()).isEqualTo("Looks good, but what do the tests say?");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("updated the comment on " + REPO + "#" + PR);
        assertThat(printed()).doesNotContain(TOKEN);
    }

    @Test
    void theMarkerIsFoundOnTheSecondPageAndAnotherMarkerIsAnotherComment() throws Exception {
        for (int i = 0; i < 130; i++) {
            github.existing("reviewer", "comment " + i + (i == 7 ? " about mpunit:summary, no marker" : ""));
        }
        github.existing("lab-bot", "<!-- mpunit:au_damien_1 -->\n# another testbed's summary");
        long ours = github.existing("mpunit-bot", "<!-- mpunit:summary -->\nthe previous run");
        github.existing("reviewer", "comment after it");

        assertThat(comment()).as(printed()).isZero();

        assertThat(github.requests()).extracting(request -> request.method() + " " + request.path()
                        + (request.query() == null ? "" : "?" + request.query()))
                .containsExactly("GET /repos/" + REPO + "/issues/" + PR + "/comments?per_page=100",
                        "GET /repos/" + REPO + "/issues/" + PR + "/comments?per_page=100&page=2",
                        "PATCH /repos/" + REPO + "/issues/comments/" + ours);
        assertThat(github.comments()).hasSize(133);
        assertThat(github.comments()).filteredOn(comment -> comment.id() == ours).singleElement()
                .satisfies(comment -> assertThat(comment.body()).contains("# MicroPython test summary"));

        // A testbed posting under its own marker gets a comment of its own.
        assertThat(comment(Map.of("GITHUB_TOKEN", TOKEN), Optional.of(RUN_PAGE), "ch_hans_1")).as(printed()).isZero();
        assertThat(github.comments()).hasSize(134);
        assertThat(github.comments().get(133).body()).startsWith("<!-- mpunit:ch_hans_1 -->\n");
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowedTheTokenGoesNowhereElse() throws Exception {
        for (int i = 0; i < 101; i++) {
            github.existing("reviewer", "comment " + i);
        }
        github.pagesOn("http://elsewhere.example.org:8080");

        assertThat(comment()).isEqualTo(PullRequestComment.REFUSED);

        assertThat(github.requests()).hasSize(1);
        assertThat(github.comments()).hasSize(101);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(the next page of comments is on elsewhere.example.org:8080,"
                + " not on 127.0.0.1:" + github.url().substring(github.url().lastIndexOf(':') + 1)
                + ": the token is not sent there; check --api-url)");
    }

    @Test
    void aSummaryOverGitHubsLimitIsCutKeepingTheHeaderTheGroupsAndTheFailuresItCan() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            rows.append("| **basics/generated_").append(i).append(".py** | [FAIL](RUN-TESTS_STANDARD@webassembly/basics_generated_")
                    .append(i).append(".py.out) |\n");
        }
        String huge = SUMMARY + rows + "\n## RUN-MULTITESTS\n\nFailures:\n\n| Test | webassembly |\n|---|---|\n| a | b |\n"
                + "\n## Benchmarks\n\n| Benchmark | Variant |\n|---|---|\n| bm\\_fft.py | webassembly |\n";
        Files.writeString(folder.resolve("summary_report.md"), huge);
        assertThat(huge.length()).isGreaterThan(2 * CommentBody.LIMIT);

        assertThat(comment()).as(printed()).isZero();

        String body = github.comments().get(0).body();
        assertThat(body.length()).isLessThanOrEqualTo(CommentBody.LIMIT).isGreaterThan(CommentBody.LIMIT - 1000);
        assertThat(body).startsWith("<!-- mpunit:summary -->\n# MicroPython test summary\n")
                .contains("| Testbed | lab\\_1 |", "| RUN-TESTS\\_STANDARD | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 |",
                        "## RUN-TESTS\\_STANDARD", "| **basics/bad.py** |", "| **basics/generated_0.py** |")
                .doesNotContain("generated_2999", "bm\\_fft");
        String cut = body.lines().filter(line -> line.startsWith("**Cut to fit")).findFirst().orElseThrow();
        assertThat(cut).matches("\\*\\*Cut to fit GitHub's comment limit \\(65,536 characters\\):\\*\\* \\d+ lines of"
                + " \"RUN-TESTS\\\\_STANDARD\" and the sections \"RUN-MULTITESTS\", \"Benchmarks\" left out;"
                + " all of it is in the full report below\\.");
        assertThat(body).endsWith("Full report: [the run on the results server](" + RUN_PAGE + ")\n");
        // Whole table rows only: the last one kept is a row, the cut falls between rows.
        String beforeCut = body.substring(0, body.indexOf("\n**Cut to fit"));
        assertThat(beforeCut.lines().reduce((a, b) -> b).orElseThrow()).matches("\\| \\*\\*basics/generated_\\d+\\.py\\*\\* \\|.*\\|");
        int keptRows = (int) beforeCut.lines().filter(line -> line.contains("generated_")).count();
        assertThat(cut).contains(" " + (3000 - keptRows) + " lines of");
    }

    @Test
    void withoutAPushTheLinksArePlainWordsAndTheFullReportIsTheFolderOrTheWorkflowRun() throws Exception {
        assertThat(comment(Map.of("GITHUB_TOKEN", TOKEN), Optional.empty(), "summary")).as(printed()).isZero();
        assertThat(github.comments().get(0).body()).contains("| **basics/bad.py** | FAIL |")
                .endsWith("Full report: `summary_report.html` in the results folder `" + folder + "`\n");

        Map<String, String> actions = new HashMap<>(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "lab/mpunit-runs", "GITHUB_RUN_ID", "9876543210"));
        assertThat(comment(actions, Optional.empty(), "summary")).as(printed()).isZero();
        assertThat(github.comments()).singleElement().satisfies(comment -> assertThat(comment.body()).endsWith(
                "`summary_report.html` in the results folder `" + folder + "` of [the workflow run]"
                        + "(https://github.com/lab/mpunit-runs/actions/runs/9876543210)\n"));
    }

    @Test
    void noTokenNothingIsSentAndTheMessageSaysWhatToSet() throws Exception {
        assertThat(comment(Map.of(), Optional.of(RUN_PAGE), "summary")).isEqualTo(PullRequestComment.REFUSED);

        assertThat(github.requests()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("mpunit: no comment on " + REPO + "#" + PR
                + " (no GitHub token: the environment variable GITHUB_TOKEN is not set; set it to a token that may write"
                + " the pull request's comments (pull_requests: write and issues: write; in GitHub Actions: env: GITHUB_TOKEN:"
                + " ${{ secrets.GITHUB_TOKEN }})); the run's result stands; post it later with ./mpunit comment " + folder
                + " --repo " + REPO + " --pr " + PR + " --api-url " + github.url() + " --run-url " + RUN_PAGE + "\n");
    }

    @Test
    void aRejectedTokenIsNamedWithWhatToSetAndNeverShown() throws Exception {
        String wrong = "ghp_revoked-or-mistyped-token";
        assertThat(comment(Map.of("GITHUB_TOKEN", wrong), Optional.of(RUN_PAGE), "summary")).isEqualTo(PullRequestComment.REFUSED);

        assertThat(github.requests()).as("a refusal is not retried").hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("mpunit: no comment on " + REPO + "#" + PR
                + " (GitHub does not accept the token in GITHUB_TOKEN (HTTP 401: Bad credentials): set GITHUB_TOKEN to a valid"
                + " token (in GitHub Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})); the run's result stands;");
        assertThat(printed()).doesNotContain(wrong);
        assertThat(github.comments()).isEmpty();
    }

    @Test
    void aTokenThatMayNotWriteIsToldWhichRightsToGive() throws Exception {
        String reader = "ghp_read-only-token-of-the-test";
        github.readOnly(reader);

        assertThat(comment(Map.of("GITHUB_TOKEN", reader), Optional.of(RUN_PAGE), "summary")).isEqualTo(PullRequestComment.REFUSED);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(the token in GITHUB_TOKEN may not comment on " + REPO + "#"
                + PR + " (HTTP 403: Resource not accessible by integration): give it pull_requests: write and issues: write");
        assertThat(printed()).doesNotContain(reader);
        assertThat(github.comments()).isEmpty();
    }

    @Test
    void aPullRequestTheTokenCannotSeeIsNamed() throws Exception {
        ResultsUploader.Backoff backoff = new ResultsUploader.Backoff(ResultsUploader.DELAYS, waits::add, () -> 0.5);
        int code = PullRequestComment.run(folder, PullRequestAddress.of(REPO, "1", github.url()), "GITHUB_TOKEN", "summary",
                Optional.empty(), Map.of("GITHUB_TOKEN", TOKEN), lines(out), lines(err), backoff, true);

        assertThat(code).isEqualTo(PullRequestComment.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(no pull request " + REPO + "#1 that the token in GITHUB_TOKEN"
                + " can see (HTTP 404: Not Found): check the repository and the number");
    }

    @Test
    void serverErrorsAreTriedAgainWithBackoffUntilTheCommentIsPosted() throws Exception {
        github.failing(502, 503);

        assertThat(comment()).as(printed()).isZero();

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "mpunit: could not read the comments of " + REPO + "#" + PR + " (HTTP 502: Server Error); trying again in 1 s (try 2 of 6)",
                "(HTTP 503: Server Error); trying again in 2 s (try 3 of 6)");
        assertThat(github.comments()).hasSize(1);
    }

    @Test
    void aCommentCreatedWhoseAnswerWasLostIsFoundAgainNotCreatedTwice() throws Exception {
        github.losingTheAnswerOfTheNextWrite(502);

        assertThat(comment()).as(printed()).isZero();

        assertThat(github.requests()).extracting(Request::method).containsExactly("GET", "POST", "GET", "PATCH");
        assertThat(github.comments()).singleElement().satisfies(comment -> assertThat(comment.body()).startsWith("<!-- mpunit:summary -->"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mpunit: could not comment on " + REPO + "#" + PR
                + " (HTTP 502: Bad Gateway); trying again in 1 s (try 2 of 6)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("updated the comment on");
    }

    @Test
    void gitHubDownThroughEveryRetryGivesUpSayingSo() throws Exception {
        github.failing(500, 500, 500, 500, 500, 500);

        assertThat(comment()).isEqualTo(PullRequestComment.GAVE_UP);

        assertThat(waits).hasSize(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mpunit: no comment on " + REPO + "#" + PR
                + " (could not read the comments of " + REPO + "#" + PR + " (HTTP 500: Server Error)); the run's result stands");
    }

    @Test
    void aFolderWithoutASummaryIsRefusedSayingWhatToGive() throws Exception {
        Files.delete(folder.resolve("summary_report.md"));

        assertThat(comment()).isEqualTo(PullRequestComment.REFUSED);

        assertThat(github.requests()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no summary_report.md: give the folder a run wrote");
    }
}
