package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code mpunit comment} as the command line gives it, and {@code mpunit test} with the comment's keys:
 * the run's exit code is the tests', whatever became of the comment. The API's side (every request
 * checked, created then updated, pages, the limit) is PullRequestCommentTest's in the reporting module;
 * here GitHub is a few scripted answers: 401 for an unknown token, an empty list and a created comment.
 */
class CommentCommandTest {

    static final String TOKEN = "ghs_token-of-the-cli-test";

    @TempDir
    Path work;

    private HttpServer github;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void startGitHub() throws IOException {
        github = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        github.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            }
            exchange.getRequestBody().readAllBytes();
            int status;
            String body;
            if (exchange.getRequestURI().getPath().startsWith("/results/api/v1/campaigns/")) {
                // The results server's part, as CampaignEndToEndTest (reporting) gets it from the real one.
                synchronized (requests) {
                    requests.set(requests.size() - 1, "GET " + exchange.getRequestURI().getPath() + "?"
                            + exchange.getRequestURI().getQuery());
                }
                status = 200;
                body = "<!-- mpunit:campaign:hil pr -->\n### mpunit campaign `123-1`: 2 testbeds\n";
            } else if (!("Bearer " + TOKEN).equals(authorization)) {
                status = 401;
                body = "{\"message\": \"Bad credentials\"}";
            } else if (exchange.getRequestMethod().equals("GET")) {
                status = 200;
                body = "[]";
            } else {
                status = 201;
                body = "{\"id\": 1, \"html_url\": \"https://github.com/lab/micropython/pull/7#issuecomment-1\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        github.start();
    }

    @AfterEach
    void stopGitHub() {
        github.stop(0);
    }

    private String api() {
        return "http://127.0.0.1:" + github.getAddress().getPort();
    }

