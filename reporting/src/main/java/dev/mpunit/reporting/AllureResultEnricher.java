package dev.mpunit.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.qameta.allure.Allure;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;

import dev.mpunit.contract.MicroPythonTestId;
import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;

/**
 * The writing half of mpunit's Allure bridge ({@code docs/allure.md}): an Allure lifecycle
 * listener (found by Allure's service loader) that, just before Allure writes the result of a
 * {@code micropython} test, adds
 * <ul>
 * <li>the labels {@code parentSuite} = test group, {@code suite} = variant, {@code subSuite} =
 * the file's directory (from the unique id, so skipped tests get them too), and a
 * {@code fullName};</li>
 * <li>the parameters {@code tentacle} and {@code port}, marked <em>excluded</em> so that which
 * tentacle ran a test never splits its history;</li>
 * <li>the attachments {@code output}, {@code expected} and, when both are there, {@code diff}
 * (unified, expected → output); and the two texts as a failed result's status details'
 * expected/actual, in place of Allure's rendering of the assertion's values;</li>
 * <li>for a file run more than once, each run's output ({@code attempt 1: fail on fake#1}), the
 * parameter {@code attempts} and, when they disagreed, Allure's flaky mark; for a quarantined
 * failure, the parameter {@code quarantined}.</li>
 * </ul>
 * The report entries come from {@link AllureEntriesListener}. The result is recognised by the
 * {@code junit.platform.uniqueid} label Allure's JUnit Platform listener gives every result.
 *
 * <p>Attachment files are written through {@link Allure#getLifecycle()}, the lifecycle of the
 * service-loaded {@code AllureJunitPlatform}.
 */
public final class AllureResultEnricher implements TestLifecycleListener {

    static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";
    /** Outputs larger than this are attached but not diffed. */
    static final long MAX_DIFF_BYTES = 1 << 20;
    private static final String TEXT = "text/plain";

    @Override
    public void beforeTestWrite(TestResult result) {
        String uniqueId = label(result, UNIQUE_ID_LABEL);
        Optional<MicroPythonTestId> parsed = MicroPythonTestId.find(uniqueId);
        if (parsed.isEmpty()) {
            return;
        }
        MicroPythonTestId path = parsed.get();
        addLabelIfAbsent(result, "parentSuite", path.group());
        addLabelIfAbsent(result, "suite", path.variant());
        addLabelIfAbsent(result, "subSuite", path.directory());
        if (result.getFullName() == null) {
            result.setFullName(path.fullName());
        }
        AllureEntries.Collected collected = AllureEntries.take(uniqueId);
        if (collected != null) {
            attempts(result, collected.attempts(), collected.files(), collected.secrets());
            enrich(result, collected.entries(), collected.files(), collected.secrets());
        }
    }

    /**
     * A file run more than once: each run's output attached ({@code attempt 1: fail on fake#1}), the
     * verdicts as a parameter, and Allure's own flaky mark when they disagreed; a quarantined failure
     * says so in a parameter (Allure shows the aborted test as skipped, with the engine's reason).
     */
    private static void attempts(TestResult result, List<Map<String, String>> attempts, Map<String, Path> files,
            Secrets secrets) {
        for (Map<String, String> run : attempts) {
            String number = run.get(ReportEntryKeys.ATTEMPT);
            Text output = redacted(text(run.get(ReportEntryKeys.OUTPUT),
                    files.get(ReportEntryKeys.outputFile(Integer.parseInt(number.strip())))), secrets);
            if (output != null) {
                attach(result, "attempt " + number + ": " + ReportEntryKeys.attemptVerdict(run) + " on "
                        + run.get(ReportEntryKeys.TENTACLE), output.content(), ".txt");
            }
        }
        if (!attempts.isEmpty()) {
            Map<String, String> last = attempts.get(attempts.size() - 1);
            addParameter(result, "attempts", last.get(ReportEntryKeys.ATTEMPTS));
            if (Verdicts.FLAKY.equals(last.get(ReportEntryKeys.VERDICT))) {
                StatusDetails details = Optional.ofNullable(result.getStatusDetails()).orElseGet(StatusDetails::new);
                details.setFlaky(true);
                result.setStatusDetails(details);
            }
        }
    }

