package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.reporting.CampaignComment;
import dev.mpunit.reporting.PullRequestComment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mpunit comment <folder> --repo owner/name --pr N}: a results folder's summary posted to a pull
 * request, as the results folder listener does at the end of a run with {@code micropython.results.comment.*}
 * (docs/pull-request-comment.md); {@code mpunit comment --campaign <id> --server <url> --repo … --pr …}: a
 * campaign's one comment, as the results server composes it ({@link CampaignComment}). Its exit codes are
 * upload's: a command it cannot carry out is refused (1).
 */
@Command(name = "comment", sortOptions = false, mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
        header = "Posts a results folder's summary to a pull request, or updates the comment posted before.",
        description = "Posts the folder's summary_report.md to a GitHub pull request as a comment, cut to GitHub's"
                + " 65,536 characters, linking the full report: the run on the results server (--run-url), or the"
                + " results folder. The comment carries a hidden marker; the next run with the same marker updates it"
                + " instead of adding another. The token comes from the environment, never from the command line.",
        footerHeading = "%nExamples:%n",
        footer = {"  GITHUB_TOKEN=ghp_... mpunit comment results/20261206-180000 --repo micropython/micropython --pr 17042",
                "  mpunit comment --campaign 12345678901-1 --server https://results.example.org --repo micropython/micropython"
                        + " --pr 17042",
                "  mpunit comment results/20261206-180000 --repo lab/fork --pr 3 --run-url https://results.example.org/runs/42",
                "%nExit codes: 0 posted (created or updated), 1 refused (no token, a token GitHub refuses or that may not"
                        + " comment, no such pull request, no summary in the folder), 2 GitHub could not be reached:"
                        + " try again later."})
final class CommentCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<results folder>",
            description = "The folder a run wrote (micropython.results.dir); not with --campaign.")
    Path folder;

    @Option(names = "--campaign", paramLabel = "<id>",
            description = "Instead of a folder: the campaign whose runs (several testbeds', pushed with mpunit test --campaign)"
                    + " the results server shows as one report; its comment comes from the server (--server).")
    String campaign;

    @Option(names = "--server", paramLabel = "<url>",
            description = "With --campaign: the results server the campaign's runs were pushed to (its links in the comment"
                    + " start there). A server whose reading is closed is read with the token in $"
                    + CampaignComment.READ_TOKEN_ENV + ".")
    String server;

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
                    + "; with --campaign " + CampaignComment.MARKER + ", in GitHub Actions " + CampaignComment.MARKER
                    + ":<workflow>): one comment per key on the pull request.")
    String marker;

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
        String given = marker != null ? marker
                : campaign != null ? CampaignComment.defaultMarker(environment.get("GITHUB_WORKFLOW"))
                : ReportingConfigurationKeys.DEFAULT_COMMENT_MARKER;
        if (given.isBlank() || given.contains("-->")) {
            err.println("mpunit comment: --marker '" + given + "' cannot be a marker: give a word such as the testbed's name");
            return 1;
        }
        String usage = campaign != null
                ? folder != null ? "give a results folder or --campaign, not both"
                        : server == null ? "--campaign needs --server <url>: the results server its runs were pushed to"
                        : runUrl != null ? "--run-url is a folder's: a campaign's comment links the campaign's page" : null
                : folder == null ? "which results folder? give one, or --campaign <id> --server <url>"
                : server != null ? "--server goes with --campaign: a folder's comment links its run with --run-url" : null;
        if (usage != null) {
            err.println("mpunit comment: " + usage);
            return 1;
        }
        int code = campaign != null
                ? CampaignComment.comment(campaign, server, pullRequest, tokenEnv.strip(), given.strip(), environment,
                        out::println, err::println)
                : PullRequestComment.comment(folder, pullRequest, tokenEnv.strip(), given.strip(),
                        Optional.ofNullable(runUrl).map(String::strip).filter(url -> !url.isEmpty()), environment,
                        out::println, err::println);
        out.flush();
        err.flush();
        return code;
    }
}
