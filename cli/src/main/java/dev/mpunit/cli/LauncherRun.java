package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.DiscoveryIssueException;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * One run of the JUnit Platform launcher in this process: discovery, then (unless discovery found
 * an error or nothing to run) execution, and the exit code. The reporting listeners (results folder,
 * the run-tests.py console, Allure) come through the launcher's service loader, as under the console
 * launcher; the listeners added here are the ones the options ask for.
 *
 * @param details what JUnit's view adds on {@code out}: nothing, its summary, or also every test flat or as a tree
 * @param launcherLog the launcher's own log lines (java.util.logging); without them each discovery issue is
 *        one line here instead of the launcher's several
 * @param reportsDir where the legacy JUnit XML reports go ({@code --reports-dir}), if anywhere
 * @param failFast cancel the run after the first failure
 */
record LauncherRun(Details details, boolean launcherLog, Optional<Path> reportsDir, boolean failFast) {

    /** The console launcher's --details that mpunit gives: none is run-tests.py's console instead of JUnit's view. */
    enum Details { none, summary, flat, tree }

    int run(RunRequest request, PrintWriter out, PrintWriter err) {
        Logger junit = Logger.getLogger("org.junit");
        Level level = junit.getLevel();
        if (!launcherLog) {
            junit.setLevel(Level.OFF);
        }
        try {
            return discoverAndExecute(request, out, err);
        } finally {
            junit.setLevel(level);
        }
    }

    private int discoverAndExecute(RunRequest request, PrintWriter out, PrintWriter err) {
        DiscoveryIssues issues = new DiscoveryIssues();
        try (LauncherSession session = LauncherFactory.openSession()) {
            TestPlan plan;
            try {
                plan = session.getLauncher().discover(request.discoveryRequest(issues));
            } catch (DiscoveryIssueException e) {
                // A critical issue (an error): the launcher stops here, and the listener has it in the engine's words.
                plan = null;
            }
            List<DiscoveryIssue> said = issues.all();
            boolean refused = plan == null || issues.anyError();
            if ((refused || !plan.containsTests()) && said.size() > 1 && !launcherLog) {
                // Nothing runs: the engine says first what was wrong, then what follows from it (nothing left
                // of a selection, no test). The first is the one line to act on; --verbose shows every one.
                err.println(said.get(0).message() + " (and " + (said.size() - 1) + " more: --verbose shows them)");
            } else {
                said.forEach(issue -> err.println(issue.message()));
            }
            err.flush();
            if (refused) {
                // The message named the key and what to give; running would only fail every test with it.
                return Cli.USAGE;
            }
            if (!plan.containsTests()) {
                if (said.isEmpty()) {
                    err.println("mpunit: no test found: give a directory of MicroPython tests (*.py) or a test file");
                }
                return Cli.USAGE;
            }
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            List<TestExecutionListener> listeners = new ArrayList<>(List.of(summary));
            if (details == Details.flat || details == Details.tree) {
                listeners.add(new DetailsListener(out, details == Details.flat));
            }
            reportsDir.ifPresent(folder -> listeners.add(new LegacyXmlReportGeneratingListener(folder, out)));
            CancellationToken cancellation = CancellationToken.create();
            if (failFast) {
                listeners.add(new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                            cancellation.cancel();
                        }
                    }
                });
            }
            session.getLauncher().execute(LauncherExecutionRequestBuilder.request(plan)
                    .listeners(listeners.toArray(TestExecutionListener[]::new)).cancellationToken(cancellation).build());
            TestExecutionSummary totals = summary.getSummary();
            if (details != Details.none) {
                // As the console launcher prints them: the failures (run-tests.py's console shows their diffs instead), the counts.
                if (totals.getTotalFailureCount() > 0) {
                    totals.printFailuresTo(out, 15);
                }
                totals.printTo(out);
                out.flush();
            }
            return totals.getTotalFailureCount() > 0 ? Cli.FAILED : Cli.OK;
        }
    }
}
