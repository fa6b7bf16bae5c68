package dev.mpunit.reporting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts tests the way JUnit's XML reports ({@code LegacyXmlReportGeneratingListener}, the console
 * launcher's {@code --reports-dir}) do, so the summary's JUnit line equals what CI reads from them:
 * every identifier that is a test (a file, a unittest-based file and each of its cases); skipped
 * when it or an ancestor was skipped or it was aborted; failed when it failed, or passed under a
 * failed ancestor (the XML gives every test the failures of its ancestors: the cases of a unittest
 * file that failed on its own, e.g. crashed); failures and errors together.
 */
final class JunitCounts {

    /** The counts at one moment. */
    record Totals(int tests, int failed, int skipped) {
        int passed() {
            return tests - failed - skipped;
        }
    }

    private final TestPlan plan;
    // By unique id, containers too: a test's ancestors decide with it.
    private final Map<String, TestExecutionResult.Status> statuses = new HashMap<>();
    private final Set<String> skipped = new HashSet<>();
    private final Set<TestIdentifier> tests = new LinkedHashSet<>();

    JunitCounts(TestPlan plan) {
        this.plan = plan;
    }

    void finished(TestIdentifier test, TestExecutionResult result) {
        statuses.put(test.getUniqueId(), result.getStatus());
        if (test.isTest()) {
            tests.add(test);
        }
    }

    void skipped(TestIdentifier test) {
        skipped.add(test.getUniqueId());
        if (test.isTest()) {
            tests.add(test);
        }
    }

    Totals totals() {
        int failed = 0;
        int skips = 0;
        for (TestIdentifier test : tests) {
            TestExecutionResult.Status own = statuses.get(test.getUniqueId());
            if (skipped.contains(test.getUniqueId()) || own == TestExecutionResult.Status.ABORTED) {
                skips++;
            } else if (own == TestExecutionResult.Status.FAILED || ancestorFailed(test)) {
                failed++;
            }
        }
        return new Totals(tests.size(), failed, skips);
    }

    private boolean ancestorFailed(TestIdentifier test) {
        Optional<TestIdentifier> parent = plan.getParent(test);
        while (parent.isPresent()) {
            if (statuses.get(parent.get().getUniqueId()) == TestExecutionResult.Status.FAILED) {
                return true;
            }
            parent = plan.getParent(parent.get());
        }
        return false;
    }
}
