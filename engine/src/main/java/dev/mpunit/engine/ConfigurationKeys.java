package dev.mpunit.engine;

import java.util.List;
import java.util.stream.Stream;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * Every {@code micropython.*} configuration parameter mpunit reads, by area, as JUnit configuration
 * parameters take them ({@code junit-platform.properties}, {@code @ConfigurationParameter},
 * {@code --config}, {@code -D}). {@code docs/configuration.md} has the whole story of each key; the
 * one-line summaries here name the default. The engine reads them once, at discovery: a key it does
 * not know is refused there, with the nearest known one, and so is a value it cannot use.
 */
public final class ConfigurationKeys {

    /** What every key of mpunit's starts with. */
    public static final String PREFIX = "micropython.";

    // --- selection: which files and variants

    /** Tests roots that file ids are relative to, for re-running a test by unique id; default: search. */
    public static final String ROOT = PREFIX + "root";
    /** Test groups a selection of a whole tests root covers; default {@code RUN-TESTS_STANDARD}. */
    public static final String GROUPS = PREFIX + "groups";
    /** {@link #GROUPS} under mptest's name for it. */
    public static final String ONLY_GROUP = PREFIX + "only-group";
    /** Test groups left out wherever their files were selected. */
    public static final String SKIP_GROUP = PREFIX + "skip-group";
    /** Only groups that need one of these FUTs ({@code FUT_MCU_ONLY}, {@code FUT_WLAN}, …). */
    public static final String ONLY_FUT = PREFIX + "only-fut";
    /** Groups that need one of these FUTs are left out. */
    public static final String SKIP_FUT = PREFIX + "skip-fut";
    /** Only these of the variants on offer (mptest's {@code --only-board}). */
    public static final String ONLY_VARIANT = PREFIX + "only-variant";
    /** These variants are left out (mptest's {@code --skip-board}). */
    public static final String SKIP_VARIANT = PREFIX + "skip-variant";
    /** Regexes a test's relative path must contain (run-tests.py's {@code -i}). */
    public static final String INCLUDE = PREFIX + "include";
    /** Regexes that leave a test out (run-tests.py's {@code -e}). */
    public static final String EXCLUDE = PREFIX + "exclude";
    /** run-tests.py's ordered {@code -e}/{@code -i} form: the last matching regex wins. */
    public static final String FILTER = PREFIX + "filter";

    // --- run: how the files run and are judged

    /** Instances per local variant that run tests at once; default: the number of cores. */
    public static final String WORKERS = PREFIX + "workers";
    /** At most this many tentacles on this machine run tests at once; default from cores and memory. */
    public static final String MAX_LOCAL_TENTACLES = PREFIX + "max-local-tentacles";
    /** How long one test may run before it is judged {@code TIMEOUT}; default 30 s. */
    public static final String TIMEOUT = PREFIX + "timeout";
    /** The emitter, {@code bytecode} (default) or {@code native}. */
    public static final String EMIT = PREFIX + "emit";
    /** {@code -X heapsize=} for the target; default: the target's own. */
    public static final String HEAPSIZE = PREFIX + "heapsize";
    /** The CPython that computes expected outputs; default {@code python3}. */
    public static final String CPYTHON = PREFIX + "cpython";
    /** How long CPython may take for one expected output; default 30 s. */
    public static final String CPYTHON_TIMEOUT = PREFIX + "cpython.timeout";
    /** The cache directory; default {@code $XDG_CACHE_HOME/mpunit} or {@code ~/.cache/mpunit}. */
    public static final String CACHE = PREFIX + "cache";
    /** Outputs larger than this many bytes become file entries; default 4096. */
    public static final String INLINE_OUTPUT_LIMIT = PREFIX + "report.inline-limit";
    /** The firmware's own mpy-cross, for the .mpy groups ({@code RUN-TESTS_STANDARD_VIA_MPY}, {@code …_NATIVE}); default none. */
    public static final String MPY_CROSS = PREFIX + "mpy-cross";
    /** The live progress line on stderr: {@code auto} (default), {@code on}, {@code off}. */
    public static final String PROGRESS = PREFIX + "progress";
    /**
     * {@code true}: every file is taken as far as running it and then reported skipped instead, as
     * {@code found} or with its skip rule's reason (run-tests.py's {@code --dry-run}); default {@code false}.
     * The results folder listener reads it too: see {@link ReportingConfigurationKeys#DRY_RUN}.
     */
    public static final String DRY_RUN = ReportingConfigurationKeys.DRY_RUN;

