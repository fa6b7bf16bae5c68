package dev.mpunit.engine;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of run a test file belongs to (Octoprobe's TestRunSpec label). The directory a file
 * lives in decides its group, as upstream decides which runner and which flags a directory gets.
 */
enum TestGroup {
    RUN_TESTS_STANDARD("RUN-TESTS_STANDARD", 10, true),
    RUN_TESTS_EXTMOD_HARDWARE("RUN-TESTS_EXTMOD_HARDWARE", 20, true),
    RUN_TESTS_NET_HOSTED("RUN-TESTS_NET_HOSTED", 30, true),
    RUN_TESTS_NET_INET("RUN-TESTS_NET_INET", 30, true),
    RUN_PERFBENCH("RUN-PERFBENCH", 40, false),
    RUN_MULTITESTS_MULTINET("RUN-MULTITESTS_MULTINET", 50, false),
    RUN_MULTITESTS_MULTIBLUETOOTH("RUN-MULTITESTS_MULTIBLUETOOTH", 50, false);

    private final String label;
    private final int priority;
    private final boolean runTestsSemantics;

    TestGroup(String label, int priority, boolean runTestsSemantics) {
        this.label = label;
        this.priority = priority;
        this.runTestsSemantics = runTestsSemantics;
    }

    String label() {
        return label;
    }

    /** Lower runs first; the bartender hands out work of a more urgent group before the rest. */
    int priority() {
        return priority;
    }

    /** Whether this engine can judge the group yet: run-tests.py semantics only, so far. */
    boolean supported() {
        return runTestsSemantics;
    }

    static Optional<TestGroup> fromLabel(String label) {
        return Arrays.stream(values()).filter(g -> g.label.equals(label)).findFirst();
    }

    /**
     * The group of a test directory of an upstream-style tree ({@code basics}, {@code net_inet},
     * {@code ports/unix}); empty for directories that hold no tests ({@code feature_check}).
     */
    static Optional<TestGroup> ofDirectory(String topDirectory) {
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
