package dev.mpunit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The command line without running a test: each option's key, the default subcommand, and bad input
 * answered in one line on stderr with exit 2 (upload: its own codes).
 */
class CommandLineTest {

    @TempDir
    Path work;

    static Run mpunit(String... args) {
        return Run.of(args);
    }

    /** The request a subcommand would run, from its options as parsed. */
    static RunRequest request(String... args) {
        CommandLine line = Mpunit.commandLine();
        ParseResult parsed = line.parseArgs(Mpunit.withDefaultSubcommand(args, line.getSubcommands().keySet()));
        Object command = parsed.subcommand().commandSpec().userObject();
        return command instanceof ListTestsCommand list ? list.request() : ((TestCommand) command).request();
    }

    private Path tree() throws IOException {
        Path tree = work.resolve("tests");
        Files.createDirectories(tree.resolve("basics"));
        Files.writeString(tree.resolve("basics/a.py"), "print('a')\n");
        return tree;
    }

    @Test
    void flashForceAndFlashSkipAreMptestsWordsForMicropythonFlash() throws IOException {
        Path tree = tree();
        assertThat(request(tree.toString(), "--flash-force").configuration()).containsEntry("micropython.flash", "force");
        assertThat(request(tree.toString(), "--flash-skip").configuration()).containsEntry("micropython.flash", "skip");
        assertThat(request(tree.toString()).configuration()).doesNotContainKey("micropython.flash");
    }

    /** Bad input: one line on stderr, nothing on stdout, the exit code. */
    private static void refused(Run result, int exitCode, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err().lines()).as(result.err()).containsExactly(message);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void eachOptionInMptestsAndRunTestsPysWordsIsItsKey() throws IOException {
        Path tree = tree();
        Path xfail = Files.writeString(work.resolve("xfail.json"), "{}");
        Path quarantine = Files.writeString(work.resolve("quarantine.json"), "{}");
        Path testbed = Files.writeString(work.resolve("lab.json"), "{}");

        RunRequest request = request(tree.toString(), "--target", "unix,webassembly", "--only-board", "RPI_PICO2",
                "--skip-board", "RPI_PICO2-RISCV", "--only-test", "RUN-TESTS_STANDARD", "--skip-test", "RUN-PERFBENCH",
                "--only-fut", "FUT_MCU_ONLY", "--skip-fut", "WLAN", "--skip-fut", "BLE", "-i", "basics/", "-e", "it's slow",
                "--include", "list", "--jobs", "3", "--timeout", "500ms", "--emit", "native", "--results", "out",
                "--baseline", work.toString(), "--xfail", xfail.toString(), "--quarantine", quarantine.toString(),
                "--count", "3", "--retry-failed", "0", "--trigger", "PR #1", "--ref-firmware", "u@main", "--ref-tests", "t@v1",
                "--upload", "http://127.0.0.1:8080", "--campaign", "12345678901-1", "-c", "micropython.heapsize=256k",
                "--config=micropython.cache=/tmp/c");

        assertThat(request.configuration()).containsOnly(
                entry("micropython.target", "unix,webassembly"),
                entry("micropython.only-variant", "RPI_PICO2"),
                entry("micropython.skip-variant", "RPI_PICO2-RISCV"),
                entry("micropython.only-group", "RUN-TESTS_STANDARD"),
                entry("micropython.skip-group", "RUN-PERFBENCH"),
                entry("micropython.only-fut", "FUT_MCU_ONLY"),
                entry("micropython.skip-fut", "WLAN,BLE"),
                // run-tests.py's -i and -e keep their order (the last match wins), quotes and all.
                entry("micropython.filter", "-i 'basics/' -e 'it'\"'\"'s slow' -i 'list'"),
                entry("micropython.workers", "3"),
                entry("micropython.timeout", "500ms"),
                entry("micropython.emit", "native"),
                entry("micropython.results.dir", Path.of("out").toAbsolutePath().toString()),
                entry("micropython.results.baseline", work.toString()),
                entry("micropython.results.xfail", xfail.toString()),
                entry("micropython.quarantine", quarantine.toString()),
                entry("micropython.count", "3"),
                entry("micropython.retry-failed", "0"),
                entry("micropython.results.trigger", "PR #1"),
                entry("micropython.results.ref-firmware", "u@main"),
                entry("micropython.results.ref-tests", "t@v1"),
                entry("micropython.results.upload", "http://127.0.0.1:8080"),
                entry("micropython.results.campaign", "12345678901-1"),
                entry("micropython.heapsize", "256k"),
                entry("micropython.cache", "/tmp/c"),
                entry("micropython.console", "run-tests"));
        assertThat(request.selectors()).singleElement().isInstanceOfSatisfying(DirectorySelector.class,
                selector -> assertThat(selector.getPath()).isEqualTo(tree));
        assertThat(request(tree.toString(), "--testbed", testbed.toString()).configuration())
                .containsEntry("micropython.testbed", testbed.toString());
    }