    private Run comment(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("comment"));
        all.addAll(List.of(args));
        return Run.of(line -> ((CommentCommand) line.getSubcommands().get("comment").getCommand()).environment = environment,
                all.toArray(String[]::new));
    }

    private Path folderWithSummary() throws IOException {
        Path folder = Files.createDirectories(work.resolve("results"));
        Files.writeString(folder.resolve("summary_report.md"), "# MicroPython test summary\n\n| Group | Runs |\n|---|--:|\n| X | 1 |\n");
        return folder;
    }

    @Test
    void postsTheSummaryWithTheTokenFromTheEnvironment() throws IOException {
        Path folder = folderWithSummary();

        Run run = comment(Map.of("GITHUB_TOKEN", TOKEN), folder.toString(), "--repo", "lab/micropython", "--pr", "7",
                "--api-url", api());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("mpunit: the summary of " + folder.toAbsolutePath()
                + " is a new comment on lab/micropython#7: https://github.com/lab/micropython/pull/7#issuecomment-1\n");
        assertThat(requests).containsExactly("GET /repos/lab/micropython/issues/7/comments",
                "POST /repos/lab/micropython/issues/7/comments");
    }

    // Issue 16, item 5: the last job of a CI matrix posts the campaign's one comment, read from the results server.
    @Test
    void aCampaignsCommentIsReadFromTheServerAndPostedUnderTheWorkflowsMarker() {
        Run run = comment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_WORKFLOW", "hil pr"), "--campaign", "123-1", "--server",
                api() + "/results", "--repo", "lab/micropython", "--pr", "7", "--api-url", api());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("mpunit: campaign 123-1 is a new comment on lab/micropython#7:"
                + " https://github.com/lab/micropython/pull/7#issuecomment-1\n");
        assertThat(requests).containsExactly("GET /results/api/v1/campaigns/123-1/comment.md?marker=campaign:hil+pr&base="
                + api() + "/results/", "GET /repos/lab/micropython/issues/7/comments",
                "POST /repos/lab/micropython/issues/7/comments");
    }

    @Test
    void aCampaignWithoutItsServerOrWithAFolderOrABadIdIsRefusedBeforeAnythingIsSent() throws IOException {
        Path folder = folderWithSummary();
        Map<String, String> environment = Map.of("GITHUB_TOKEN", TOKEN);

        Run noServer = comment(environment, "--campaign", "123-1", "--repo", "lab/micropython", "--pr", "7");
        Run both = comment(environment, folder.toString(), "--campaign", "123-1", "--server", api(), "--repo",
                "lab/micropython", "--pr", "7");
        Run badId = comment(environment, "--campaign", "123/1", "--server", api(), "--repo", "lab/micropython", "--pr", "7");
        Run neither = comment(environment, "--repo", "lab/micropython", "--pr", "7");

        assertThat(noServer.err()).isEqualTo("mpunit comment: --campaign needs --server <url>: the results server its runs"
                + " were pushed to\n");
        assertThat(both.err()).isEqualTo("mpunit comment: give a results folder or --campaign, not both\n");
        assertThat(badId.err()).startsWith("mpunit comment: the campaign id '123/1' has characters other than letters");
        assertThat(neither.err()).startsWith("mpunit comment: which results folder? give one, or --campaign <id> --server <url>");
        assertThat(List.of(noServer, both, badId, neither)).allSatisfy(run -> assertThat(run.exitCode()).isEqualTo(1));
        assertThat(requests).isEmpty();
    }

    @Test
    void aMissingOrRejectedTokenIsRefusedSayingWhatToSet() throws IOException {
        Path folder = folderWithSummary();

        Run missing = comment(Map.of(), folder.toString(), "--repo", "lab/micropython", "--pr", "7", "--api-url", api(),
                "--token-env", "PR_COMMENTER");
        Run rejected = comment(Map.of("GITHUB_TOKEN", "ghp_unknown-token-value"), folder.toString(), "--repo",
                "lab/micropython", "--pr", "7", "--api-url", api());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("mpunit comment: no comment on lab/micropython#7 (no GitHub token: the"
                + " environment variable PR_COMMENTER is not set; set it to a token that may write the pull request's comments");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.err()).contains("GitHub does not accept the token in GITHUB_TOKEN (HTTP 401: Bad credentials)")
                .doesNotContain("ghp_unknown-token-value");
        assertThat(requests).hasSize(1);
    }

    @Test
    void whatIsNoPullRequestIsRefusedBeforeAnythingIsSent() throws IOException {
        Path folder = folderWithSummary();

        Run number = comment(Map.of("GITHUB_TOKEN", TOKEN), folder.toString(), "--repo", "lab/micropython", "--pr", "#7");
        Run repo = comment(Map.of("GITHUB_TOKEN", TOKEN), folder.toString(), "--repo", "https://github.com/lab/micropython",
                "--pr", "7");
        Run none = comment(Map.of("GITHUB_TOKEN", TOKEN), folder.toString(), "--pr", "7");

        assertThat(number.exitCode()).isEqualTo(1);
        assertThat(number.err()).isEqualTo("mpunit comment: pull request '#7' is not a pull request's number: give the number"
                + " GitHub shows (#123 is 123)\n");
        assertThat(repo.exitCode()).isEqualTo(1);
        assertThat(repo.err()).contains("repository 'https://github.com/lab/micropython' is not owner/name");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("--repo");
        assertThat(requests).isEmpty();
    }

    @Test
    void aRunKeepsTheTestsExitCodeWhenItsCommentIsNotPosted() throws IOException {
        Emulators.assumeNode();
        Path tree = Files.createDirectories(work.resolve("tests/basics"));
        Files.writeString(tree.resolve("a.py"), "print('a')\n");
        Files.writeString(tree.resolve("f.py"), "print('actual')\n");
        Files.writeString(tree.resolve("f.py.exp"), "expected\n");
        Path results = work.resolve("run");

        Run run = CommandLineTest.mpunit(tree.getParent().toString(), "--results", results.toString(),
                "-c", "micropython.results.comment.repo=lab/micropython", "-c", "micropython.results.comment.pr=7",
                "-c", "micropython.results.comment.api-url=" + api(),
                "-c", "micropython.results.comment.token-env=MPUNIT_TEST_NO_SUCH_VARIABLE");

        assertThat(run.exitCode()).as("a test failed: 1, as without a comment").isEqualTo(1);
        assertThat(results.resolve("summary_report.md")).exists();
        assertThat(requests).isEmpty();
    }
}
