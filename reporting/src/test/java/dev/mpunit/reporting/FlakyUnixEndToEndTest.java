package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * Issue 15's "Must show" on a real MicroPython: the unix port runs a file that fails every other
 * time (it toggles a marker file) and one that always fails but is quarantined, with
 * {@code micropython.retry-failed=1}. The launcher's summary has no failure (the exit code the
 * console launcher and Surefire give); the console, the results folder and Allure show the flaky file
 * with both runs' outputs and the quarantined one as quarantined.
 *
 * <p>Runs when {@code MPUNIT_TEST_UNIX_MICROPYTHON} names a unix port (as the engine's unix-port
 * tests); without it it skips saying so, also in CI, which has no unix port. The scripted-target
 * tests of the engine ({@code FlakyEngineTest}) show the same rules everywhere.
 */
class FlakyUnixEndToEndTest {

    static final String RUN = "RUN-TESTS_STANDARD@unix";

    @TempDir
    Path temp;

    @Test
    void aFileThatFailsEveryOtherTimeIsFlakyAndAQuarantinedFailureFailsNothing() throws IOException {
        String configured = System.getenv("MPUNIT_TEST_UNIX_MICROPYTHON");
        assumeTrue(configured != null && !configured.isBlank(),
                "no unix port configured: set MPUNIT_TEST_UNIX_MICROPYTHON to a micropython built in ports/unix");
        assumeTrue(Files.isExecutable(Path.of(configured)), "MPUNIT_TEST_UNIX_MICROPYTHON=" + configured
                + " is not an executable file");
        Path tree = temp.resolve("tests");
        Path basics = Files.createDirectories(tree.resolve("basics"));
        Path marker = temp.resolve("marker");
        Files.writeString(basics.resolve("toggle.py"), """
                import os
                try:
                    os.stat(%s)
                    os.remove(%<s)
                    print("right")
                except OSError:
                    open(%<s, "w").close()
                    print("wrong")
                """.formatted("\"" + marker + "\""));
        Files.writeString(basics.resolve("toggle.py.exp"), "right\n");
        Files.writeString(basics.resolve("known_bad.py"), "print(1)\n");
        Files.writeString(basics.resolve("known_bad.py.exp"), "2\n");
        Path quarantine = Files.writeString(temp.resolve("quarantine.json"),
                "{\"RUN-TESTS_STANDARD\": {\"basics/known_bad.py\": [\"*\"]}}");
        Path results = temp.resolve("results");
        Path allure = temp.resolve("allure");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SummaryGeneratingListener junit = new SummaryGeneratingListener();

        String previousDirectory = System.getProperty(AllureEndToEndTest.RESULTS_DIRECTORY);
        System.setProperty(AllureEndToEndTest.RESULTS_DIRECTORY, allure.toString());
        try {
            Allure.setLifecycle(new AllureLifecycle());
            TestExecutionListener allureListener = new AllureJunitPlatform();
            EngineRun.execute(EngineRun.request(tree)
                    .configurationParameter("micropython.target", "unix")
                    .configurationParameter("micropython.unix.micropython", configured)
                    .configurationParameter("micropython.workers", "2")
                    .configurationParameter("micropython.retry-failed", "1")
                    .configurationParameter("micropython.quarantine", quarantine.toString())
                    .configurationParameter(ReportingConfigurationKeys.CONSOLE, "run-tests")
                    .configurationParameter(ReportingConfigurationKeys.RESULTS_DIR, results.toString())
                    .configurationParameter("junit.platform.reporting.output.dir", temp.resolve("junit").toString())
                    .build(), junit, new ResultsFolderListener(),
                    new RunTestsConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8), false, false),
                    allureListener, new AllureEntriesListener());
        } finally {
            if (previousDirectory == null) {
                System.clearProperty(AllureEndToEndTest.RESULTS_DIRECTORY);
            } else {
                System.setProperty(AllureEndToEndTest.RESULTS_DIRECTORY, previousDirectory);
            }
            Allure.setLifecycle(new AllureLifecycle());
        }

        // The console launcher's exit code and Surefire's verdict come from these counts.
        assertThat(junit.getSummary().getTotalFailureCount()).isZero();
        assertThat(junit.getSummary().getTestsAbortedCount()).as("the quarantined file").isEqualTo(1);
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("flaky  basics/toggle.py (1 of 2 attempts failed)\n",
                "quarantined  basics/known_bad.py (", "+++ basics/toggle.py.attempt-1.out\n",
                "1 tests flaky (their attempts disagreed): basics/toggle.py\n",
                "1 tests failed and were quarantined: basics/known_bad.py\n").doesNotContain("tests failed: ");

        Path run = results.resolve(RUN);
        assertThat(run.resolve("basics_toggle.py.attempt-1.out")).hasContent("wrong\n");
        assertThat(run.resolve("basics_toggle.py.attempt-2.out")).hasContent("right\n");
        assertThat(results.resolve("summary_report.md")).content()
                .contains("| RUN-TESTS\\_STANDARD | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |", "[flaky](", "[quarantined](");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> contextResults = (List<Map<String, Object>>) JsonReader.object(
                Files.readString(run.resolve("context_test.json"))).get("results");
        Map<String, Object> toggle = contextResults.stream().filter(r -> r.get("name").equals("basics/toggle.py"))
                .findFirst().orElseThrow();
        assertThat(toggle).containsEntry("result", "pass").containsEntry("flaky", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) toggle.get("attempts");
        assertThat(attempts).extracting(a -> a.get("result")).containsExactly("fail", "pass");
        assertThat(attempts.get(0).get("tentacle")).as("the retry ran on the variant's other tentacle")
                .isNotEqualTo(attempts.get(1).get("tentacle"));

        Map<String, Map<String, Object>> allureResults = AllureEndToEndTest.resultsByUniqueId(allure);
        Map<String, Object> flaky = allureResults.values().stream()
                .filter(r -> "basics/toggle.py".equals(r.get("name"))).findFirst().orElseThrow();
        assertThat(flaky).containsEntry("status", "passed");
        assertThat(AllureEndToEndTest.attachmentContents(allure, flaky))
                .containsEntry("attempt 1: fail on " + attempts.get(0).get("tentacle"), "wrong\n")
                .containsEntry("attempt 2: pass on " + attempts.get(1).get("tentacle"), "right\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) flaky.get("statusDetails");
        assertThat(details).containsEntry("flaky", true);
        Map<String, Object> quarantined = allureResults.values().stream()
                .filter(r -> "basics/known_bad.py".equals(r.get("name"))).findFirst().orElseThrow();
        assertThat(quarantined).containsEntry("status", "skipped");
        assertThat(AllureEndToEndTest.parameter(quarantined, "quarantined")).extracting(p -> p.get("value"))
                .asString().startsWith("listed in " + quarantine);
    }
}