    private static void enrich(TestResult result, Map<String, String> entries, Map<String, Path> files,
            Secrets secrets) {
        addParameter(result, "tentacle", entries.get(ReportEntryKeys.TENTACLE));
        addParameter(result, "port", secrets.redact(entries.get(ReportEntryKeys.PORT)));
        addParameter(result, "perfbench N M", entries.get(ReportEntryKeys.PERFBENCH_PARAMS));
        addParameter(result, "perfbench", entries.get(ReportEntryKeys.PERFBENCH));
        addParameter(result, "quarantined", entries.get(ReportEntryKeys.QUARANTINED));
        // The last run's of a file run more than once: its file entries are named by the run.
        String attempt = entries.get(ReportEntryKeys.ATTEMPT);
        String outputFile = attempt == null ? ReportEntryKeys.OUTPUT_FILE : ReportEntryKeys.outputFile(Integer.parseInt(attempt.strip()));
        String expectedFile = attempt == null ? ReportEntryKeys.EXPECTED_FILE
                : ReportEntryKeys.expectedFile(Integer.parseInt(attempt.strip()));
        Text output = redacted(text(entries.get(ReportEntryKeys.OUTPUT), files.get(outputFile)), secrets);
        Text expected = redacted(text(entries.get(ReportEntryKeys.EXPECTED), files.get(expectedFile)), secrets);
        if (output != null) {
            attach(result, "output", output.content(), ".txt");
        }
        if (expected != null) {
            attach(result, "expected", expected.content(), ".txt");
        }
        if (output == null || expected == null || output.string() == null || expected.string() == null) {
            return;
        }
        String diff = UnifiedDiff.of("expected", expected.string(), "output", output.string());
        if (!diff.isEmpty()) {
            attach(result, "diff", diff.getBytes(StandardCharsets.UTF_8), ".diff");
        }
        if (result.getStatus() == Status.FAILED || result.getStatus() == Status.BROKEN) {
            StatusDetails details = Optional.ofNullable(result.getStatusDetails()).orElseGet(StatusDetails::new);
            // Allure renders the engine's AssertionFailedError values through opentest4j's
            // ValueWrapper ("text (java.lang.String@1b2c3d)"), which spoils its diff view: the
            // report entries hold the texts themselves.
            details.setExpected(expected.string());
            details.setActual(output.string());
            if (details.getMessage() == null) {
                details.setMessage(entries.get(ReportEntryKeys.REASON));
            }
            details.setMessage(secrets.redact(details.getMessage()));
            details.setTrace(secrets.redact(details.getTrace()));
            result.setStatusDetails(details);
        }
    }

    /** An output: its bytes, and as a string when small enough to diff. */
    private record Text(byte[] content, String string) {
    }

    private static Text redacted(Text text, Secrets secrets) {
        if (text == null) {
            return null;
        }
        byte[] content = secrets.redact(text.content());
        return new Text(content, text.string() == null ? null : new String(content, StandardCharsets.UTF_8));
    }

    private static Text text(String inline, Path file) {
        if (file != null && Files.isRegularFile(file)) {
            try {
                long size = Files.size(file);
                byte[] content = Files.readAllBytes(file);
                return new Text(content, size <= MAX_DIFF_BYTES ? new String(content, StandardCharsets.UTF_8) : null);
            } catch (IOException | OutOfMemoryError e) {
                String failed = "(could not read " + file + ": " + e + ")";
                return new Text(failed.getBytes(StandardCharsets.UTF_8), null);
            }
        }
        if (inline == null) {
            return null;
        }
        return new Text(inline.getBytes(StandardCharsets.UTF_8), inline);
    }

    private static void attach(TestResult result, String name, byte[] content, String extension) {
        String source = UUID.randomUUID() + "-attachment" + extension;
        try (InputStream stream = new ByteArrayInputStream(content)) {
            Allure.getLifecycle().writeAttachment(source, stream);
        } catch (IOException | RuntimeException e) {
            // An attachment that cannot be written must not lose the result itself.
            return;
        }
        result.getAttachments().add(new Attachment().setName(name).setType(TEXT).setSource(source));
    }

    private static void addParameter(TestResult result, String name, String value) {
        if (value == null || result.getParameters().stream().anyMatch(p -> name.equals(p.getName()))) {
            return;
        }
        result.getParameters().add(new Parameter().setName(name).setValue(value).setExcluded(true));
    }

    private static void addLabelIfAbsent(TestResult result, String name, String value) {
        if (value != null && label(result, name) == null) {
            result.getLabels().add(new Label().setName(name).setValue(value));
        }
    }

    private static String label(TestResult result, String name) {
        return result.getLabels().stream().filter(label -> name.equals(label.getName())).map(Label::getValue)
                .findFirst().orElse(null);
    }
}