    /** How many times each file runs; default 1. A file whose runs disagree is {@code flaky}. */
    public static final String COUNT = PREFIX + "count";
    /** How many more times a failed file runs, on another tentacle of its variant when there is one; default 0. */
    public static final String RETRY_FAILED = PREFIX + "retry-failed";
    /** Known failures (the xfail file's format) that fail no run while they are shown as quarantined. */
    public static final String QUARANTINE = PREFIX + "quarantine";
    /**
     * Test files (paths relative to the tests root, comma-separated) handed out before any other: a change's own
     * test files ({@code mpunit --changed-since}); default none.
     */
    public static final String FIRST_FILES = PREFIX + "first-files";

    /** RUN-PERFBENCH: runs per benchmark (run-perfbench.py's {@code -a}); default 8. */
    public static final String PERFBENCH_AVERAGE = PREFIX + "perfbench.average";
    /** RUN-PERFBENCH: {@code N M} for tentacles whose inventory entry has none; default per kind of target. */
    public static final String PERFBENCH_N_M = PREFIX + "perfbench.n-m";

    // --- targets: what MicroPython runs on

    /** The variants to run every selected file on, comma-separated; default {@code webassembly}. */
    public static final String TARGET = PREFIX + "target";
    /** The npm webassembly MicroPython's version; default {@value #DEFAULT_WEBASSEMBLY_VERSION}. */
    public static final String WEBASSEMBLY_VERSION = PREFIX + "webassembly.version";
    /** A {@code micropython.mjs} to use instead of the npm package. */
    public static final String WEBASSEMBLY_MJS = PREFIX + "webassembly.mjs";
    /** The Node.js command; default {@code node}. */
    public static final String NODE = PREFIX + "node";
    /** The npm command of the first-use install; default {@code npm}. */
    public static final String NPM = PREFIX + "npm";
    /** The unix port's executable; default {@code micropython} on {@code PATH}. */
    public static final String UNIX_MICROPYTHON = PREFIX + "unix.micropython";
    /** {@code MICROPYPATH} for the unix port; default unset. */
    public static final String UNIX_MICROPYPATH = PREFIX + "unix.micropypath";
    /** The QEMU executable of {@code qemu-microbit}; default {@code qemu-system-arm} on {@code PATH}. */
    public static final String QEMU = PREFIX + "qemu";
    /** The firmware the emulated micro:bit boots; default Debian's {@code firmware-microbit-micropython}. */
    public static final String QEMU_MICROBIT_FIRMWARE = PREFIX + "qemu-microbit.firmware";
    /** How code is written to a board without raw-paste, {@code <bytes>/<ms>ms}; default the board's own. */
    public static final String BOARD_PACING = PREFIX + "board.pacing";
    /** Whether a board's pacing is calibrated at connection; default {@code true}. */
    public static final String BOARD_CALIBRATE = PREFIX + "board.calibrate";
    /** How long a board may take to enter the raw REPL or soft reset; default 5 s. */
    public static final String BOARD_REPL_TIMEOUT = PREFIX + "board.repl-timeout";
    /** Baud rate of serial ports; default 115200. */
    public static final String SERIAL_BAUDRATE = PREFIX + "serial.baudrate";

    /** The npm webassembly MicroPython installed when {@link #WEBASSEMBLY_VERSION} is not set. */
    public static final String DEFAULT_WEBASSEMBLY_VERSION = "1.27.0";

    // --- testbed: real and emulated tentacles, firmware

