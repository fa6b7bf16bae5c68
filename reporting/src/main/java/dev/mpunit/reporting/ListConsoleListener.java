package dev.mpunit.reporting;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.MicroPythonTestId;
import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.Verdicts;

/**
 * The console of a dry run ({@code micropython.console=list} with {@code micropython.dry-run=true}, what
 * {@code list-tests} gives): per test group and variant a heading, then one line per file in
 * run-tests.py's {@code --dry-run} words ({@code found basics/x.py}, {@code skip  basics/y.py (reason)}),
 * sorted by path as run-tests.py lists them, then the counts. Printed once the run has ended: files
 * end in the order tentacles take them, a list reads in path order.
 *
 * <p>A file that did run (the key without a dry run) is listed with its verdict; one that failed before
 * it could be listed (its target did not start) with {@code FAIL} and why. Reads only JUnit's events and
 * the {@code micropython.*} report entries; silent unless the key asks for it.
 */
public final class ListConsoleListener implements TestExecutionListener {

    /** The value of {@link ReportingConfigurationKeys#CONSOLE} that turns this console on. */
    static final String LIST = "list";

    private final PrintStream out;
    private boolean active;
    private TestPlan plan;
    private final Map<String, Map<String, String>> entries = new HashMap<>();
    /** Per "group on variant", per file, the word and the reason. */
    private final Map<String, Map<String, Line>> listed = new TreeMap<>();

    /** For the launcher's service loader: standard output. */
    public ListConsoleListener() {
        this(System.out);
    }

    ListConsoleListener(PrintStream out) {
        this.out = out;
    }

    private record Line(String word, String reason) {
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan plan) {
        active = plan.getConfigurationParameters().get(ReportingConfigurationKeys.CONSOLE).map(String::strip)
                .filter(LIST::equals).isPresent();
        this.plan = active ? plan : null;
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        String verdict = entry.getKeyValuePairs().get(ReportEntryKeys.VERDICT);
        // A found file's entry comes after its skip, which listed it already.
        if (active && verdict != null && !verdict.equals(Verdicts.FOUND)) {
            entries.put(test.getUniqueId(), entry.getKeyValuePairs());
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (!active) {
            return;
        }
        // A found file's entry comes after its skip: the reason says it.
        boolean found = Verdicts.FOUND_REASON.equals(reason);
        for (TestIdentifier file : RunTestsConsoleListener.withDescendants(plan, test)) {
            list(file, found ? Verdicts.FOUND : Verdicts.SKIP, found ? null : reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!active) {
            return;
        }
        Map<String, String> values = entries.remove(test.getUniqueId());
        if (values != null) {
            list(test, values.getOrDefault(ReportEntryKeys.VERDICT, Verdicts.FAIL), values.get(ReportEntryKeys.REASON));
            return;
        }
        // Failed before a verdict (a target that did not start): the list must not hide it.
        String message = result.getThrowable().map(Throwable::getMessage).orElse(null);
        switch (result.getStatus()) {
            case FAILED -> list(test, Verdicts.FAIL, message);
            case ABORTED -> list(test, Verdicts.SKIP, message);
            case SUCCESSFUL -> {
                // A container (group, variant) ending: its files were listed.
            }
        }
    }

    private void list(TestIdentifier test, String verdict, String reason) {
        Optional<MicroPythonTestId> id = MicroPythonTestId.find(test.getUniqueId());
        if (id.isEmpty() || id.get().file() == null || id.get().testCase() != null) {
            return;
        }
        listed.computeIfAbsent(id.get().group() + " on " + id.get().variant(), run -> new TreeMap<>())
                .put(id.get().file(), new Line(verdict, reason));
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (!active) {
            return;
        }
        Map<String, Integer> total = new TreeMap<>();
        boolean first = true;
        for (Map.Entry<String, Map<String, Line>> run : listed.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(run.getKey());
            Map<String, Integer> counts = new TreeMap<>();
            run.getValue().forEach((file, line) -> {
                // run-tests.py's words and widths: "found basics/x.py", "skip  basics/y.py", "FAIL  basics/z.py".
                String word = Verdicts.FAIL.equals(line.word()) ? "FAIL" : line.word();
                out.println(String.format("%-5s %s", word, file) + RunTestsConsoleListener.reason(line.reason()));
                counts.merge(line.word(), 1, Integer::sum);
                total.merge(line.word(), 1, Integer::sum);
            });
            out.println(counts(counts));
        }
        if (listed.size() > 1) {
            out.println();
            out.println("all " + listed.size() + " test runs: " + counts(total));
        }
        out.flush();
        listed.clear();
        entries.clear();
        this.plan = null;
    }

    /** {@code 950 found, 104 skipped}: found and skipped always, the verdicts of files that ran when there are any. */
    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        parts.add(counts.getOrDefault(Verdicts.FOUND, 0) + " found");
        parts.add(counts.getOrDefault(Verdicts.SKIP, 0) + " skipped");
        counts.forEach((word, count) -> {
            if (!word.equals(Verdicts.FOUND) && !word.equals(Verdicts.SKIP)) {
                parts.add(count + " " + (word.equals(Verdicts.FAIL) ? "failed" : word.equals(Verdicts.PASS) ? "passed" : word));
            }
        });
        return String.join(", ", parts);
    }
}
