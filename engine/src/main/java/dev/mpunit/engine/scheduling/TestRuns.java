package dev.mpunit.engine.scheduling;

import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestGroup;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mpunit.hardware.testbed.Fut;

/** The bartender's view of a test file's test run: its group's urgency and what it needs of a tentacle. */
public final class TestRuns {

    /** Every feature under test: what a local port or a single configured board is taken to offer. */
    public static final Set<String> EVERY_FUT = Arrays.stream(Fut.values()).map(Fut::name).collect(Collectors.toSet());

    private TestRuns() {
    }

    static TestRun of(TestFileDescriptor file) {
        TestGroup group = file.group();
        return new TestRun(group.label(), group.priority(), file.variant(), Set.of(group.fut().name()),
                group.needsReferenceTentacle());
    }
}
