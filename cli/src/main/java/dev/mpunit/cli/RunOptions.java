package dev.mpunit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Stack;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import dev.mpunit.contract.CampaignId;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.VariantSelection;
import dev.mpunit.hardware.NearestName;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What to run and how, in run-tests.py's and mptest's words, each option one {@code micropython.*}
 * key ({@code docs/command-line.md}): the part {@code test} and {@code list-tests} share.
 */
final class RunOptions {

    /** Keys the engine reads for repeating and retrying files and for the quarantine list (issue 15). */
    static final String COUNT = ConfigurationKeys.PREFIX + "count";
    static final String RETRY_FAILED = ConfigurationKeys.PREFIX + "retry-failed";
    static final String QUARANTINE = ConfigurationKeys.PREFIX + "quarantine";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(paramLabel = "<directory or file>", arity = "0..*",
            description = "Test directories (a tests root runs its groups, any other folder its own files) or files. "
                    + "Default: ${sys:mpunit.default-tests:-none: give one}.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--target", paramLabel = "<variants>", split = ",",
            description = "Where to run: webassembly (default), unix, qemu-microbit, qemu-microbit*3, a0, port:/dev/ttyUSB0, "
                    + "... (micropython.target).")
    List<String> target = new ArrayList<>();

    @Option(names = "--testbed", paramLabel = "<inventory.json>",
            description = "A testbed inventory: its tentacles run the tests (micropython.testbed).")
    Path testbed;

    @Option(names = "--flash-force",
            description = "Flash every real tentacle's board, whatever it runs (micropython.flash=force; mptest's --flash-force).")
    boolean flashForce;

    @Option(names = "--flash-skip",
            description = "Flash no board: use the firmware on each (micropython.flash=skip; mptest's --flash-skip).")
    boolean flashSkip;

    @Option(names = "--only-board", paramLabel = "<variants>", split = ",",
            description = "Only these variants; a board name is all its build variants (micropython.only-variant).")
    List<String> onlyBoard = new ArrayList<>();

    @Option(names = "--skip-board", paramLabel = "<variants>", split = ",",
            description = "Leave these variants out (micropython.skip-variant).")
    List<String> skipBoard = new ArrayList<>();

    @Option(names = "--only-test", paramLabel = "<groups>", split = ",",
            description = "The test groups a tests root covers, e.g. RUN-TESTS_STANDARD (micropython.only-group).")
    List<String> onlyTest = new ArrayList<>();

    @Option(names = "--skip-test", paramLabel = "<groups>", split = ",",
            description = "Leave these test groups out (micropython.skip-group).")
    List<String> skipTest = new ArrayList<>();

    @Option(names = "--only-fut", paramLabel = "<futs>", split = ",",
            description = "Only groups needing one of these FUTs, e.g. FUT_WLAN (micropython.only-fut).")
    List<String> onlyFut = new ArrayList<>();

    @Option(names = "--skip-fut", paramLabel = "<futs>", split = ",",
            description = "Leave out groups needing these FUTs (micropython.skip-fut).")
    List<String> skipFut = new ArrayList<>();

    /** run-tests.py's -i and -e in the order given: the last matching regex wins (micropython.filter). */
    private final List<String> filter = new ArrayList<>();

    // Both options hold the one list above, which FilterWord fills in the order given: picocli would keep
    // each option's values apart, and refuse a second -i given as a plain value.
    @Option(names = {"-i", "--include"}, paramLabel = "<regex>", parameterConsumer = FilterWord.class,
            description = "Run tests whose path matches (run-tests.py's -i; with -e, in order: the last match wins).")
    List<String> include = filter;

    @Option(names = {"-e", "--exclude"}, paramLabel = "<regex>", parameterConsumer = FilterWord.class,
            description = "Leave out tests whose path matches (run-tests.py's -e).")
    List<String> exclude = filter;

