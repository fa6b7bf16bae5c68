package dev.mpunit.reporting;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.mpunit.contract.MicroPythonTestId;
import dev.mpunit.contract.ReportEntryKeys;

/**
 * The collecting half of mpunit's Allure bridge ({@code docs/allure.md}): keeps each MicroPython
 * test's {@code micropython.*} report entries and output files until Allure writes the test's
 * result, where {@link AllureResultEnricher} turns them into parameters and attachments.
 *
 * <p>Found by the launcher's service loader; does nothing unless Allure is on the class path.
 * It refers to no Allure type, so it loads without Allure. Listener order does not matter: the
 * engine publishes a test's entries before it finishes the test, and Allure writes a result only
 * when the test finishes, whichever listener hears of it first.
 */
public final class AllureEntriesListener implements TestExecutionListener {

    static final String ALLURE_LISTENER_API = "io.qameta.allure.listener.TestLifecycleListener";

    private final boolean active;
    private volatile Secrets secrets = Secrets.none();
    /** What this launcher's run stored, so that it can be dropped when the run ends. */
    private final Set<String> stored = ConcurrentHashMap.newKeySet();

    /** For the launcher's service loader. */
    public AllureEntriesListener() {
        this(allurePresent());
    }

    AllureEntriesListener(boolean active) {
        this.active = active;
    }

    static boolean allurePresent() {
        try {
            Class.forName(ALLURE_LISTENER_API, false, AllureEntriesListener.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (active) {
            secrets = Secrets.of(plan.getConfigurationParameters());
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        if (!active || MicroPythonTestId.find(test.getUniqueId()).isEmpty()) {
            return;
        }
        Map<String, String> ours = new HashMap<>();
        entry.getKeyValuePairs().forEach((key, value) -> {
            if (key.startsWith(ReportEntryKeys.PREFIX)) {
                ours.put(key, value);
            }
        });
        if (!ours.isEmpty()) {
            AllureEntries.Collected collected = AllureEntries.of(test.getUniqueId());
            collected.secrets(secrets);
            if (ours.containsKey(ReportEntryKeys.ATTEMPT)) {
                collected.putAttempt(ours);
            } else {
                collected.putAll(ours);
            }
            stored.add(test.getUniqueId());
        }
    }

    @Override
    public void fileEntryPublished(TestIdentifier test, FileEntry file) {
        if (!active || MicroPythonTestId.find(test.getUniqueId()).isEmpty()) {
            return;
        }
        Path path = file.getPath();
        Path name = path.getFileName();
        if (name != null) {
            AllureEntries.Collected collected = AllureEntries.of(test.getUniqueId());
            collected.secrets(secrets);
            collected.putFile(name.toString(), path);
            stored.add(test.getUniqueId());
        }
    }

    /** Drops what Allure never took (Allure's own listener not registered, say). */
    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        stored.forEach(AllureEntries::forget);
        stored.clear();
    }
}