    /** A testbed inventory (JSON): its tentacles are the run's, its variants the tree's. */
    public static final String TESTBED = ReportingConfigurationKeys.TESTBED;
    /** Where each variant's firmware is, for flashing. */
    public static final String FIRMWARE_DIR = PREFIX + "firmware.dir";
    /** A command that builds one variant's firmware ({@code {variant}}, {@code {board}}, {@code {build_dir}}). */
    public static final String FIRMWARE_BUILD = PREFIX + "firmware.build";
    /** How long one firmware build may take; default 30 min. */
    public static final String FIRMWARE_BUILD_TIMEOUT = PREFIX + "firmware.build-timeout";
    /** Whether a testbed run watches the kernel log for USB errors: {@code auto} (tentacles on USB), {@code on}, {@code off}. */
    public static final String USB_HEALTH = PREFIX + "usb-health";
    /** The command printing new kernel log lines (run with {@code sh -c}); default journalctl -k or dmesg. */
    public static final String USB_HEALTH_COMMAND = PREFIX + "usb-health.command";
    /** How tentacle hub ports are switched: {@code auto} (sysfs when writable, else libusb), {@code sysfs}, {@code libusb}. */
    public static final String HUB_POWER = PREFIX + "hub-power";
    /**
     * Whether a real tentacle's board is flashed: {@code auto} (default) when its firmware differs from
     * the variant's, {@code force} always, {@code skip} never (Octoprobe's {@code --flash-force}, {@code --flash-skip}).
     */
    public static final String FLASH = PREFIX + "flash";
    /** The testbed lock file; default {@code /tmp/mpunit/testbed.lock} ({@code <folder>/testbed.lock} when simulated). */
    public static final String TESTBED_LOCK = PREFIX + "testbed.lock";
    /** Whose USB drives real tentacles: {@code live} (default, this machine) or {@code simulated:<folder>}. */
    public static final String TESTBED_USB = PREFIX + "testbed.usb";

    // --- results: read by the reporting listeners (and checked by the engine at discovery)

    /** The results folder; see {@link ReportingConfigurationKeys#RESULTS_DIR}. */
    public static final String RESULTS_DIR = ReportingConfigurationKeys.RESULTS_DIR;

    private ConfigurationKeys() {
    }

    /**
     * Every key mpunit reads: the engine's and the reporting listeners' (the engine knows those so that
     * a misspelt one is caught before anything runs). A new key is a constant here, a line in this
     * list and a row of {@code docs/configuration.md}; a test keeps the list and the page equal.
     */
    public static List<String> all() {
        return Stream.concat(Stream.of(
                ROOT, GROUPS, ONLY_GROUP, SKIP_GROUP, ONLY_FUT, SKIP_FUT, ONLY_VARIANT, SKIP_VARIANT,
                INCLUDE, EXCLUDE, FILTER,
                WORKERS, MAX_LOCAL_TENTACLES, TIMEOUT, EMIT, HEAPSIZE, CPYTHON, CPYTHON_TIMEOUT, CACHE,
                INLINE_OUTPUT_LIMIT, MPY_CROSS, PROGRESS, COUNT, RETRY_FAILED, QUARANTINE, FIRST_FILES, PERFBENCH_AVERAGE, PERFBENCH_N_M,
                TARGET, WEBASSEMBLY_VERSION, WEBASSEMBLY_MJS, NODE, NPM, UNIX_MICROPYTHON, UNIX_MICROPYPATH,
                QEMU, QEMU_MICROBIT_FIRMWARE, BOARD_PACING, BOARD_CALIBRATE, BOARD_REPL_TIMEOUT, SERIAL_BAUDRATE,
                FIRMWARE_DIR, FIRMWARE_BUILD, FIRMWARE_BUILD_TIMEOUT, USB_HEALTH, USB_HEALTH_COMMAND, HUB_POWER,
                FLASH, TESTBED_LOCK, TESTBED_USB),
                // micropython.testbed, micropython.dry-run and micropython.results.* are the contract's: the
                // listeners read them.
                ReportingConfigurationKeys.ALL.stream()).toList();
    }
}
