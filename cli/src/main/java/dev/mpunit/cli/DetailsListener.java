package dev.mpunit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * JUnit's tree ({@code --details tree}, {@code --verbose}): every container and test with its
 * result and its report entries; or the same flat ({@code --details flat}), one line per node with
 * its whole path. Printed whole when the run ends: tests finish in parallel, and a tree printed as
 * they do would interleave branches (the progress line shows the run meanwhile).
 */
final class DetailsListener implements TestExecutionListener {

    private final PrintWriter out;
    private final boolean flat;
    private final Map<String, String> results = new HashMap<>();
    private final Map<String, List<ReportEntry>> entries = new HashMap<>();

    DetailsListener(PrintWriter out, boolean flat) {
        this.out = out;
        this.flat = flat;
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entries.computeIfAbsent(test.getUniqueId(), id -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        results.put(test.getUniqueId(), "↷ " + reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String mark = switch (result.getStatus()) {
            case SUCCESSFUL -> "✔";
            case ABORTED -> "■";
            case FAILED -> "✘";
        };
        results.put(test.getUniqueId(), result.getThrowable().map(Throwable::getMessage)
                .filter(message -> message != null && !message.isBlank()).map(message -> mark + " " + message).orElse(mark));
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            print(plan, root, "", "");
        }
        out.flush();
    }

    /**
     * @param lead what stands before the node's name: the tree's branch, or (flat) its ancestors' names
     * @param indent what stands before its children's branches and its entries
     */
    private void print(TestPlan plan, TestIdentifier node, String lead, String indent) {
        out.println(lead + node.getDisplayName() + " " + results.getOrDefault(node.getUniqueId(), "(not run)"));
        List<TestIdentifier> children = new ArrayList<>(plan.getChildren(node));
        String below = flat ? "    " : indent + (children.isEmpty() ? "   " : "│  ") + "   ";
        for (ReportEntry entry : entries.getOrDefault(node.getUniqueId(), List.of())) {
            entry.getKeyValuePairs().forEach((key, value) ->
                    out.println(below + key + " = " + value.replace("\n", "\n" + below + "  ")));
        }
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            if (flat) {
                print(plan, children.get(i), lead + node.getDisplayName() + " > ", "");
            } else {
                print(plan, children.get(i), indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "));
            }
        }
    }
}
