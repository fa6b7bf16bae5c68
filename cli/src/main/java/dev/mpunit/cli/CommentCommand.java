package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.reporting.PullRequestComment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mpunit comment <folder> --repo owner/name --pr N}: a results folder's summary posted to a pull
 * request, as the results folder listener does at the end of a run with {@code micropython.results.comment.*}
 * (docs/pull-request-comment.md). Its exit codes are upload's: a command it cannot carry out is refused (1).
 */
@Command(name = "comment", sortOptions = false, mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
        header = "Posts a results folder's summary to a pull request, or updates the comment posted before.",
        description = "Posts the folder's summary_report.md to a GitHub pull request as a comment, cut to GitHub's"
                + " 65,536 characters, linking the full report: the run on the results server (--run-url), or the"
                + " results folder. The comment carries a hidden marker; the next run with the same marker updates it"
                + " instead of adding another. The token comes from the environment, never from the command line.",
        footerHeading = "%nExamples:%n",
        footer = {"  GITHUB_TOKEN=ghp_... mpunit comment results/20261206-180000 --repo micropython/micropython --pr 17042",
                "  mpunit comment results/20261206-180000 --repo lab/fork --pr 3 --run-url https://results.example.org/runs/42",
                "%nExit codes: 0 posted (created or updated), 1 refused (no token, a token GitHub refuses or that may not"
                        + " comment, no such pull request, no summary in the folder), 2 GitHub could not be reached:"
                        + " try again later."})
final class CommentCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<results folder>", description = "The folder a run wrote (micropython.results.dir).")
    Path folder;

    @Option(names = "--repo", required = true, paramLabel = "<owner/name>", description = "The pull request's repository.")
    String repo;

    @Option(names = "--pr", required = true, paramLabel = "<number>", description = "The pull request's number.")
    String pr;

    @Option(names = "--api-url", paramLabel = "<url>",
            description = "GitHub's REST API (default: " + ReportingConfigurationKeys.DEFAULT_COMMENT_API_URL
                    + "; GitHub Enterprise: https://<host>/api/v3).")
    String apiUrl;

    @Option(names = "--token-env", paramLabel = "<variable>",
            description = "The environment variable holding the GitHub token (default: "
                    + ReportingConfigurationKeys.DEFAULT_COMMENT_TOKEN_ENV + ").")
    String tokenEnv = ReportingConfigurationKeys.DEFAULT_COMMENT_TOKEN_ENV;

    @Option(names = "--marker", paramLabel = "<key>",
            description = "The comment's marker <!-- mpunit:<key> --> (default: " + ReportingConfigurationKeys.DEFAULT_COMMENT_MARKER
                    + "): one comment per key on the pull request.")
    String marker = ReportingConfigurationKeys.DEFAULT_COMMENT_MARKER;

    @Option(names = "--run-url", paramLabel = "<url>",
            description = "The run's page on the results server, as mpunit upload printed it: the comment links it and its files.")
    String runUrl;

    @Spec
    CommandSpec spec;

    /** Where the token is read from: this process's environment, another in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PullRequestAddress pullRequest;
        try {
            pullRequest = PullRequestAddress.of(repo, pr, apiUrl);
        } catch (IllegalArgumentException e) {
            err.println("mpunit comment: " + e.getMessage());
            return 1;
        }
        if (marker.isBlank() || marker.contains("-->")) {
            err.println("mpunit comment: --marker '" + marker + "' cannot be a marker: give a word such as the testbed's name");
            return 1;
        }
        int code = PullRequestComment.comment(folder, pullRequest, tokenEnv.strip(), marker.strip(),
                Optional.ofNullable(runUrl).map(String::strip).filter(url -> !url.isEmpty()), environment,
                out::println, err::println);
        out.flush();
        err.flush();
        return code;
    }
}
