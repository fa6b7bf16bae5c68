package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.GroupKind;
import dev.mpunit.engine.descriptor.TestGroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Every kind of test group goes through the runner seam; what this engine cannot run yet says why. */
class RunnersTest {

    private final RunTestsRunner runTests = new RunTestsRunner(null, null, null, null);
    private final PerfbenchRunner perfbench = new PerfbenchRunner(null, null, null, null);
    private final MultitestsRunner multitests = new MultitestsRunner(List.of("python3"), null, null, false);
    private final Runners runners = new Runners(runTests, perfbench, multitests);

    @Test
    void runTestsGroupsGetRunTestsSemantics() {
        assertThat(runners.of(TestGroup.RUN_TESTS_STANDARD)).isSameAs(runTests);
        assertThat(runners.of(TestGroup.RUN_TESTS_NET_INET)).isSameAs(runTests);
        assertThat(TestGroup.RUN_TESTS_STANDARD_NATIVE.runner()).isEqualTo(GroupKind.RUN_TESTS);
    }

    @Test
    void thePerfbenchGroupGetsRunPerfbenchSemantics() {
        assertThat(runners.of(TestGroup.RUN_PERFBENCH)).isSameAs(perfbench);
    }

    @Test
    void theTwoBoardGroupsGetRunMultitestsSemantics() {
        assertThat(runners.of(TestGroup.RUN_MULTITESTS_MULTINET)).isSameAs(multitests);
        assertThat(runners.of(TestGroup.RUN_MULTITESTS_MULTIBLUETOOTH)).isSameAs(multitests);
    }

    @Test
    void benchmarkAndTwoBoardGroupsNameTheirOwnRunner() {
        assertThat(TestGroup.RUN_PERFBENCH.runner()).isEqualTo(GroupKind.RUN_PERFBENCH);
        assertThat(TestGroup.RUN_MULTITESTS_MULTINET.runner()).isEqualTo(GroupKind.RUN_MULTITESTS);
        assertThat(TestGroup.RUN_MULTITESTS_MULTIBLUETOOTH.runner()).isEqualTo(GroupKind.RUN_MULTITESTS);
    }

    @Test
    void aGroupNotSupportedYetIsSkippedThroughTheSeamWithWhatItNeeds() throws Exception {
        for (TestGroup group : TestGroup.values()) {
            assertThat(runners.of(group)).as("the engine's table has a runner for every group")
                    .isNotInstanceOf(Runner.NotSupportedYet.class);
        }
        assertThat(new Runners(Map.of(GroupKind.RUN_TESTS, runTests)).of(TestGroup.RUN_MULTITESTS_MULTINET)
                .run(null, null, Optional.empty(), null))
                .isEqualTo(new Outcome.Skipped("RUN-MULTITESTS_MULTINET is not supported yet: this run has no runner"
                        + " for RUN_MULTITESTS"));
    }

    @Test
    void aRunnerGivenForAKindRunsItsGroupsWhatElseIsMissingStaysSkipped() {
        Runner twoBoard = (file, lease, reference, started) -> new Outcome.Skipped("a two-board runner of a test");
        Runners table = new Runners(Map.of(GroupKind.RUN_TESTS, runTests, GroupKind.RUN_MULTITESTS, twoBoard));
        assertThat(table.of(TestGroup.RUN_MULTITESTS_MULTINET)).isSameAs(twoBoard);
        assertThat(table.of(TestGroup.RUN_MULTITESTS_MULTIBLUETOOTH)).isSameAs(twoBoard);
        assertThat(table.of(TestGroup.RUN_TESTS_STANDARD)).isSameAs(runTests);
        assertThat(table.of(TestGroup.RUN_PERFBENCH)).as("no runner for its kind")
                .isEqualTo(new Runner.NotSupportedYet(TestGroup.RUN_PERFBENCH));
        assertThat(table.of(TestGroup.RUN_TESTS_STANDARD_VIA_MPY)).as("run-tests.py's runner, compiling first")
                .isSameAs(runTests);
    }
}