    /** One -i or -e with its regex, as the words of run-tests.py's arguments that micropython.filter reads. */
    static final class FilterWord implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
            String name = ((OptionSpec) option).shortestName();
            if (args.isEmpty()) {
                throw new ParameterException(command.commandLine(), name + " needs a regex: " + name + " basics/list");
            }
            List<String> words = option.getValue();
            words.add(name + " " + quoted(args.pop()));
        }
    }

    @Option(names = {"-j", "--jobs"}, paramLabel = "<n>",
            description = "Instances per local variant running at once (micropython.workers; default: the cores).")
    Integer jobs;

    @Option(names = "--timeout", paramLabel = "<duration>",
            description = "How long one test may run: 30, 500ms, 2m (micropython.timeout; default 30 s).")
    String timeout;

    @Option(names = "--emit", paramLabel = "bytecode|native", description = "The emitter (micropython.emit).")
    String emit;

    @Option(names = "--results", paramLabel = "<folder>",
            description = "The results folder (micropython.results.dir; default for test: results/<yyyymmdd-HHMMSS>).")
    Path results;

    @Option(names = "--baseline", paramLabel = "<folder>",
            description = "An earlier results folder to compare with (micropython.results.baseline).")
    Path baseline;

    @Option(names = "--xfail", paramLabel = "<file>",
            description = "Known failures, counted as xfailed in the summary (micropython.results.xfail).")
    Path xfail;

    @Option(names = "--quarantine", paramLabel = "<file>",
            description = "Known flaky or failing tests (the xfail file's format): shown, but not failing the run "
                    + "(micropython.quarantine).")
    Path quarantine;

    @Option(names = "--count", paramLabel = "<n>", description = "Run each file n times, n >= 1 (micropython.count).")
    Integer count;

    @Option(names = "--retry-failed", paramLabel = "<n>",
            description = "Run a failed file up to n times again, n >= 0 (micropython.retry-failed).")
    Integer retryFailed;

    @Option(names = "--trigger", paramLabel = "<why>",
            description = "Why the run happens: 'PR #123', nightly (micropython.results.trigger).")
    String trigger;

    @Option(names = "--ref-firmware", paramLabel = "<url@ref>", description = "The firmware's source (micropython.results.ref-firmware).")
    String refFirmware;

    @Option(names = "--ref-tests", paramLabel = "<url@ref>", description = "The tests' source (micropython.results.ref-tests).")
    String refTests;

    @Option(names = "--upload", paramLabel = "<server>",
            description = "Push the results folder to this results server at the end (micropython.results.upload).")
    String upload;

    @Option(names = "--campaign", paramLabel = "<id>",
            description = "The campaign the run belongs to: the runs of several testbeds with one id are one report on the"
                    + " results server; in GitHub Actions ${{ github.run_id }}-${{ github.run_attempt }}"
                    + " (micropython.results.campaign).")
    String campaign;

    @Option(names = "--changed-since", paramLabel = "<git ref>",
            description = "Only what a change since this ref concerns (git diff --name-only <ref>...HEAD in the MicroPython "
                    + "checkout): the variants whose port's .github/workflows/ports_*.yml filters select a changed file, "
                    + "and the changed test files, first.")
    String changedSince;

    @Option(names = "--changed-files", paramLabel = "<file>|-",
            description = "As --changed-since, from a list of changed paths (one a line, relative to the checkout; - reads stdin).")
    String changedFiles;

    @Option(names = "--micropython", paramLabel = "<checkout>",
            description = "The MicroPython checkout --changed-since reads (default: the one whose tests/ is the test directory).")
    Path micropython;

    /** The git --changed-since runs; a test names one that is not there. */
    String git = "git";

    @Option(names = {"-c", "--config"}, paramLabel = "<key=value>", mapFallbackValue = "",
            description = "Any configuration parameter (docs/configuration.md); repeatable.")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--select-directory", paramLabel = "<directory>", description = "JUnit's directory selector.")
    List<Path> selectDirectory = new ArrayList<>();

    @Option(names = "--select-file", paramLabel = "<file>", description = "JUnit's file selector.")
    List<Path> selectFile = new ArrayList<>();

    @Option(names = "--select-unique-id", paramLabel = "<unique id>",
            description = "Re-run one test or container by its unique id ([engine:micropython]/...).")
    List<String> selectUniqueId = new ArrayList<>();

    @Option(names = "--include-tag", paramLabel = "<tag expression>",
            description = "JUnit's tag filter: a directory, group or variant tag (basics, RUN-TESTS_STANDARD, webassembly).")
    List<String> includeTag = new ArrayList<>();

    @Option(names = "--exclude-tag", paramLabel = "<tag expression>", description = "Leave out tests carrying this tag.")
    List<String> excludeTag = new ArrayList<>();

    /**
     * The request these options make.
     *
     * @param defaultResults the results folder when neither {@code --results} nor the key names one
     * @param defaultTests what runs when nothing is selected (the source tree's examples/tests)
     * @throws ParameterException a path that does not exist, a number out of range, a key given twice
     */
    RunRequest request(Optional<Path> defaultResults, Optional<Path> defaultTests) {
        Map<String, String> keys = new LinkedHashMap<>();
        put(keys, "--target", ConfigurationKeys.TARGET, target);
        if (testbed != null) {
            put(keys, "--testbed", ConfigurationKeys.TESTBED, existing("--testbed", testbed, false).toString());
        }
        if (flashForce && flashSkip) {
            throw usage("--flash-force and --flash-skip contradict each other: give one");
        }
        if (flashForce || flashSkip) {
            put(keys, flashForce ? "--flash-force" : "--flash-skip", ConfigurationKeys.FLASH, flashForce ? "force" : "skip");
        }
        put(keys, "--only-board", ConfigurationKeys.ONLY_VARIANT, onlyBoard);
        put(keys, "--skip-board", ConfigurationKeys.SKIP_VARIANT, skipBoard);
        put(keys, "--only-test", ConfigurationKeys.ONLY_GROUP, onlyTest);
        put(keys, "--skip-test", ConfigurationKeys.SKIP_GROUP, skipTest);
        put(keys, "--only-fut", ConfigurationKeys.ONLY_FUT, onlyFut);
        put(keys, "--skip-fut", ConfigurationKeys.SKIP_FUT, skipFut);
        if (!filter.isEmpty()) {
            put(keys, "-i/-e", ConfigurationKeys.FILTER, String.join(" ", filter));
        }
        if (jobs != null) {
            put(keys, "--jobs", ConfigurationKeys.WORKERS, jobs.toString());
        }
        put(keys, "--timeout", ConfigurationKeys.TIMEOUT, timeout);
        put(keys, "--emit", ConfigurationKeys.EMIT, emit);
        if (results != null) {
            put(keys, "--results", ReportingConfigurationKeys.RESULTS_DIR, results.toAbsolutePath().normalize().toString());
        }
        if (baseline != null) {
            put(keys, "--baseline", ReportingConfigurationKeys.RESULTS_BASELINE, existing("--baseline", baseline, true).toString());
        }
        if (xfail != null) {
            put(keys, "--xfail", ReportingConfigurationKeys.RESULTS_XFAIL, existing("--xfail", xfail, false).toString());
        }
        if (quarantine != null) {
            put(keys, "--quarantine", QUARANTINE, existing("--quarantine", quarantine, false).toString());
        }
        if (count != null) {
            if (count < 1) {
                throw usage("--count " + count + ": give 1 or more (the number of times each file runs)");
            }
            put(keys, "--count", COUNT, count.toString());
        }
        if (retryFailed != null) {
            if (retryFailed < 0) {
                throw usage("--retry-failed " + retryFailed + ": give 0 or more (the retries of a failed file)");
            }
            put(keys, "--retry-failed", RETRY_FAILED, retryFailed.toString());
        }
        put(keys, "--trigger", ReportingConfigurationKeys.RESULTS_TRIGGER, trigger);
        put(keys, "--ref-firmware", ReportingConfigurationKeys.RESULTS_REF_FIRMWARE, refFirmware);
        put(keys, "--ref-tests", ReportingConfigurationKeys.RESULTS_REF_TESTS, refTests);
        put(keys, "--upload", ReportingConfigurationKeys.RESULTS_UPLOAD, upload);
        if (campaign != null) {
            try {
                put(keys, "--campaign", ReportingConfigurationKeys.RESULTS_CAMPAIGN, CampaignId.of(campaign));
            } catch (IllegalArgumentException e) {
                throw usage("--campaign: " + e.getMessage());
            }
        }
        config.forEach((key, value) -> {
            if (key.isBlank()) {
                throw usage("--config " + key + "=" + value + ": give key=value, e.g. --config micropython.timeout=10");
            }
            put(keys, "--config " + key, key, value);
        });
        if (!keys.containsKey(ReportingConfigurationKeys.RESULTS_DIR)) {
            defaultResults.ifPresent(folder -> keys.put(ReportingConfigurationKeys.RESULTS_DIR, folder.toString()));
        }
        List<DiscoverySelector> selectors = selectors(defaultTests);
        if (changedSince == null && changedFiles == null) {
            if (micropython != null) {
                throw usage("--micropython is the checkout --changed-since or --changed-files reads: give one of them too");
            }
            return new RunRequest(selectors, keys, includeTag, excludeTag);
        }
        ChangedSelection changes = changes(keys, defaultTests);
        return changedRequest(changes, selectors, keys);
    }

    /** What changed, judged by the checkout's workflow filters against the variants the run offers. */
    private ChangedSelection changes(Map<String, String> keys, Optional<Path> defaultTests) {
        if (changedSince != null && changedFiles != null) {
            throw usage("--changed-since and --changed-files both say what changed: give one");
        }
        Path checkout = micropython != null ? existing("--micropython", micropython, true) : checkoutOf(defaultTests);
        try {
            ChangedFiles changed = changedSince != null ? ChangedFiles.since(git, checkout, changedSince)
                    : ChangedFiles.listed(changedFiles, System.in);
            List<PortWorkflow> workflows = PortWorkflows.read(checkout);
            String testbedFile = keys.get(ConfigurationKeys.TESTBED);
            List<OfferedVariant> offered = testbedFile != null
                    ? OfferedVariant.of(Inventories.load(Path.of(testbedFile)).orElseThrow(), checkout)
                    : OfferedVariant.of(list(keys.get(ConfigurationKeys.TARGET)), checkout);
            return ChangedSelection.of(changed, workflows, offered, checkout, checkout.resolve("tests"));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * The chosen variants as micropython.only-variant (within the user's own), the changed test files added to
     * the selection and handed out first; only those files, on every variant on offer, when no variant is chosen.
     */
    private RunRequest changedRequest(ChangedSelection changes, List<DiscoverySelector> selectors, Map<String, String> keys) {
        List<String> only = list(keys.get(ConfigurationKeys.ONLY_VARIANT));
        List<String> variants = changes.variants().stream()
                .filter(variant -> only.isEmpty() || only.stream().anyMatch(pattern -> VariantSelection.matches(pattern, variant)))
                .toList();
        Path root = changes.testsRoot();
        List<DiscoverySelector> tests = changes.tests().stream()
                .map(test -> (DiscoverySelector) DiscoverySelectors.selectFile(root.resolve(test).toFile())).toList();
        Map<String, String> changedKeys = new LinkedHashMap<>(keys);
        List<DiscoverySelector> chosen = new ArrayList<>();
        if (variants.isEmpty()) {
            chosen.addAll(tests);
        } else {
            changedKeys.put(ConfigurationKeys.ONLY_VARIANT, String.join(",", variants));
            chosen.addAll(tests);
            chosen.addAll(selectors);
        }
        if (!changes.tests().isEmpty()) {
            changedKeys.put(ConfigurationKeys.FIRST_FILES, String.join(",", changes.tests()));
        }
        return new RunRequest(chosen, changedKeys, includeTag, excludeTag, Optional.of(changes));
    }

    /** The checkout whose tests/ the test directory is (or is in): a folder with ports/, py/ and tests/. */
    private Path checkoutOf(Optional<Path> defaultTests) {
        List<Path> given = new ArrayList<>();
        paths.forEach(path -> given.add(Path.of(path)));
        given.addAll(selectDirectory);
        given.addAll(selectFile);
        if (given.isEmpty()) {
            defaultTests.ifPresent(given::add);
        }
        for (Path path : given) {
            for (Path folder = path.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
                Path top = folder.getParent();
                if (folder.getFileName() != null && folder.getFileName().toString().equals("tests") && top != null
                        && Files.isDirectory(top.resolve("ports")) && Files.isDirectory(top.resolve("py"))) {
                    return top;
                }
            }
        }
        throw usage("which MicroPython checkout changed? the tests given are not in one's tests/: give --micropython <checkout>");
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private List<DiscoverySelector> selectors(Optional<Path> defaultTests) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String argument : paths) {
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                selectors.add(DiscoverySelectors.selectDirectory(path.toAbsolutePath().normalize().toFile()));
            } else if (Files.exists(path)) {
                selectors.add(DiscoverySelectors.selectFile(path.toAbsolutePath().normalize().toFile()));
            } else {
                throw usage(missingPath(argument));
            }
        }
        for (Path directory : selectDirectory) {
            selectors.add(DiscoverySelectors.selectDirectory(existing("--select-directory", directory, true).toFile()));
        }
        for (Path file : selectFile) {
            selectors.add(DiscoverySelectors.selectFile(existing("--select-file", file, false).toFile()));
        }
        for (String id : selectUniqueId) {
            try {
                selectors.add(DiscoverySelectors.selectUniqueId(id));
            } catch (RuntimeException e) {
                throw usage("--select-unique-id " + id + " is no unique id: give one such as "
                        + "'[engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:webassembly]/[file:basics%2Flist1.py]'");
            }
        }
        if (selectors.isEmpty()) {
            Path tests = defaultTests.orElseThrow(() -> usage(
                    "which tests? give a test directory or file, e.g. mpunit test path/to/micropython/tests (mpunit --help)"));
            selectors.add(DiscoverySelectors.selectDirectory(tests.toAbsolutePath().normalize().toFile()));
        }
        return selectors;
    }

    /** A path word that is none: a misspelt subcommand ({@code mpunit tset}) is answered as one. */
    private String missingPath(String argument) {
        Optional<String> subcommand = argument.contains("/") ? Optional.empty()
                : NearestName.among(argument, spec.root().subcommands().keySet());
        return subcommand.map(name -> argument + " is neither a subcommand nor a path: did you mean mpunit " + name + "?")
                .orElse(argument + " does not exist: give a test directory (e.g. examples/tests) or a test file");
    }

    private Path existing(String option, Path path, boolean folder) {
        if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
            throw usage(option + " " + path + (Files.exists(path) ? " is not a " : " does not exist: give a ")
                    + (folder ? "folder" : "file"));
        }
        return path.toAbsolutePath().normalize();
    }

    private void put(Map<String, String> keys, String option, String key, List<String> values) {
        if (!values.isEmpty()) {
            put(keys, option, key, String.join(",", values));
        }
    }

    /** Two ways of giving one key (an option and its --config) must agree: which one is meant is not ours to guess. */
    private void put(Map<String, String> keys, String option, String key, String value) {
        if (value == null) {
            return;
        }
        String earlier = keys.putIfAbsent(key, value);
        if (earlier != null && !earlier.equals(value)) {
            throw usage(option + " gives " + key + "=" + value + " but it was already " + earlier + ": give it once");
        }
    }

    /** A regex as one word of the engine's filter (run-tests.py's argument form): quoted, quotes kept. */
    static String quoted(String regex) {
        return "'" + regex.replace("'", "'\"'\"'") + "'";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
