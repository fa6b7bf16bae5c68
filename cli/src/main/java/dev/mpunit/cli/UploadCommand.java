package dev.mpunit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.reporting.ResultsUploader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mpunit upload <folder>}: pushes a results folder to a results server with retries, as the
 * reporting module's {@link ResultsUploader} does at the end of a run (docs/results-upload.md). Its
 * exit codes are the uploader's: a command it cannot carry out is refused (1), not a usage error.
 */
@Command(name = "upload", sortOptions = false, exitCodeOnInvalidInput = 1,
        description = "Pushes a results folder to a results server, retrying with backoff.",
        footerHeading = "%nExamples:%n",
        footer = {"  MPUNIT_UPLOAD_TOKEN=mpt_... mpunit upload results/20261206-180000 --url http://127.0.0.1:8080",
                "  mpunit upload results/20261206-180000 --url https://results.example.org --campaign 12345678901-1",
                "%nExit codes: 0 stored (or stored before), 1 refused, 2 the server could not be reached: try again later."})
final class UploadCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "This help.")
    boolean help;

    @Parameters(paramLabel = "<results folder>", arity = "0..1", description = "The results folder to push.")
    String folder;

    @Option(names = "--url", paramLabel = "<server>",
            description = "The results server (default: $" + ResultsUploader.URL_VARIABLE + ").")
    String url;

    @Option(names = "--token-env", paramLabel = "<variable>",
            description = "The environment variable holding the testbed's push token (default: "
                    + ReportingConfigurationKeys.DEFAULT_UPLOAD_TOKEN_ENV + ").")
    String tokenEnv;

    @Option(names = "--campaign", paramLabel = "<id>",
            description = "The campaign the run belongs to, when its context.json names none (mpunit test --campaign writes"
                    + " it there): the runs of several testbeds with one id are one report on the server.")
    String campaign;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>();
        if (folder != null) {
            args.add(folder);
        }
        if (url != null) {
            args.add("--url=" + url);
        }
        if (tokenEnv != null) {
            args.add("--token-env=" + tokenEnv);
        }
        if (campaign != null) {
            args.add("--campaign=" + campaign);
        }
        return ResultsUploader.upload(args);
    }
}
