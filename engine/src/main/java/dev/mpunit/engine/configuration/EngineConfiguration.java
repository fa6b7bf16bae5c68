package dev.mpunit.engine.configuration;

import dev.mpunit.contract.ReportingConfigurationKeys;

import static dev.mpunit.engine.ConfigurationKeys.*;

import dev.mpunit.engine.provider.TargetProvider;

import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.execution.Progress;
import dev.mpunit.engine.tentacle.TargetKinds;
import dev.mpunit.engine.tentacle.TargetSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.hardware.tentacle.HubPorts;
import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.testbed.Fut;
import dev.mpunit.hardware.testbed.InventoryException;
import dev.mpunit.hardware.testbed.Perfbench;
import dev.mpunit.hardware.tentacle.SimulatedUsb;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * The engine's {@code micropython.*} configuration parameters ({@link ConfigurationKeys}), read once:
 * at discovery, which refuses a key it does not know or a value it cannot use before anything runs.
 * The engine's descriptor holds the result for execution. One record per area, as
 * {@code docs/configuration.md} groups the keys: which files and variants, how they run, what they
 * run on, the testbed, the results.
 */
public record EngineConfiguration(
        SelectionConfiguration selection,
        RunConfiguration run,
        TargetConfiguration targets,
        TestbedConfiguration testbed,
        ResultsConfiguration results,
        PerfbenchConfiguration perfbench) {


    public static EngineConfiguration from(ConfigurationParameters parameters) {
        return from(parameters, TargetKinds.found());
    }

    /** With the kinds of target already found (discovery checks their keys first). */
    public static EngineConfiguration from(ConfigurationParameters parameters, TargetKinds kinds) {
        Optional<String> mpyCross = mpyCross(parameters);
        return new EngineConfiguration(
                new SelectionConfiguration(
                        list(parameters, ROOT).stream().map(Path::of).toList(),
                        groupSelection(parameters, group -> unsupported(group, mpyCross).isEmpty()),
                        parameters.get(INCLUDE).orElse(""),
                        parameters.get(EXCLUDE).orElse(""),
                        parameters.get(FILTER).orElse(""),
                        new VariantSelection(list(parameters, ONLY_VARIANT), list(parameters, SKIP_VARIANT))),
                new RunConfiguration(
                        parameters.get(WORKERS).isPresent() ? OptionalInt.of(positiveInt(parameters, WORKERS, 1))
                                : OptionalInt.empty(),
                        positiveInt(parameters, MAX_LOCAL_TENTACLES, LocalCapacity.ofThisMachine().tentacles()),
                        duration(parameters, TIMEOUT, Duration.ofSeconds(30)),
                        parameters.get(EMIT).map(String::trim).orElse("bytecode"),
                        parameters.get(HEAPSIZE).map(String::trim).filter(s -> !s.isEmpty()),
                        parameters.get(CPYTHON).map(String::trim).orElse("python3"),
                        duration(parameters, CPYTHON_TIMEOUT, Duration.ofSeconds(30)),
                        parameters.get(CACHE).map(Path::of).orElseGet(EngineConfiguration::defaultCache),
                        positiveInt(parameters, INLINE_OUTPUT_LIMIT, 4096),
                        mpyCross,
                        progress(parameters),
                        positiveInt(parameters, COUNT, 1),
                        nonNegativeInt(parameters, RETRY_FAILED, 0),
                        path(parameters, QUARANTINE).map(Quarantine::load).orElse(Quarantine.NONE),
                        bool(parameters, DRY_RUN, false),
                        Set.copyOf(list(parameters, FIRST_FILES))),
                new TargetConfiguration(
                        kinds,
                        targets(parameters, kinds),
                        parameters.get(WEBASSEMBLY_VERSION).map(String::trim).orElse(DEFAULT_WEBASSEMBLY_VERSION),
                        parameters.get(WEBASSEMBLY_MJS).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of),
                        parameters.get(NODE).map(String::trim).orElse("node"),
                        parameters.get(NPM).map(String::trim).orElse("npm"),
                        path(parameters, UNIX_MICROPYTHON),
                        parameters.get(UNIX_MICROPYPATH),
                        path(parameters, QEMU),
                        path(parameters, QEMU_MICROBIT_FIRMWARE),
                        parameters.get(BOARD_PACING).map(String::trim).filter(s -> !s.isEmpty())
                                .map(EngineConfiguration::pacing),
                        bool(parameters, BOARD_CALIBRATE, true),
                        duration(parameters, BOARD_REPL_TIMEOUT, Duration.ofSeconds(5)),
                        positiveInt(parameters, SERIAL_BAUDRATE, 115200)),
                new TestbedConfiguration(
                        testbed(parameters, kinds),
                        path(parameters, FIRMWARE_DIR),
                        parameters.get(FIRMWARE_BUILD).map(String::trim).filter(value -> !value.isEmpty()),
                        duration(parameters, FIRMWARE_BUILD_TIMEOUT, Duration.ofMinutes(30)),
                        usbHealth(parameters),
                        hubPower(parameters),
                        flashing(parameters),
                        path(parameters, TESTBED_LOCK),
                        testbedUsb(parameters)),
                new ResultsConfiguration(parameters.get(RESULTS_DIR).map(String::strip).filter(value -> !value.isEmpty()),
                        parameters.get(ReportingConfigurationKeys.RESULTS_UPLOAD).map(String::strip)
                                .filter(value -> !value.isEmpty())),
                new PerfbenchConfiguration(positiveInt(parameters, PERFBENCH_AVERAGE, PerfbenchConfiguration.DEFAULT_AVERAGE),
                        perfbenchNm(parameters)));
    }

    private static final Pattern PERFBENCH_NM = Pattern.compile("(\\d+)\\s+(\\d+)");

    /** {@code 100 100}: run-perfbench.py's N and M, as its command line takes them. */
    private static Optional<Perfbench> perfbenchNm(ConfigurationParameters parameters) {
        Optional<String> value = parameters.get(PERFBENCH_N_M).map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = PERFBENCH_NM.matcher(value.get());
        try {
            if (matcher.matches()) {
                return Optional.of(new Perfbench(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            }
        } catch (IllegalArgumentException e) {
            // Zero or beyond an int: the message below says what is wanted.
        }
        throw new IllegalArgumentException(PERFBENCH_N_M + "=" + value.get() + " is not run-perfbench.py's N and M:"
                + " write two positive numbers, e.g. 100 100 (about the CPU's MHz and the heap's kB)");
    }

    /**
     * The testbed inventory, read and checked at discovery: its variants make the tree. It replaces
     * {@code micropython.target}; both at once would leave it unclear which boards to use.
     */
    private static Optional<Testbed> testbed(ConfigurationParameters parameters, TargetKinds kinds) {
        Optional<String> file = parameters.get(TESTBED).map(String::trim).filter(value -> !value.isEmpty());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (parameters.get(TARGET).map(String::trim).filter(value -> !value.isEmpty()).isPresent()) {
            throw new IllegalArgumentException("both " + TARGET + " and " + TESTBED + " are set: a testbed inventory"
                    + " lists its own tentacles; set one of them");
        }
        try {
            return Optional.of(Testbed.load(Path.of(file.get()), kinds.emulatorKinds()));
        } catch (InventoryException e) {
            throw new IllegalArgumentException(TESTBED + "=" + file.get() + ": " + e.getMessage(), e);
        }
    }

    private static TestbedConfiguration.Flashing flashing(ConfigurationParameters parameters) {
        String value = parameters.get(FLASH).map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("");
        return switch (value) {
            case "", "auto" -> TestbedConfiguration.Flashing.AUTO;
            case "force" -> TestbedConfiguration.Flashing.FORCE;
            case "skip" -> TestbedConfiguration.Flashing.SKIP;
            default -> throw new IllegalArgumentException(FLASH + "=" + value + " is not auto, force or skip: auto"
                    + " flashes a board whose firmware differs from the variant's, force flashes every board, skip"
                    + " none");
        };
    }

    private static String testbedUsb(ConfigurationParameters parameters) {
        String value = parameters.get(TESTBED_USB).map(String::strip).orElse("");
        if (value.isEmpty() || value.equals("live")) {
            return "live";
        }
        if (value.startsWith(SimulatedUsb.SCHEME) && value.length() > SimulatedUsb.SCHEME.length()) {
            return value;
        }
        throw new IllegalArgumentException(TESTBED_USB + "=" + value + " is neither live (this machine's USB) nor "
                + SimulatedUsb.SCHEME + "<folder> (a simulated testbed, docs/tentacles.md)");
    }

    /** The variants on offer: the testbed's, else one per configured target. */
    public List<String> variants() {
        if (testbed.inventory().isPresent()) {
            return testbed.inventory().get().variants();
        }
        return targets.entries().stream().map(TargetSpec::variant).toList();
    }

    private static Optional<Path> path(ConfigurationParameters parameters, String key) {
        return parameters.get(key).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
    }

    private static boolean bool(ConfigurationParameters parameters, String key, boolean fallback) {
        Optional<String> value = parameters.get(key).map(s -> s.trim().toLowerCase(Locale.ROOT));
        if (value.isEmpty() || value.get().isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + value.get() + " is not true or false");
        };
    }

    private static final Pattern PACING = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*ms");

    /** {@code 32/4ms}: 32 bytes, then 4 ms. */
    private static Pacing pacing(String value) {
        Matcher matcher = PACING.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1) {
            throw new IllegalArgumentException(BOARD_PACING + "=" + value
                    + " is not a pacing: write <bytes>/<milliseconds>ms, e.g. 32/4ms (32 bytes, then a 4 ms pause)");
        }
        return Pacing.of(Integer.parseInt(matcher.group(1)), Duration.ofMillis(Long.parseLong(matcher.group(2))));
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mpunit");
    }

    private static List<TargetSpec> targets(ConfigurationParameters parameters, TargetKinds kinds) {
        List<String> entries = targetEntries(parameters.get(TARGET).orElse(""));
        if (entries.isEmpty()) {
            return List.of(kinds.parse(TargetSpec.WEBASSEMBLY));
        }
        Map<String, TargetSpec> targets = new LinkedHashMap<>();
        for (String entry : entries) {
            TargetSpec target;
            try {
                target = kinds.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TARGET + "=" + e.getMessage() + " (comma-separated for several)", e);
            }
            // qemu-microbit*2,qemu-microbit is three boards; a device named twice is still one board.
            targets.merge(target.variant(), target, (first, second) -> !first.board()
                    || first.provider().instances() == TargetProvider.Instances.ONE ? first
                    : new TargetSpec(first.variant(), first.provider(), first.boards() + second.boards()));
        }
        for (TargetSpec target : targets.values()) {
            if (target.boards() > TargetKinds.MAX_BOARDS) {
                throw new IllegalArgumentException(TARGET + " asks for " + target.boards() + " boards of "
                        + target.variant() + ": at most " + TargetKinds.MAX_BOARDS);
            }
        }
        return List.copyOf(targets.values());
    }

    /**
     * Comma-separated, except that an {@code exec:} or {@code execpty:} entry runs to the end: its
     * command may hold commas of its own (QEMU's {@code -device loader,file=…}).
     */
    static List<String> targetEntries(String value) {
        List<String> entries = new ArrayList<>();
        String rest = value;
        while (!rest.isBlank()) {
            String trimmed = rest.strip();
            int comma = trimmed.indexOf(',');
            if (trimmed.startsWith("exec:") || trimmed.startsWith("execpty:") || comma < 0) {
                entries.add(trimmed);
                break;
            }
            if (comma > 0 && !trimmed.substring(0, comma).isBlank()) {
                entries.add(trimmed.substring(0, comma).strip());
            }
            rest = trimmed.substring(comma + 1);
        }
        return entries;
    }

    private static Optional<String> mpyCross(ConfigurationParameters parameters) {
        return parameters.get(MPY_CROSS).map(String::trim).filter(value -> !value.isEmpty());
    }

    /**
     * What this run lacks to run a group, for discovery's warning and for the files it leaves out:
     * the .mpy groups need a user's mpy-cross. Empty when the group runs.
     */
    public Optional<String> unsupported(TestGroup group) {
        return unsupported(group, run.mpyCross());
    }

    private static Optional<String> unsupported(TestGroup group, Optional<String> mpyCross) {
        if (group.viaMpy() && mpyCross.isEmpty()) {
            return Optional.of("needs mpy-cross: set " + MPY_CROSS + " to the firmware's own mpy-cross (run-tests.py"
                    + " --via-mpy" + group.emit().map(emit -> " --emit " + emit).orElse("") + ")");
        }
        return Optional.empty();
    }

    private static GroupSelection groupSelection(ConfigurationParameters parameters, Predicate<TestGroup> supported) {
        List<TestGroup> groups = groupList(parameters, GROUPS);
        List<TestGroup> onlyGroup = groupList(parameters, ONLY_GROUP);
        if (!groups.isEmpty() && !onlyGroup.isEmpty() && !Set.copyOf(groups).equals(Set.copyOf(onlyGroup))) {
            throw new IllegalArgumentException(ONLY_GROUP + " is another name for " + GROUPS
                    + ": give one of them, not two different lists (" + GROUPS + "=" + GroupSelection.labels(groups)
                    + ", " + ONLY_GROUP + "=" + GroupSelection.labels(onlyGroup) + ")");
        }
        return GroupSelection.of(groups.isEmpty() ? onlyGroup : groups, groupList(parameters, SKIP_GROUP),
                futList(parameters, ONLY_FUT), futList(parameters, SKIP_FUT), supported);
    }

    private static List<TestGroup> groupList(ConfigurationParameters parameters, String key) {
        List<TestGroup> groups = new ArrayList<>();
        for (String label : list(parameters, key)) {
            groups.add(TestGroup.fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                    key + "=" + label + " is not a test group: use one of "
                            + GroupSelection.labels(List.of(TestGroup.values())))));
        }
        return groups;
    }

    private static List<Fut> futList(ConfigurationParameters parameters, String key) {
        List<Fut> futs = new ArrayList<>();
        for (String label : list(parameters, key)) {
            futs.add(Fut.fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                    key + "=" + label + " is not a FUT (feature under test): use one of "
                            + String.join(", ", Arrays.stream(Fut.values()).map(Fut::upstreamName).toList()))));
        }
        return futs;
    }

    private static HubPorts.Switch hubPower(ConfigurationParameters parameters) {
        String value = parameters.get(HUB_POWER).map(String::strip).orElse("");
        try {
            return value.isEmpty() ? HubPorts.Switch.AUTO : HubPorts.Switch.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HUB_POWER + "=" + value + " is not auto, sysfs or libusb");
        }
    }

    private static UsbHealthSettings usbHealth(ConfigurationParameters parameters) {
        String value = parameters.get(USB_HEALTH).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        UsbHealthSettings.Mode mode = switch (value) {
            case "", "auto" -> UsbHealthSettings.Mode.AUTO;
            case "on", "true", "yes" -> UsbHealthSettings.Mode.ON;
            case "off", "false", "no" -> UsbHealthSettings.Mode.OFF;
            default -> throw new IllegalArgumentException(USB_HEALTH + "=" + value + " is not auto, on or off");
        };
        return new UsbHealthSettings(mode, parameters.get(USB_HEALTH_COMMAND).map(String::strip).filter(s -> !s.isEmpty()));
    }

    private static Progress.Mode progress(ConfigurationParameters parameters) {
        String value = parameters.get(PROGRESS).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        return switch (value) {
            case "", "auto" -> Progress.Mode.AUTO;
            case "on", "true", "yes" -> Progress.Mode.ON;
            case "off", "false", "no" -> Progress.Mode.OFF;
            default -> throw new IllegalArgumentException(PROGRESS + "=" + value + " is not auto, on or off");
        };
    }

    private static List<String> list(ConfigurationParameters parameters, String key) {
        List<String> values = new ArrayList<>();
        for (String value : parameters.get(key).orElse("").split(",")) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    private static int positiveInt(ConfigurationParameters parameters, String key, int fallback) {
        return wholeNumber(parameters, key, fallback, 1, "a positive whole number");
    }

    private static int nonNegativeInt(ConfigurationParameters parameters, String key, int fallback) {
        return wholeNumber(parameters, key, fallback, 0, "a whole number of 0 or more");
    }

    /** @param wanted what the value must be, for the message */
    private static int wholeNumber(ConfigurationParameters parameters, String key, int fallback, int minimum,
            String wanted) {
        Optional<String> value = parameters.get(key).map(String::trim);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + value.get() + " is not " + wanted);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");

    /** Seconds by default, as run-tests.py's MICROPY_TEST_TIMEOUT; {@code 500ms}, {@code 2m} too; never zero. */
    static Duration duration(ConfigurationParameters parameters, String key, Duration fallback) {
        Optional<String> value = parameters.get(key).map(s -> s.trim().toLowerCase(Locale.ROOT));
        if (value.isEmpty() || value.get().isEmpty()) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.get());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(key + "=" + value.get()
                    + " is not a duration: write seconds (30), or 500ms, 30s, 2m");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m", "min" -> amount * 60_000;
            default -> amount * 1000;
        };
        // Every duration here is how long something may take: none of them can be nothing (at 0 every test
        // would time out, every board fail to answer).
        if (Math.round(millis) < 1) {
            throw new IllegalArgumentException(key + "=" + value.get()
                    + " is no time at all: give a positive duration, in seconds (30), or 500ms, 30s, 2m");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
