package dev.mpunit.reporting;

import static dev.mpunit.reporting.FakePlan.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;

import dev.mpunit.contract.ReportEntryKeys;

/**
 * The Allure bridge for a file run more than once and for a quarantined failure, driven entry by
 * entry without an engine or a target: each run's output is attached, the runs' verdicts are a
 * parameter, Allure's flaky mark is set, and the test's own output is its last run's.
 */
class AllureAttemptsTest {

    @TempDir
    Path allure;

    @AfterEach
    void freshLifecycle() {
        Allure.setLifecycle(new AllureLifecycle());
    }

    @Test
    void eachRunOfAFlakyFileIsAttachedAndTheResultIsMarkedFlaky() throws IOException {
        Allure.setLifecycle(new AllureLifecycle(new FileSystemResultsWriter(allure)));
        FakePlan fake = new FakePlan(Map.of());
        FakePlan.Node toggle = fake.file("basics/toggle.py");
        AllureEntriesListener listener = new AllureEntriesListener(true);
        listener.testPlanExecutionStarted(fake.plan());
        listener.reportingEntryPublished(id(toggle), RunTestsConsoleListenerTest.attempt(1, "fail", "wrong\n", null, null));
        listener.reportingEntryPublished(id(toggle), RunTestsConsoleListenerTest.attempt(2, "pass", "right\n", "fail pass",
                "flaky"));

        TestResult result = new TestResult().setStatus(Status.PASSED);
        result.getLabels().add(new Label().setName(AllureResultEnricher.UNIQUE_ID_LABEL).setValue(id(toggle).getUniqueId()));
        new AllureResultEnricher().beforeTestWrite(result);

        Map<String, String> attached = new LinkedHashMap<>();
        for (Attachment attachment : result.getAttachments()) {
            attached.put(attachment.getName(), Files.readString(allure.resolve(attachment.getSource()), StandardCharsets.UTF_8));
        }
        assertThat(attached).containsEntry("attempt 1: fail on webassembly#1", "wrong\n")
                .containsEntry("attempt 2: pass on webassembly#1", "right\n")
                .as("the test's own output is its last run's").containsEntry("output", "right\n");
        assertThat(result.getParameters()).extracting(Parameter::getName, Parameter::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("attempts", "fail pass"));
        assertThat(result.getStatusDetails().isFlaky()).isTrue();
    }

    @Test
    void aQuarantinedFailureSaysWhyInAParameter() {
        FakePlan fake = new FakePlan(Map.of());
        FakePlan.Node known = fake.file("basics/known.py");
        AllureEntriesListener listener = new AllureEntriesListener(true);
        listener.testPlanExecutionStarted(fake.plan());
        Map<String, String> values = new LinkedHashMap<>(
                ResultsFolderListenerTest.entries("fail", "output differs", null, null).getKeyValuePairs());
        values.put(ReportEntryKeys.QUARANTINED, "listed in q.json for RUN-TESTS_STANDARD basics/known.py on *");
        listener.reportingEntryPublished(id(known), ReportEntry.from(values));

        TestResult result = new TestResult().setStatus(Status.SKIPPED);
        result.getLabels().add(new Label().setName(AllureResultEnricher.UNIQUE_ID_LABEL).setValue(id(known).getUniqueId()));
        new AllureResultEnricher().beforeTestWrite(result);

        assertThat(result.getParameters()).extracting(Parameter::getName, Parameter::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("quarantined",
                        "listed in q.json for RUN-TESTS_STANDARD basics/known.py on *"));
    }
}
