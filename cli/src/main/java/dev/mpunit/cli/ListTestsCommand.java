package dev.mpunit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.engine.ConfigurationKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mpunit list-tests}: the same selection as {@code test}, discovered and judged for skips but
 * not run: what would run per group and variant, and why each skipped file is skipped.
 */
@Command(name = "list-tests", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = "Lists what mpunit test would run with the same options, per group and variant, and why each "
                + "skipped file is skipped; runs nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit list-tests ../micropython/tests",
                "  mpunit list-tests ../micropython/tests --target unix --only-test RUN-TESTS_STANDARD -i basics/",
                "  mpunit list-tests ../micropython/tests --testbed lab.json --changed-since origin/master",
                "%nExit codes: 0 listed, 2 nothing to list (usage, a missing path, a configuration error, nothing found)."})
final class ListTestsCommand implements Callable<Integer> {

    /** The engine's keys for a run that only lists (issue 15). */
    static final String DRY_RUN = ConfigurationKeys.PREFIX + "dry-run";
    static final String LIST_CONSOLE = "list";

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "This help.")
    boolean help;

    @Override
    public Integer call() {
        RunRequest request = request();
        if (ChangedSelection.said(request, spec.commandLine().getOut())) {
            return Cli.OK;
        }
        return new LauncherRun(LauncherRun.Details.none, false, Optional.empty(), false).run(request, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** The options' request with the listing's two keys; no results folder unless asked for: nothing runs. */
    RunRequest request() {
        Map<String, String> listing = new LinkedHashMap<>();
        listing.put(DRY_RUN, "true");
        listing.put(ReportingConfigurationKeys.CONSOLE, LIST_CONSOLE);
        return run.request(Optional.empty(), Mpunit.defaultTests()).with(listing);
    }
}
