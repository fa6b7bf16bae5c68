package dev.mpunit.reporting;

import java.util.HashMap;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Counts tests the way JUnit's XML reports do, so the summary's JUnit line equals what CI reads
 * from {@code --reports-dir}: every identifier that is a test (a file, a unittest-based file and
 * each of its cases), aborted and skipped ones (with every test under a skipped container) as
 * skipped, failed ones as failed whatever the throwable (XML splits them into failures and errors).
 */
final class JunitCounts {

    /** The counts at one moment. */
    record Totals(int tests, int failed, int skipped) {
        int passed() {
            return tests - failed - skipped;
        }
    }

    // By id: an identifier counts once, with its last status.
    private final Map<UniqueId, TestExecutionResult.Status> statuses = new HashMap<>();

    void finished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            statuses.put(test.getUniqueIdObject(), result.getStatus());
        }
    }

    void skipped(TestIdentifier test) {
        if (test.isTest()) {
            statuses.put(test.getUniqueIdObject(), TestExecutionResult.Status.ABORTED);
        }
    }

    Totals totals() {
        int failed = 0;
        int skipped = 0;
        for (TestExecutionResult.Status status : statuses.values()) {
            switch (status) {
                case FAILED -> failed++;
                case ABORTED -> skipped++;
                default -> {
                }
            }
        }
        return new Totals(statuses.size(), failed, skipped);
    }
}