    @Test
    void testIsTheDefaultAndKeepsItsResultsAndPrintsRunTestsPysConsoleUnlessTheTreeIsAsked() throws IOException {
        Path tree = tree();
        RunRequest bare = request(tree.toString());
        assertThat(request("test", tree.toString())).usingRecursiveComparison().ignoringFields("configuration")
                .isEqualTo(bare);
        assertThat(bare.configuration()).containsEntry("micropython.console", "run-tests");
        assertThat(Path.of(bare.configuration().get("micropython.results.dir")))
                .isAbsolute().hasParentRaw(Path.of("results").toAbsolutePath());
        assertThat(Path.of(bare.configuration().get("micropython.results.dir")).getFileName().toString())
                .matches("\\d{8}-\\d{6}");

        assertThat(request(tree.toString(), "--details", "tree").configuration()).doesNotContainKey("micropython.console");
        assertThat(request(tree.toString(), "--verbose").configuration()).doesNotContainKey("micropython.console");
        assertThat(request(tree.toString(), "-c", "micropython.console=off").configuration())
                .containsEntry("micropython.console", "off");
        assertThat(request(tree.toString(), "-c", "micropython.results.dir=mine").configuration())
                .containsEntry("micropython.results.dir", "mine");
    }

    @Test
    void listTestsIsTheSameRequestWithItsTwoKeysAndNoResultsFolder() throws IOException {
        Path tree = tree();
        RunRequest listing = request("list-tests", tree.toString(), "--target", "unix", "--only-test", "RUN-TESTS_STANDARD");

        assertThat(listing.configuration()).containsOnly(entry("micropython.target", "unix"),
                entry("micropython.only-group", "RUN-TESTS_STANDARD"), entry("micropython.dry-run", "true"),
                entry("micropython.console", "list"));
        assertThat(listing.selectors()).usingRecursiveComparison()
                .isEqualTo(request(tree.toString(), "--target", "unix").selectors());
    }

    @Test
    void theConsoleLaunchersSelectorsAndTagFiltersAreJUnitsOwn() throws IOException {
        Path tree = tree();
        RunRequest request = request("--select-file", tree.resolve("basics/a.py").toString(), "--select-directory",
                tree.toString(), "--select-unique-id", "[engine:micropython]/[group:RUN-TESTS_STANDARD]",
                "--include-tag", "basics", "--exclude-tag", "float");

        assertThat(request.selectors()).hasSize(3).anySatisfy(selector -> assertThat(selector)
                .isInstanceOfSatisfying(FileSelector.class, file -> assertThat(file.getPath()).isEqualTo(tree.resolve("basics/a.py"))))
                .anySatisfy(selector -> assertThat(selector).isInstanceOfSatisfying(DirectorySelector.class,
                        directory -> assertThat(directory.getPath()).isEqualTo(tree)))
                .anySatisfy(selector -> assertThat(selector).isInstanceOfSatisfying(UniqueIdSelector.class,
                        id -> assertThat(id.getUniqueId().toString()).isEqualTo("[engine:micropython]/[group:RUN-TESTS_STANDARD]")));
        assertThat(request.includeTags()).containsExactly("basics");
        assertThat(request.excludeTags()).containsExactly("float");
    }

