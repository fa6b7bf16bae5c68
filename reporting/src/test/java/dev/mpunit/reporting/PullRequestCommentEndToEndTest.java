package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.contract.CommentBody;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.reporting.GitHubStandIn.Comment;

/**
 * The comment at the end of a real run (webassembly MicroPython, in a JVM of its own: the token comes
 * from its environment), after the push to a results server: created by the first run of the pull
 * request, updated in place by the second, linking the pushed run; a token missing or rejected leaves
 * the run as it was and says what to set. GitHub is {@link GitHubStandIn}, which checks every request.
 */
class PullRequestCommentEndToEndTest {

    static final String TOKEN = "ghs_end-to-end-token-of-the-comment";
    static final String REPO = "lab/micropython";
    static final int PR = 42;

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    private String run(Path results, ScriptedResultsServer server, GitHubStandIn github, Map<String, String> environment)
            throws Exception {
        return ResultsPushEndToEndTest.run(results, server.url(), environment,
                ReportingConfigurationKeys.RESULTS_COMMENT_REPO + "=" + REPO,
                ReportingConfigurationKeys.RESULTS_COMMENT_PR + "=" + PR,
                ReportingConfigurationKeys.RESULTS_COMMENT_API_URL + "=" + github.url());
    }

    @Test
    void theFirstRunCreatesTheCommentTheSecondUpdatesIt() throws Exception {
        try (ScriptedResultsServer server = new ScriptedResultsServer(0); GitHubStandIn github = new GitHubStandIn(REPO, PR, TOKEN)) {
            server.answer(201, "{\"id\": 17}").answer(201, "{\"id\": 18}");
            github.existing("reviewer", "Please run the tests on the boards.");
            Map<String, String> environment = Map.of("MPUNIT_UPLOAD_TOKEN", "mpt_push-token-of-the-comment-test",
                    "GITHUB_TOKEN", TOKEN);

            Path first = temp.resolve("first");
            String firstLog = run(first, server, github, environment);

            assertThat(github.comments()).hasSize(2);
            Comment posted = github.comments().get(1);
            String runPage = server.url() + "/runs/17";
            assertThat(posted.body()).startsWith("<!-- mpunit:summary -->\n# MicroPython test summary\n")
                    .contains("| RUN-TESTS\\_STANDARD | 1 | 1 | 0 | 0 | 0 | 1 | 0 | 0 |")
                    .contains("[FAIL](" + runPage + "/files/RUN-TESTS_STANDARD@webassembly/basics_token.py.out)")
                    .endsWith("Full report: [the run on the results server](" + runPage + ")\n");
            assertThat(posted.body()).isEqualTo(CommentBody.compose(Files.readString(first.resolve("summary_report.md")),
                    "summary", java.util.Optional.of(runPage), "", CommentBody.LIMIT));
            assertThat(firstLog).contains("mpunit: the summary of " + first + " is a new comment on " + REPO + "#" + PR
                    + ": https://github.com/" + REPO + "/pull/" + PR + "#issuecomment-" + posted.id());

            Path second = temp.resolve("second");
            String secondLog = run(second, server, github, environment);

            assertThat(github.comments()).as("updated, not duplicated").extracting(Comment::id)
                    .containsExactly(github.comments().get(0).id(), posted.id());
            assertThat(github.comments().get(1).body()).contains(server.url() + "/runs/18").doesNotContain("/runs/17");
            assertThat(github.requests()).extracting(GitHubStandIn.Request::method).containsExactly("GET", "POST", "GET", "PATCH");
            assertThat(secondLog).contains("updated the comment on " + REPO + "#" + PR);
            assertThat(firstLog + secondLog).doesNotContain(TOKEN);
            assertThat(ResultsPushEndToEndTest.contents(first).values()).noneMatch(content -> content.contains(TOKEN));
            assertThat(github.wrong()).isEmpty();
        }
    }

    @Test
    void aMissingOrRejectedTokenLeavesTheRunAsItWasAndSaysWhatToSet() throws Exception {
        try (ScriptedResultsServer server = new ScriptedResultsServer(0); GitHubStandIn github = new GitHubStandIn(REPO, PR, TOKEN)) {
            server.answer(201, "{\"id\": 17}").answer(201, "{\"id\": 18}");

            Path missing = temp.resolve("missing");
            String missingLog = run(missing, server, github, Map.of("MPUNIT_UPLOAD_TOKEN", "mpt_push-token-of-the-comment-test"));

            assertThat(missingLog).contains("mpunit: no comment on " + REPO + "#" + PR + " (no GitHub token: the environment"
                    + " variable GITHUB_TOKEN is not set; set it to a token that may write the pull request's comments"
                    + " (pull_requests: write and issues: write;", "the run's result stands; post it later with ./mpunit comment "
                    + missing + " --repo " + REPO + " --pr " + PR + " --api-url " + github.url() + " --run-url " + server.url()
                    + "/runs/17");
            assertThat(github.requests()).isEmpty();

            Path rejected = temp.resolve("rejected");
            String wrong = "ghp_a-token-github-does-not-know";
            String rejectedLog = run(rejected, server, github, Map.of("MPUNIT_UPLOAD_TOKEN", "mpt_push-token-of-the-comment-test",
                    "GITHUB_TOKEN", wrong));

            assertThat(rejectedLog).contains("mpunit: no comment on " + REPO + "#" + PR + " (GitHub does not accept the token"
                    + " in GITHUB_TOKEN (HTTP 401: Bad credentials): set GITHUB_TOKEN to a valid token").doesNotContain(wrong);
            assertThat(github.comments()).isEmpty();
            for (Path results : new Path[] {missing, rejected}) {
                assertThat(results.resolve("context.json")).content().contains("\"unfinished\": false");
                assertThat(results.resolve("summary_report.md")).content().contains("| RUN-TESTS\\_STANDARD | 1 | 1 | 0 | 0 | 0 | 1 |");
            }
            assertThat(ResultsPushEndToEndTest.contents(rejected).values()).noneMatch(content -> content.contains(wrong));
            assertThat(github.wrong()).isEmpty();
        }
    }
}
