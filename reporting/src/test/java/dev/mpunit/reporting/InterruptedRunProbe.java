package dev.mpunit.reporting;

import java.nio.file.Path;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * A JVM that runs the engine on a tree of slow tests with two workers and the results folder
 * listener, printing one line per event, and ends with System.exit as the console launcher does;
 * {@link InterruptedRunTest} interrupts it from outside. Arguments: the tree, the results folder.
 */
public final class InterruptedRunProbe {

    private InterruptedRunProbe() {
    }

    public static void main(String[] args) {
        Path tree = Path.of(args[0]);
        TestExecutionListener events = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                if (test.isTest()) {
                    print("started " + test.getDisplayName());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                print("skipped " + test.getDisplayName() + " " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    print("finished " + test.getDisplayName() + " " + result.getStatus() + " "
                            + result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }

            @Override
            public void testPlanExecutionFinished(TestPlan plan) {
                print("plan finished");
            }
        };
        var discovery = EngineRun.request(tree)
                .configurationParameter("micropython.workers", "2")
                .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, args[1])
                .build();
        EngineRun.launcher().execute(LauncherExecutionRequestBuilder.request(discovery)
                .listeners(new ResultsFolderListener(), events).build());
        System.exit(0);
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