    @Test
    void badInputIsOneLineAndExit2() throws IOException {
        Path tree = tree();
        refused(mpunit("tset"), 2, "mpunit: tset is neither a subcommand nor a path: did you mean mpunit test?");
        refused(mpunit("lsit-tests"), 2, "mpunit: lsit-tests is neither a subcommand nor a path: did you mean mpunit list-tests?");
        refused(mpunit(tree.toString(), "--only-bord", "X"), 2,
                "mpunit: unknown option --only-bord (did you mean --only-board?): mpunit test --help lists the options");
        refused(mpunit("list-tests", tree.toString(), "--skip-tset=X"), 2,
                "mpunit: unknown option --skip-tset (did you mean --skip-test?): mpunit list-tests --help lists the options");
        refused(mpunit(work.resolve("no-such").toString()), 2,
                "mpunit: " + work.resolve("no-such") + " does not exist: give a test directory (e.g. examples/tests) or a test file");
        refused(mpunit(tree.toString(), "--count", "0"), 2,
                "mpunit: --count 0: give 1 or more (the number of times each file runs)");
        refused(mpunit(tree.toString(), "--retry-failed", "-1"), 2,
                "mpunit: --retry-failed -1: give 0 or more (the retries of a failed file)");
        refused(mpunit(tree.toString(), "--campaign", "pr/7"), 2,
                "mpunit: --campaign: the campaign id 'pr/7' has characters other than letters, digits and . _ - : (or starts"
                        + " with one of . _ - :): give e.g. ${{ github.run_id }}-${{ github.run_attempt }} or nightly-2026-12-07");
        refused(mpunit(tree.toString(), "--flash-force", "--flash-skip"), 2,
                "mpunit: --flash-force and --flash-skip contradict each other: give one");
        refused(mpunit(tree.toString(), "--flash-skip", "--config", "micropython.flash=force"), 2,
                "mpunit: --config micropython.flash gives micropython.flash=force but it was already skip: give it once");
        refused(mpunit(tree.toString(), "--count", "many"), 2,
                "mpunit: Invalid value for option '--count': 'many' is not an int");
        refused(mpunit(tree.toString(), "--quarantine", work.resolve("q.json").toString()), 2,
                "mpunit: --quarantine " + work.resolve("q.json") + " does not exist: give a file");
        refused(mpunit(tree.toString(), "--baseline", tree.resolve("basics/a.py").toString()), 2,
                "mpunit: --baseline " + tree.resolve("basics/a.py") + " is not a folder");
        refused(mpunit(tree.toString(), "--timeout", "5", "-c", "micropython.timeout=10"), 2,
                "mpunit: --config micropython.timeout gives micropython.timeout=10 but it was already 5: give it once");
        refused(mpunit(tree.toString(), "--details", "testfeed"), 2,
                "mpunit: Invalid value for option '--details': expected one of [none, summary, flat, tree] (case-sensitive)"
                        + " but was 'testfeed'");
        // The distribution has no default tests: a bare mpunit asks for them.
        refused(mpunit(), 2, "mpunit: which tests? give a test directory or file, e.g. mpunit test path/to/micropython/tests"
                + " (mpunit --help)");
    }

    @Test
    void theEnginesConfigurationErrorsAndASelectionThatMatchesNothingAreItsOwnLinesAndExit2() throws IOException {
        Path tree = tree();
        refused(mpunit(tree.toString(), "-c", "micropython.timout=5", "--results", work.resolve("r1").toString()), 2,
                "micropython: unknown key micropython.timout (did you mean micropython.timeout?): mpunit reads no such key,"
                        + " so it would change nothing; the keys are listed in docs/configuration.md");
        Run nothing = mpunit(tree.toString(), "--only-board", "RPI_PICO2", "--results", work.resolve("r2").toString());
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err().lines()).containsExactly("micropython: micropython.only-variant=RPI_PICO2 matches none of"
                + " the variants on offer: webassembly (and 2 more: --verbose shows them)");
        Run verbose = mpunit(tree.toString(), "--only-board", "RPI_PICO2", "--verbose", "--results",
                work.resolve("r3").toString());
        assertThat(verbose.exitCode()).isEqualTo(2);
        assertThat(verbose.err()).contains("matches none of the variants on offer: webassembly\n")
                .contains("no test selected, nothing runs");
        assertThat(work.resolve("r1")).doesNotExist();
    }

    @Test
    void uploadKeepsTheUploadersOptionsAndExitCodes() {
        Run missing = mpunit("upload", work.resolve("nowhere").toString(), "--url", "http://127.0.0.1:9");
        assertThat(missing.exitCode()).isEqualTo(1);
        Run unknown = mpunit("upload", work.toString(), "--ulr", "http://127.0.0.1:9");
        refused(unknown, 1, "mpunit: unknown option --ulr (did you mean --url?): mpunit upload --help lists the options");
        assertThat(mpunit("upload", "--help").out()).contains("--url", "--token-env", "Exit codes: 0 stored");
    }

    @Test
    void helpSaysWhatTheDefaultIsWithExamplesAndTheExitCodes() {
        Run help = mpunit("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("test is the default subcommand", "list-tests", "upload", "Examples:",
                "Exit codes: 0 no test failed, 1 a test failed, 2 usage or setup");
        assertThat(mpunit("test", "--help").out()).contains("--only-board", "(micropython.only-variant)", "--count",
                "mpunit examples/tests --count 3 --retry-failed 1", "Exit codes:");
        assertThat(List.of(mpunit("list-tests", "-h").out())).allSatisfy(text -> assertThat(text).contains("runs nothing"));
    }
}
