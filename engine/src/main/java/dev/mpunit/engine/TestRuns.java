package dev.mpunit.engine;

import java.util.Set;

/** The bartender's view of a test file's test run: its group's urgency and what it needs of a tentacle. */
final class TestRuns {

    /** Every feature under test: what a local port or a single configured board is taken to offer. */
    static final Set<String> EVERY_FUT = Set.of("MCU_ONLY", "EXTMOD_HARDWARE", "WLAN", "BLE");

    private TestRuns() {
    }

    static TestRun of(TestFileDescriptor file) {
        TestGroup group = file.group();
        return new TestRun(group.label(), group.priority(), file.variant(), needs(group),
                group == TestGroup.RUN_MULTITESTS_MULTINET || group == TestGroup.RUN_MULTITESTS_MULTIBLUETOOTH);
    }

    private static Set<String> needs(TestGroup group) {
        return switch (group) {
            case RUN_TESTS_STANDARD, RUN_PERFBENCH -> Set.of("MCU_ONLY");
            case RUN_TESTS_EXTMOD_HARDWARE -> Set.of("EXTMOD_HARDWARE");
            case RUN_TESTS_NET_HOSTED, RUN_TESTS_NET_INET, RUN_MULTITESTS_MULTINET -> Set.of("WLAN");
            case RUN_MULTITESTS_MULTIBLUETOOTH -> Set.of("BLE");
        };
    }
}
