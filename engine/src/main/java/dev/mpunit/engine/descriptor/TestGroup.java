package dev.mpunit.engine.descriptor;

import dev.mpunit.engine.execution.Runner;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import dev.mpunit.hardware.testbed.Fut;

/**
 * What kind of run a test file belongs to (Octoprobe's TestRunSpec label), with what upstream's
 * testbed gives each: the FUT a tentacle must offer, how many tentacles a run takes, the
 * whole-group timeout and the scheduling priority. The directory a file lives in decides its
 * group, as upstream decides which runner and which flags a directory gets.
 *
 * <p>Declared in the order upstream's summary report lists groups (its {@code label_order}), so
 * documentation and reports read the same as Octoprobe's.
 */
public enum TestGroup {
    RUN_TESTS_STANDARD("RUN-TESTS_STANDARD", GroupKind.RUN_TESTS, Fut.MCU_ONLY, 1, Duration.ofHours(1)),
    // The .mpy groups need a user's mpy-cross (micropython.mpy-cross): EngineConfiguration.unsupported says so.
    RUN_TESTS_STANDARD_NATIVE("RUN-TESTS_STANDARD_NATIVE", GroupKind.RUN_TESTS, Fut.MCU_ONLY, 1, Duration.ofHours(1)),
    RUN_TESTS_STANDARD_VIA_MPY("RUN-TESTS_STANDARD_VIA_MPY", GroupKind.RUN_TESTS, Fut.MCU_ONLY, 1, Duration.ofHours(1)),
    // Upstream's perfbench asks for FUT_EXTMOD_HARDWARE, not MCU_ONLY: kept so the same tentacles qualify.
    RUN_PERFBENCH("RUN-PERFBENCH", GroupKind.RUN_PERFBENCH, Fut.EXTMOD_HARDWARE, 1, Duration.ofMinutes(4)),
    RUN_TESTS_EXTMOD_HARDWARE("RUN-TESTS_EXTMOD_HARDWARE", GroupKind.RUN_TESTS, Fut.EXTMOD_HARDWARE, 1, Duration.ofSeconds(30)),
    RUN_TESTS_EXTMOD_HARDWARE_NATIVE("RUN-TESTS_EXTMOD_HARDWARE_NATIVE", GroupKind.RUN_TESTS, Fut.EXTMOD_HARDWARE, 1,
            Duration.ofSeconds(30)),
    RUN_TESTS_NET_HOSTED("RUN-TESTS_NET_HOSTED", GroupKind.RUN_TESTS, Fut.WLAN, 1, Duration.ofMinutes(1)),
    RUN_TESTS_NET_INET("RUN-TESTS_NET_INET", GroupKind.RUN_TESTS, Fut.WLAN, 1, Duration.ofMinutes(1)),
    RUN_MULTITESTS_MULTIBLUETOOTH("RUN-MULTITESTS_MULTIBLUETOOTH", GroupKind.RUN_MULTITESTS, Fut.BLE, 2, Duration.ofMinutes(4)),
    RUN_MULTITESTS_MULTINET("RUN-MULTITESTS_MULTINET", GroupKind.RUN_MULTITESTS, Fut.WLAN, 2, Duration.ofMinutes(4));

    /**
     * Upstream adds one minute per tentacle to every group's budget for flashing, so a timeout
     * covers the flash as well as the tests (its TIMEOUT_FLASH_S).
     */
    static final Duration FLASH_ALLOWANCE = Duration.ofMinutes(1);

    private final String label;
    private final GroupKind runner;
    private final Fut fut;
    private final int tentacles;
    private final Duration testTime;

    TestGroup(String label, GroupKind runner, Fut fut, int tentacles, Duration testTime) {
        this.label = label;
        this.runner = runner;
        this.fut = fut;
        this.tentacles = tentacles;
        this.testTime = testTime;
    }

    public String label() {
        return label;
    }

    /** The semantics its files run with: upstream's script for the group. */
    public GroupKind runner() {
        return runner;
    }

    /** What every tentacle of a run must offer; a reference tentacle needs the same. */
    public Fut fut() {
        return fut;
    }

    /** Tentacles one run occupies: 1, or 2 where the second is the reference tentacle. */
    int tentacles() {
        return tentacles;
    }

    public boolean needsReferenceTentacle() {
        return tentacles > 1;
    }

    /** The whole group's budget on one board variant: its tests plus flashing each tentacle. */
    Duration timeout() {
        return testTime.plus(FLASH_ALLOWANCE.multipliedBy(tentacles));
    }

    /**
     * Lower runs first. Upstream gives every test group the same priority (only its
     * flash-format maintenance run goes before), so no group jumps the queue here either: the
     * bartender's next criterion, the longest expected work, decides.
     */
    public int priority() {
        return 0;
    }

    /** Whether its tests are compiled to {@code .mpy} first (run-tests.py's {@code --via-mpy}). */
    public boolean viaMpy() {
        return this == RUN_TESTS_STANDARD_VIA_MPY || this == RUN_TESTS_STANDARD_NATIVE
                || this == RUN_TESTS_EXTMOD_HARDWARE_NATIVE;
    }

    /** The emitter the group asks for ({@code --emit native}); empty: the run's {@code micropython.emit}. */
    public Optional<String> emit() {
        return this == RUN_TESTS_STANDARD_NATIVE || this == RUN_TESTS_EXTMOD_HARDWARE_NATIVE
                ? Optional.of("native") : Optional.empty();
    }

    /** The group whose directories this one runs: the .mpy groups run the standard (or extmod_hardware) tests again. */
    public TestGroup directoriesOf() {
        return switch (this) {
            case RUN_TESTS_STANDARD_VIA_MPY, RUN_TESTS_STANDARD_NATIVE -> RUN_TESTS_STANDARD;
            case RUN_TESTS_EXTMOD_HARDWARE_NATIVE -> RUN_TESTS_EXTMOD_HARDWARE;
            default -> this;
        };
    }

    public static Optional<TestGroup> fromLabel(String label) {
        return Arrays.stream(values()).filter(g -> g.label.equals(label)).findFirst();
    }

    /**
     * The group of a test directory of an upstream-style tree ({@code basics}, {@code net_inet},
     * {@code ports/unix}); empty for directories that hold no tests ({@code feature_check}). The
     * mpy-cross groups run the same directories differently, so no directory names them.
     */
    public static Optional<TestGroup> ofDirectory(String topDirectory) {
        return switch (topDirectory) {
            case "basics", "micropython", "misc", "extmod", "stress", "float", "unicode", "thread",
                    "inlineasm", "ports", "import", "cmdline", "io" -> Optional.of(RUN_TESTS_STANDARD);
            case "extmod_hardware" -> Optional.of(RUN_TESTS_EXTMOD_HARDWARE);
            case "net_hosted" -> Optional.of(RUN_TESTS_NET_HOSTED);
            case "net_inet" -> Optional.of(RUN_TESTS_NET_INET);
            case "perf_bench" -> Optional.of(RUN_PERFBENCH);
            case "multi_net" -> Optional.of(RUN_MULTITESTS_MULTINET);
            case "multi_bluetooth" -> Optional.of(RUN_MULTITESTS_MULTIBLUETOOTH);
            default -> Optional.empty();
        };
    }
}
