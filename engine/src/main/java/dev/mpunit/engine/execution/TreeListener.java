package dev.mpunit.engine.execution;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The JUnit listener as workers see it: calls are serialised (workers report from their own
 * threads), a container is started by the first child that starts and finished after its last
 * child, and no node is reported twice.
 */
final class TreeListener {

    private final EngineExecutionListener delegate;
    private final Map<TestDescriptor, Integer> openChildren = new HashMap<>();
    private final Set<TestDescriptor> started = new HashSet<>();
    private final Set<TestDescriptor> done = new HashSet<>();
    private final Set<TestDescriptor> failed = new HashSet<>();

    TreeListener(EngineExecutionListener delegate, TestDescriptor engine) {
        this.delegate = delegate;
        countChildren(engine);
    }

    private void countChildren(TestDescriptor descriptor) {
        openChildren.put(descriptor, descriptor.getChildren().size());
        descriptor.getChildren().forEach(this::countChildren);
    }

    synchronized void started(TestDescriptor descriptor) {
        if (done.contains(descriptor)) {
            // Already ended (skipped after an interruption, say): a late start would be a second verdict.
            return;
        }
        descriptor.getParent().ifPresent(this::startContainer);
        if (started.add(descriptor)) {
            delegate.executionStarted(descriptor);
        }
    }

    private void startContainer(TestDescriptor container) {
        if (!started.contains(container)) {
            started(container);
        }
    }

    synchronized void skipped(TestDescriptor descriptor, String reason) {
        descriptor.getParent().ifPresent(this::startContainer);
        if (done.add(descriptor)) {
            delegate.executionSkipped(descriptor, reason);
            childDone(descriptor);
        }
    }

    synchronized void finished(TestDescriptor descriptor, TestExecutionResult result) {
        if (done.add(descriptor)) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed.add(descriptor);
            }
            delegate.executionFinished(descriptor, result);
            childDone(descriptor);
        }
    }

    /** Finishes a test file; cases of it that were never reported are skipped with the reason first. */
    synchronized void finishedSkippingOpenChildren(TestDescriptor file, TestExecutionResult result, String reason) {
        for (TestDescriptor child : List.copyOf(file.getChildren())) {
            if (!done.contains(child)) {
                skipped(child, reason);
            }
        }
        finished(file, result);
    }

    synchronized void dynamicTestRegistered(TestDescriptor descriptor) {
        openChildren.merge(descriptor.getParent().orElseThrow(), 1, Integer::sum);
        openChildren.put(descriptor, 0);
        delegate.dynamicTestRegistered(descriptor);
    }

    synchronized void reportingEntryPublished(TestDescriptor descriptor, ReportEntry entry) {
        delegate.reportingEntryPublished(descriptor, entry);
    }

    synchronized void fileEntryPublished(TestDescriptor descriptor, FileEntry entry) {
        delegate.fileEntryPublished(descriptor, entry);
    }

    synchronized boolean isStarted(TestDescriptor descriptor) {
        return started.contains(descriptor);
    }

    synchronized boolean hasFailed(TestDescriptor descriptor) {
        return failed.contains(descriptor) || descriptor.getChildren().stream().anyMatch(failed::contains);
    }

    synchronized boolean isDone(TestDescriptor descriptor) {
        return done.contains(descriptor);
    }

    /** A container whose last child is done is finished, unless it is a test itself (a unittest file). */
    private void childDone(TestDescriptor child) {
        child.getParent().ifPresent(parent -> {
            int open = openChildren.merge(parent, -1, Integer::sum);
            if (open == 0 && started.contains(parent) && !parent.isTest() && parent.getParent().isPresent()) {
                finished(parent, TestExecutionResult.successful());
            }
        });
    }
}
