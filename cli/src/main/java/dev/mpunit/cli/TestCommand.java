package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.junit.platform.launcher.Launcher;

import dev.mpunit.contract.ReportingConfigurationKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mpunit test}, the default subcommand: runs the selected test files and prints run-tests.py's
 * lines, the failures' diffs and the counts (or JUnit's tree, on request).
 */
@Command(name = "test", sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Runs MicroPython test files and prints one line per file, the failures' diffs and the counts.",
                "The default subcommand: mpunit examples/tests is mpunit test examples/tests."},
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit examples/tests",
                "  mpunit ../micropython/tests --target unix -c micropython.unix.micropython=../micropython/ports/unix/build-standard/micropython",
                "  mpunit ../micropython/tests -i basics/list -e slice --timeout 10",
                "  mpunit ../micropython/tests --testbed lab.json --only-board RPI_PICO2 --skip-test RUN-TESTS_NET_INET",
                "  mpunit examples/tests --count 3 --retry-failed 1 --quarantine quarantine.json",
                "  mpunit examples/tests --details tree",
                "%nExit codes: 0 no test failed, 1 a test failed, 2 nothing ran (usage, a missing path, a configuration error,"
                        + " nothing found)."})
final class TestCommand implements Callable<Integer> {

    /** The console that run-tests.py users know: micropython.console's value for it. */
    static final String RUN_TESTS_CONSOLE = "run-tests";
    private static final DateTimeFormatter RESULTS_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(names = "--details", paramLabel = "none|summary|flat|tree",
            description = "none (default): run-tests.py's lines and counts; JUnit's view instead: summary (its counts), "
                    + "flat (every test and its report entries, one path a line, and the counts), tree (the same as a tree).")
    LauncherRun.Details details = LauncherRun.Details.none;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "This help.")
    boolean help;

    @Option(names = {"-v", "--verbose"}, description = "JUnit's tree and the launcher's own log lines.")
    boolean verbose;

    @Option(names = "--reports-dir", paramLabel = "<folder>", description = "Write JUnit's legacy XML reports there.")
    Path reportsDir;

    @Option(names = "--fail-fast", description = "Stop the run after the first failed test.")
    boolean failFast;

    @Option(names = "--disable-banner", description = "No banner line above JUnit's view.")
    boolean disableBanner;

    @Option(names = "--fail-if-no-tests",
            description = "Exit 2 when no test is found (always so: the console launcher's option, accepted for its command lines).")
    boolean failIfNoTests;

    @Override
    public Integer call() {
        LauncherRun.Details shown = shown();
        RunRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        if (ChangedSelection.said(request, out)) {
            return Cli.OK;
        }
        if (shown != LauncherRun.Details.none && !disableBanner) {
            out.println("mpunit " + Mpunit.version() + " on the JUnit Platform "
                    + Optional.ofNullable(Launcher.class.getPackage().getImplementationVersion()).orElse("")
                    + " (--disable-banner leaves this line out)");
        }
        return new LauncherRun(shown, verbose, Optional.ofNullable(reportsDir).map(Path::toAbsolutePath), failFast)
                .run(request, out, spec.commandLine().getErr());
    }

    /** --verbose is the tree, unless the user asked for JUnit's view flat. */
    private LauncherRun.Details shown() {
        return verbose && details != LauncherRun.Details.flat ? LauncherRun.Details.tree : details;
    }

    /** The options' request, with run-tests.py's console unless JUnit's view is asked for, and a results folder. */
    RunRequest request() {
        RunRequest request = run.request(Optional.of(defaultResults()), Mpunit.defaultTests());
        if (shown() == LauncherRun.Details.none && !request.configuration().containsKey(ReportingConfigurationKeys.CONSOLE)) {
            request = request.with(Map.of(ReportingConfigurationKeys.CONSOLE, RUN_TESTS_CONSOLE));
        }
        return request;
    }

    /** results/<yyyymmdd-HHMMSS> of the working directory: every run keeps its results. */
    private static Path defaultResults() {
        return Path.of("results", LocalDateTime.now().format(RESULTS_STAMP)).toAbsolutePath();
    }
}
