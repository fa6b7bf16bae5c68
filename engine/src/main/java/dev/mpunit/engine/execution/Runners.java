package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.GroupKind;
import dev.mpunit.engine.descriptor.TestGroup;

import java.util.EnumMap;
import java.util.Map;

/**
 * The runner of each kind of test group, for one run. Kinds this engine has no runner for yet
 * (run-perfbench.py, run-multitests.py) go through the same seam and are skipped with the reason
 * discovery already warned about; a new kind of group is one runner added to this table.
 */
final class Runners {

    private final Map<GroupKind, Runner> byKind;

    /** The engine's own table: run-tests.py's runner only. */
    Runners(RunTestsRunner runTests) {
        this(Map.of(GroupKind.RUN_TESTS, runTests));
    }

    /** @param byKind the runner of each kind of group this run can run */
    Runners(Map<GroupKind, ? extends Runner> byKind) {
        this.byKind = byKind.isEmpty() ? new EnumMap<>(GroupKind.class) : new EnumMap<>(byKind);
    }

    Runner of(TestGroup group) {
        Runner runner = byKind.get(group.runner());
        // A run-tests.py group the engine does not support needs mpy-cross, which no runner brings yet;
        // a group of another kind lacks only its runner, and runs once the table has one.
        if (runner == null || group.runner() == GroupKind.RUN_TESTS && !group.supported()) {
            return new Runner.NotSupportedYet(group);
        }
        return runner;
    }
}
