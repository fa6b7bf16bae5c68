package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestGroup;

/**
 * The runner of each kind of test group, for one run. Groups this engine cannot judge yet (no
 * mpy-cross, no benchmark or two-board runner) go through the same seam and are skipped with the
 * reason discovery already warned about.
 */
final class Runners {

    private final RunTestsRunner runTests;

    Runners(RunTestsRunner runTests) {
        this.runTests = runTests;
    }

    Runner of(TestGroup group) {
        if (!group.supported()) {
            return new Runner.NotSupportedYet(group);
        }
        return switch (group.runner()) {
            case RUN_TESTS -> runTests;
            case RUN_PERFBENCH, RUN_MULTITESTS -> new Runner.NotSupportedYet(group);
        };
    }
}
