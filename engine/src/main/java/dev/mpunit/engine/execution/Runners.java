package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestGroup;

/**
 * The runner of each kind of test group, for one run. Groups this engine cannot judge yet (no
 * mpy-cross, no two-board runner) go through the same seam and are skipped with the
 * reason discovery already warned about.
 */
final class Runners {

    private final RunTestsRunner runTests;
    private final PerfbenchRunner perfbench;

    Runners(RunTestsRunner runTests, PerfbenchRunner perfbench) {
        this.runTests = runTests;
        this.perfbench = perfbench;
    }

    Runner of(TestGroup group) {
        if (!group.supported()) {
            return new Runner.NotSupportedYet(group);
        }
        return switch (group.runner()) {
            case RUN_TESTS -> runTests;
            case RUN_PERFBENCH -> perfbench;
            case RUN_MULTITESTS -> new Runner.NotSupportedYet(group);
        };
    }
}
