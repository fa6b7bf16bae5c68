package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static dev.mpunit.reporting.ResultsFolderListenerTest.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.IdSegments;
import dev.mpunit.contract.ReportingConfigurationKeys;

/** The dry run's list console driven event by event over a plan shaped like the engine's. */
class ListConsoleListenerTest {

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private ListConsoleListener listener() {
        return new ListConsoleListener(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static FakePlan dryRun(String console) {
        return new FakePlan(Map.of(ReportingConfigurationKeys.CONSOLE, console, ReportingConfigurationKeys.DRY_RUN, "true"));
    }

    /** As the engine reports a found file: skipped, then its entry. */
    private static void found(ListConsoleListener listener, FakePlan.Node file) {
        listener.executionSkipped(id(file), "found (dry run)");
        listener.reportingEntryPublished(id(file), entries("found", "found (dry run)", null, null));
    }

    @Test
    void withoutTheKeyItPrintsNothing() {
        FakePlan fake = dryRun("run-tests");
        FakePlan.Node file = fake.file("basics/list1.py");
        ListConsoleListener listener = listener();
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        found(listener, file);
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void listsEachGroupAndVariantInPathOrderInRunTestsWordsThenTheCounts() {
        FakePlan fake = dryRun("list");
        FakePlan.Node list1 = fake.file("basics/list1.py");
        FakePlan.Node native1 = fake.file("micropython/native_k.py");
        FakePlan.Node andor = fake.file("basics/andor.py");
        FakePlan.Node unittest = new FakePlan.Node(fake.variant.getUniqueId().append(IdSegments.FILE, "extmod/unittest_x.py"),
                "extmod/unittest_x.py", TestDescriptor.Type.CONTAINER_AND_TEST);
        fake.variant.addChild(unittest);
        FakePlan.Node selectedCase = new FakePlan.Node(unittest.getUniqueId().append(IdSegments.CASE, "test_a"), "test_a",
                TestDescriptor.Type.TEST);
        unittest.addChild(selectedCase);
        ListConsoleListener listener = listener();
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        // In the order tentacles finish them, not the list's.
        found(listener, list1);
        listener.executionSkipped(id(native1), "target has no native emitter (native_/viper_ test)");
        found(listener, unittest);
        found(listener, andor);
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                RUN-TESTS_STANDARD on webassembly
                found basics/andor.py
                found basics/list1.py
                found extmod/unittest_x.py
                skip  micropython/native_k.py (target has no native emitter (native_/viper_ test))
                3 found, 1 skipped
                """);
    }

    @Test
    void aWholeVariantSkippedListsEveryFileBelowItAndSeveralRunsGetATotal() {
        FakePlan fake = dryRun("list");
        FakePlan.Node list1 = fake.file("basics/list1.py");
        FakePlan.Node group = new FakePlan.Node(fake.engine.getUniqueId().append(IdSegments.GROUP, "RUN-PERFBENCH"),
                "RUN-PERFBENCH", TestDescriptor.Type.CONTAINER);
        fake.engine.addChild(group);
        FakePlan.Node variant = new FakePlan.Node(group.getUniqueId().append(IdSegments.VARIANT, "webassembly"),
                "webassembly", TestDescriptor.Type.CONTAINER);
        group.addChild(variant);
        for (String name : new String[] {"perf_bench/bm_b.py", "perf_bench/bm_a.py"}) {
            variant.addChild(new FakePlan.Node(variant.getUniqueId().append(IdSegments.FILE, name), name,
                    TestDescriptor.Type.TEST));
        }
        ListConsoleListener listener = listener();
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        found(listener, list1);
        listener.executionSkipped(id(variant), "no tentacle offers webassembly");
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                RUN-PERFBENCH on webassembly
                skip  perf_bench/bm_a.py (no tentacle offers webassembly)
                skip  perf_bench/bm_b.py (no tentacle offers webassembly)
                0 found, 2 skipped

                RUN-TESTS_STANDARD on webassembly
                found basics/list1.py
                1 found, 0 skipped

                all 2 test runs: 1 found, 2 skipped
                """);
    }

    /** A target that could not start fails its files before the skip rules: the list shows it, never hides it. */
    @Test
    void aFileThatFailedOrRanIsListedWithItsVerdict() {
        FakePlan fake = dryRun("list");
        FakePlan.Node broken = fake.file("basics/broken.py");
        FakePlan.Node ran = fake.file("basics/ran.py");
        ListConsoleListener listener = listener();
        TestPlan plan = fake.plan();

        listener.testPlanExecutionStarted(plan);
        listener.executionStarted(id(broken));
        listener.executionFinished(id(broken), TestExecutionResult.failed(new IllegalStateException(
                "node was not found: install Node.js 18 or newer")));
        listener.executionStarted(id(ran));
        listener.reportingEntryPublished(id(ran), entries("pass", null, null, null));
        listener.executionFinished(id(ran), TestExecutionResult.successful());
        listener.testPlanExecutionFinished(plan);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                RUN-TESTS_STANDARD on webassembly
                FAIL  basics/broken.py (node was not found: install Node.js 18 or newer)
                pass  basics/ran.py
                0 found, 0 skipped, 1 failed, 1 passed
                """);
    }
}
