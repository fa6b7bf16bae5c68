package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.reporting.SummaryRebuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mpunit report <folder>}: a results folder's summary made again, with other known failures or a baseline. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Rebuilds a results folder's summary, with another xfail file or a baseline.",
        description = "Rebuilds a results folder's summary (summary_report.md and .html, timeline.svg,"
                + " xfail_template.json) from what the run left in it: the same bytes the run wrote, or the run judged"
                + " against another xfail file, or compared with an earlier results folder (baseline.md and .json)."
                + " The results themselves (context.json, each run's folder) are not changed.",
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit report results/20261206-185449",
                "  mpunit report results/20261206-185449 --xfail known.json",
                "  mpunit report results/20261206-185449 --baseline results/20261205-090000",
                "%nExit codes: 0 rebuilt; 1 a file could not be written; 2 not a results folder, or an xfail file or"
                        + " baseline that cannot be read (the message says which and what to give)."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<results folder>", description = "The folder a run wrote (micropython.results.dir).")
    Path folder;

    @Option(names = "--xfail", paramLabel = "<file>",
            description = "Known failures ({\"<group>\": {\"<test>\": [\"<variant>\" or \"*\"]}}) instead of the run's own.")
    Path xfail;

    @Option(names = "--baseline", paramLabel = "<earlier folder>",
            description = "An earlier results folder to compare with: writes baseline.md and baseline.json.")
    Path baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written;
        try {
            written = SummaryRebuild.rebuild(folder, Optional.ofNullable(xfail), Optional.ofNullable(baseline));
        } catch (IllegalArgumentException e) {
            return Cli.usage(spec, e.getMessage());
        }
        Path root = folder.toAbsolutePath();
        out.println("rebuilt " + root.resolve("summary_report.html") + " ("
                + String.join(", ", written.stream().map(path -> root.relativize(path).toString()).toList()) + ")");
        out.flush();
        return Cli.OK;
    }
}
