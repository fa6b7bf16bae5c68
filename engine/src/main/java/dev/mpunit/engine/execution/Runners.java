package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.GroupKind;
import dev.mpunit.engine.descriptor.TestGroup;

import java.util.EnumMap;
import java.util.Map;

/**
 * The runner of each kind of test group, for one run. A kind a table has no runner for goes
 * through the same seam and is skipped with the reason; a new kind of group is one runner added to
 * this table.
 */
final class Runners {

    private final Map<GroupKind, Runner> byKind;

    /** The engine's own table: run-tests.py's, run-perfbench.py's and run-multitests.py's runners. */
    Runners(RunTestsRunner runTests, PerfbenchRunner perfbench, MultitestsRunner multitests) {
        this(Map.of(GroupKind.RUN_TESTS, runTests, GroupKind.RUN_PERFBENCH, perfbench, GroupKind.RUN_MULTITESTS,
                multitests));
    }

    /** @param byKind the runner of each kind of group this run can run */
    Runners(Map<GroupKind, ? extends Runner> byKind) {
        this.byKind = byKind.isEmpty() ? new EnumMap<>(GroupKind.class) : new EnumMap<>(byKind);
    }

    Runner of(TestGroup group) {
        Runner runner = byKind.get(group.runner());
        // A group lacks only its runner, and runs once the table has one (the .mpy groups' mpy-cross
        // is discovery's to check: their files are not in the tree without it).
        if (runner == null) {
            return new Runner.NotSupportedYet(group);
        }
        return runner;
    }
}
